import { findProgram } from '../hooks/find-program.js';
import type { ResolveContext } from './context.js';
import type { RawFile } from './schema.js';
import { DEFAULTS, type SandboxMode } from './types.js';

/**
 * The `sandbox` setting. `bwrap` where bubblewrap cannot be found is reported here, with the line, so
 * `validate` says it before a run would refuse to start; whether it actually works is probed at the
 * start of a run (see chooseSandbox).
 */
export async function resolveSandbox(merged: RawFile, ctx: ResolveContext): Promise<SandboxMode> {
  const mode = merged.sandbox ?? DEFAULTS.sandbox;
  if (mode !== 'bwrap') return mode;
  const fix = 'install bubblewrap (apt-get install bubblewrap), or set sandbox: auto or sandbox: none';
  if (process.platform !== 'linux') {
    ctx.sources.report(['sandbox'], `sandbox: bwrap needs Linux, and this is ${process.platform}`, fix);
  } else if ((await findProgram('bwrap', ctx.env['PATH'])) === undefined) {
    ctx.sources.report(['sandbox'], 'sandbox: bwrap, but bubblewrap (bwrap) is not on PATH', fix);
  }
  return mode;
}
