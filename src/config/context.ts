import type { Env } from './interpolate.js';
import type { Sources } from './sources.js';

/** What the resolvers share while turning merged raw files into a ResolvedConfig. */
export interface ResolveContext {
  /** Absolute working directory; messages show files relative to it. */
  cwd: string;
  repoRoot: string;
  env: Env;
  /** False for commands that never call a model (`validate`, `--dry-run`): missing keys are tolerated. */
  requireSecrets: boolean;
  sources: Sources;
}
