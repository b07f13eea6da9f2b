/**
 * What one main step works with once the configuration is loaded: passed from the run to the wrap-up
 * so that every report reads the same state, key and pull request.
 */
import type { ResolvedConfig } from '../config/types.js';
import type { Clock } from '../engine/ports.js';
import type { StateStore } from '../state/state-store.js';
import type { Redactor } from '../util/redact.js';
import type { ArtifactUploader } from './artifacts.js';
import type { GitHubEnv } from './github-env.js';
import type { ActionInputs } from './inputs.js';
import type { OutputRecorder } from './outputs.js';
import type { RunComment } from './pr-comment.js';
import type { ProcessRunner } from './sandbox-setup.js';
import type { CacheClient, StateCacheTarget } from './state-cache.js';

/** The collaborators the Action reaches the outside world through. */
export interface ActionServices {
  /** `@actions/cache`. */
  cache: CacheClient;
  /** `@actions/artifact`, created on first use. */
  artifacts: () => ArtifactUploader;
  /** Time, for the comment throttle and state stamps. */
  clock: Clock;
  /** Runs the bubblewrap install on a GitHub-hosted runner (see sandbox-setup.ts). */
  processRunner: ProcessRunner;
}

/** One main step's run. */
export interface RunSession {
  /** The step's inputs. */
  inputs: ActionInputs;
  /** The run's environment: event, repository, branch, run ids. */
  gh: GitHubEnv;
  /** The loaded configuration and tasks. */
  config: ResolvedConfig;
  /** The environment the engine and the hooks start from, with the API key inputs as variables. */
  engineEnv: Record<string, string | undefined>;
  /** Cache key prefix of the state (the `state-key` output). */
  stateKey: string;
  /** What the cache stores and where. */
  cacheTarget: StateCacheTarget;
  /** `state.json` in the state directory. */
  store: StateStore;
  /** The outputs, written once when the step ends. */
  outputs: OutputRecorder;
  /** Cache, artifacts, clock. */
  services: ActionServices;
  /** Masks every secret in text the runner does not mask itself. */
  redact: Redactor;
  /** The sticky comment, when the run belongs to a pull request and `comment` is on. */
  comment?: RunComment;
  /** The pull request the run reports to. */
  prNumber?: number;
}
