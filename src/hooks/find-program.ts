import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/** The absolute path of `name` on `searchPath` (a `PATH` value), or `undefined` when it is not there. */
export async function findProgram(name: string, searchPath: string | undefined): Promise<string | undefined> {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue; // a relative PATH entry would depend on the hook's directory
    const candidate = path.join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
