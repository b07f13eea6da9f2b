/**
 * The run's logs and a copy of `state.json` as one artifact per run attempt, so that a person
 * can read what the agent and the hooks did, and see the state the next job starts from.
 */
import {
  DefaultArtifactClient,
  type UploadArtifactOptions,
  type UploadArtifactResponse,
} from '@actions/artifact';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE } from '../state/state-paths.js';
import type { ActionLog } from './action-log.js';

/** The one call of `@actions/artifact` used here. */
export interface ArtifactUploader {
  /** Zips `files` (paths inside `rootDirectory`) into the artifact `name`. */
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: UploadArtifactOptions,
  ): Promise<UploadArtifactResponse>;
}

/** The runner's artifact service, created when first needed (it reads the environment). */
export function actionsArtifacts(): ArtifactUploader {
  return new DefaultArtifactClient();
}

/** Names must be unique within a run, and a re-run attempt is the same run. */
export function artifactName(runId: string, runAttempt: string): string {
  return `taskmaster-logs-${runId}-${runAttempt}`;
}

/** What to upload and how long to keep it. */
export interface LogsUpload {
  /** Absolute state directory (holding `logs/` and `state.json`). */
  stateDir: string;
  /** The artifact's name. */
  name: string;
  /** Days to keep it; unset means the repository's default. */
  retentionDays?: number;
}

/** Uploads `logs/**` and `state.json`; returns the artifact id, or undefined when nothing was uploaded. */
export async function uploadRunLogs(
  uploader: ArtifactUploader,
  upload: LogsUpload,
  log: ActionLog,
): Promise<number | undefined> {
  const files = runFiles(upload.stateDir);
  if (files.length === 0) {
    log.info('No logs or state to upload.');
    return undefined;
  }
  const options = upload.retentionDays === undefined ? {} : { retentionDays: upload.retentionDays };
  try {
    const { id } = await uploader.uploadArtifact(upload.name, files, upload.stateDir, options);
    log.info(
      `Uploaded the logs and state as artifact ${upload.name}${id === undefined ? '' : ` (id ${id})`}`,
    );
    return id;
  } catch (error) {
    log.warning(
      `Could not upload the logs artifact ${upload.name}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** Every file under `logs/`, plus `state.json`; never the lock or temporary files. */
export function runFiles(stateDir: string): string[] {
  const files = walk(path.join(stateDir, 'logs'));
  const state = path.join(stateDir, STATE_FILE);
  if (existsSync(state)) files.push(state);
  return files;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const info = statSync(full);
    if (info.isDirectory()) return walk(full);
    return info.isFile() ? [full] : [];
  });
}
