import { isRecord, type KeyPath } from './key-path.js';

/** The process environment as given to the loader (never read from `process.env` here). */
export type Env = Record<string, string | undefined>;

/**
 * `$${` is an escaped literal `${`; `${NAME}` and `${NAME:-default}` are variables. Anything else
 * (`${x%.txt}`, `$HOME`) is left alone so shell syntax in hook commands survives.
 */
const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Interpolated {
  value: string;
  /** Variables that were unset or empty and had no default. */
  missing: string[];
}

/** Replaces `${VAR}` and `${VAR:-default}` in one string, shell-style: empty counts as unset. */
export function interpolate(text: string, env: Env): Interpolated {
  const missing: string[] = [];
  const value = text.replace(PATTERN, (match, name: string | undefined, fallback: string | undefined) => {
    if (name === undefined) return '${';
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return match;
  });
  return { value, missing };
}

/** The variable a value is read from when the whole value is one `${NAME}` / `${NAME:-x}`. */
export function soleVariable(text: string): string | undefined {
  return /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$/.exec(text)?.[1];
}

export interface MissingVariable {
  /** The value that uses the variable. */
  path: KeyPath;
  /** The variable's name. */
  name: string;
}

export interface InterpolatedTree {
  /** A copy of the input with every variable replaced (unset ones are left as written). */
  data: unknown;
  /** Every unset variable without a default, where it is used. */
  missing: MissingVariable[];
  /** Paths of the values that held a variable (they may need converting to a number or boolean). */
  interpolated: KeyPath[];
}

/** Interpolates every string value of a parsed file (keys are left alone). */
export function interpolateTree(data: unknown, env: Env): InterpolatedTree {
  const missing: MissingVariable[] = [];
  const interpolated: KeyPath[] = [];
  const walk = (node: unknown, path: KeyPath): unknown => {
    if (typeof node === 'string') {
      const result = interpolate(node, env);
      for (const name of result.missing) missing.push({ path, name });
      if (result.value !== node) interpolated.push(path);
      return result.value;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (isRecord(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]));
    }
    return node;
  };
  return { data: walk(data, []), missing, interpolated };
}
