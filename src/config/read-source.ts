import { readFile } from 'node:fs/promises';
import type { ConfigProblem } from '../errors.js';
import { coerceInterpolated } from './coerce.js';
import { interpolateTree, type Env } from './interpolate.js';
import { isRecord, valueAt, type KeyPath } from './key-path.js';
import type { ProblemCollector } from './problems.js';
import type { RawFile } from './schema.js';
import { validateFile } from './validate-file.js';
import { parseYamlSource, problemAt, type YamlSource } from './yaml-source.js';

/** A file that was read and parsed, with its schema-checked (and cleaned) content. */
export interface LoadedFile {
  source: YamlSource;
  /** Interpolated and schema-checked; values with problems are taken out. */
  data: RawFile;
}

export interface ReadOptions {
  /** Where `${VAR}` is read from. */
  env: Env;
  /** False: an unset variable inside an `api_key` is tolerated (the key is left unset). */
  requireSecrets: boolean;
  /** Fix shown when the file does not exist. */
  missingFix: string;
}

/**
 * Reads, parses, interpolates and schema-checks one file. Undefined when it could not be read or is
 * not valid YAML (its problems are reported); otherwise every schema problem is reported and the
 * valid rest is returned.
 */
export async function readSource(
  file: string,
  display: string,
  options: ReadOptions,
  problems: ProblemCollector,
): Promise<LoadedFile | undefined> {
  const text = await readText(file, display, options.missingFix, problems);
  if (text === undefined) return undefined;
  const parsed = parseYamlSource(text, file, display);
  for (const problem of parsed.problems) problems.add(problem);
  if (parsed.problems.length > 0) return undefined;
  const data = interpolateSource(parsed.source, options, problems);
  return { source: parsed.source, data: validateFile(parsed.source, data, problems) };
}

async function readText(
  file: string,
  display: string,
  missingFix: string,
  problems: ProblemCollector,
): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem: ConfigProblem =
      code === 'ENOENT'
        ? { file: display, message: 'file not found', fix: missingFix }
        : code === 'EISDIR'
          ? {
              file: display,
              message: 'is a directory, not a file',
              fix: 'move the directory away, or name the YAML file to use (for the configuration: --config PATH)',
            }
          : {
              file: display,
              message: `cannot read the file (${code ?? String(error)})`,
              fix: 'check the path and its permissions',
            };
    problems.add(problem);
    return undefined;
  }
}

/** A provider's `api_key`: the one value whose unset variable `requireSecrets: false` tolerates. */
function isApiKey(path: KeyPath): boolean {
  return path.length === 3 && path[0] === 'provider_configs' && path[2] === 'api_key';
}

function interpolateSource(source: YamlSource, options: ReadOptions, problems: ProblemCollector): unknown {
  const { data, missing, interpolated } = interpolateTree(source.raw, options.env);
  coerceInterpolated(data, interpolated);
  for (const { path, name } of missing) {
    if (!options.requireSecrets && isApiKey(path)) {
      const provider = valueAt(data, path.slice(0, -1));
      if (isRecord(provider)) delete provider.api_key;
      continue;
    }
    const message = `environment variable ${name} is not set or empty (used as \${${name}})`;
    const fix = `set ${name} in the environment, or give a default: \${${name}:-value}`;
    problems.add(problemAt(source, path, message, fix), path);
  }
  return data;
}
