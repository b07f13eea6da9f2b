/**
 * The `taskmaster --help` text: every command with its flags, one line each, then the exit codes —
 * everything a CI author needs on one screen.
 */
import { COMMANDS, EXIT_CODES, type CommandSpec } from './command-spec.js';

const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  ['TASKMASTER_STATE_DIR', 'state directory (default: .taskmaster at the repository root)'],
  ['NO_COLOR', 'turn colour off'],
];

/** The full top-level help. */
export function renderHelp(): string {
  const usage = COMMANDS.map((c) => usageOf(c));
  const width = Math.max(
    ...usage.map((u) => u.length),
    ...COMMANDS.flatMap((c) => c.flags.map((f) => f.flags.length + 2)),
  );
  const lines = [
    'Usage: taskmaster <command> [options]',
    '',
    'Runs an AI coding agent through the tasks of a task file; your hooks (tests, linters) judge each one.',
    '',
    'Commands:',
  ];
  COMMANDS.forEach((command, i) => {
    lines.push(`  ${pad(usage[i] ?? command.name, width)}  ${command.description}`);
    for (const flag of command.flags) lines.push(`    ${pad(flag.flags, width - 2)}  ${flag.description}`);
  });
  lines.push('', 'Options:');
  lines.push(`  ${pad('-h, --help', width)}  show this help (or: taskmaster <command> --help)`);
  lines.push(`  ${pad('-v, --version', width)}  print the version`);
  lines.push(
    '',
    'Exit codes:',
    ...EXIT_CODES.map(([code, meaning]) => `  ${pad(String(code), 5)}${meaning}`),
  );
  lines.push(
    '',
    'Environment:',
    ...ENVIRONMENT.map(([name, meaning]) => `  ${pad(name, width)}  ${meaning}`),
  );
  return lines.join('\n');
}

function usageOf(command: CommandSpec): string {
  return command.args ? `${command.name} ${command.args}` : command.name;
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}
