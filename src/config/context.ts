import type { Env } from './interpolate.js';
import type { Sources } from './sources.js';

/** What the resolvers share while turning merged raw files into a ResolvedConfig. */
export interface ResolveContext {
  /** Absolute working directory; messages show files relative to it. */
  cwd: string;
  /** Task paths and hook `working_dir` are relative to it. */
  repoRoot: string;
  /** Where API keys are looked up when `api_key` is not written. */
  env: Env;
  /** False for commands that never call a model (`validate`, `--dry-run`): missing keys are tolerated. */
  requireSecrets: boolean;
  /** The files, for reporting a problem at the line its value came from. */
  sources: Sources;
}
