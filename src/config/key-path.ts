/** A path into a parsed YAML file: map keys and list indexes, e.g. `['tasks', 0, 'title']`. */
export type KeyPath = readonly (string | number)[];

/** The path as users read it in messages: `tasks[0].title`, `hooks.test.timeout`. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPrefix(prefix: KeyPath, path: KeyPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside plain data, or undefined when any step is missing. */
export function valueAt(data: unknown, path: KeyPath): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof segment === 'number' && Array.isArray(node)) node = node[segment];
    else if (typeof segment === 'string' && isRecord(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** A copy without the keys whose value is undefined (optional fields must be absent, not undefined). */
export function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
