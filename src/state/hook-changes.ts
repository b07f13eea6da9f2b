/**
 * What changed in the hook definitions since the state was written. The hooks are the judge of a run
 * (see docs/hooks.md): a check replaced by `command: "true"` between two runs would let `resume` complete
 * a task that fails, so a resumed run lists every difference. The state keeps a fingerprint of each hook,
 * not the hook itself: commands and environment values can hold secrets, so they are kept only as salted
 * hashes, which say whether they changed but not what they are. The settings that are plain numbers and
 * flags are kept as they are, so the message can say `timeout 300 → 60`.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { HookConfig } from '../config/types.js';

/** One hook as the state remembers it. */
export interface HookFingerprint {
  /** Salted hash of the command. */
  command: string;
  /** Relative to the repository root (POSIX); null when the hook runs in the task's path. */
  working_dir: string | null;
  /** Salted hash of each variable's value, by name. */
  env: Record<string, string>;
  timeout: number;
  stop_on_failure: boolean;
  retry_count: number;
  retry_delay: number;
  capture_output: boolean;
  log_output: boolean;
  quiet: boolean;
}

/** Every hook of the configuration, and the salt their hashes were made with. */
export interface HookSnapshot {
  salt: string;
  hooks: Record<string, HookFingerprint>;
}

/** Settings shown with their old and new value. */
const PLAIN_SETTINGS = [
  'timeout',
  'stop_on_failure',
  'retry_count',
  'retry_delay',
  'capture_output',
  'log_output',
  'quiet',
] as const;

export function snapshotHooks(
  hooks: Record<string, HookConfig>,
  repoRoot: string,
  salt = randomBytes(8).toString('hex'),
): HookSnapshot {
  const fingerprints: Record<string, HookFingerprint> = {};
  for (const [name, hook] of Object.entries(hooks)) fingerprints[name] = fingerprint(hook, repoRoot, salt);
  return { salt, hooks: fingerprints };
}

function fingerprint(hook: HookConfig, repoRoot: string, salt: string): HookFingerprint {
  const env = Object.fromEntries(Object.entries(hook.env).map(([k, v]) => [k, digest(salt, v)]));
  const workingDir =
    hook.working_dir === undefined
      ? null
      : path.relative(repoRoot, hook.working_dir).split(path.sep).join('/') || '.';
  const plain = Object.fromEntries(PLAIN_SETTINGS.map((key) => [key, hook[key]])) as Pick<
    HookFingerprint,
    (typeof PLAIN_SETTINGS)[number]
  >;
  return { command: digest(salt, hook.command), working_dir: workingDir, env, ...plain };
}

function digest(salt: string, value: string): string {
  return createHash('sha256').update(salt).update('\0').update(value).digest('hex').slice(0, 16);
}

/** One line per changed hook, e.g. `~ hook test changed: command, timeout 300 → 60`; empty when none. */
export function describeHookChanges(
  previous: HookSnapshot,
  current: Record<string, HookConfig>,
  repoRoot: string,
): string[] {
  const now = snapshotHooks(current, repoRoot, previous.salt).hooks;
  const lines: string[] = [];
  for (const [name, hook] of Object.entries(now)) {
    const old = previous.hooks[name];
    if (old === undefined) lines.push(`+ hook ${name} (new)`);
    else {
      const changes = hookDifferences(old, hook);
      if (changes.length > 0) lines.push(`~ hook ${name} changed: ${changes.join(', ')}`);
    }
  }
  for (const name of Object.keys(previous.hooks)) if (!(name in now)) lines.push(`- hook ${name} (removed)`);
  return lines;
}

function hookDifferences(old: HookFingerprint, now: HookFingerprint): string[] {
  const changes: string[] = [];
  if (old.command !== now.command) changes.push('command');
  if (old.working_dir !== now.working_dir) {
    changes.push(`working_dir ${old.working_dir ?? '(task path)'} → ${now.working_dir ?? '(task path)'}`);
  }
  const names = [...new Set([...Object.keys(old.env), ...Object.keys(now.env)])].sort();
  const env = names.filter((n) => old.env[n] !== now.env[n]);
  if (env.length > 0) changes.push(`env ${env.join(', ')}`);
  for (const key of PLAIN_SETTINGS) {
    if (old[key] !== now[key]) changes.push(`${key} ${String(old[key])} → ${String(now[key])}`);
  }
  return changes;
}
