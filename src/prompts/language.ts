import { extname } from 'node:path';

/**
 * `{{language}}`: the language most of the files under the task path are written in, counted by
 * extension. Markup, data and config files do not count; a `.ts` file counts for TypeScript, not
 * JavaScript, even beside a few `.js` files.
 */
const BY_EXTENSION: Record<string, string> = {
  '.py': 'Python',
  '.pyi': 'Python',
  '.ts': 'TypeScript',
  '.tsx': 'TypeScript',
  '.mts': 'TypeScript',
  '.cts': 'TypeScript',
  '.js': 'JavaScript',
  '.jsx': 'JavaScript',
  '.mjs': 'JavaScript',
  '.cjs': 'JavaScript',
  '.go': 'Go',
  '.rs': 'Rust',
  '.java': 'Java',
  '.kt': 'Kotlin',
  '.kts': 'Kotlin',
  '.scala': 'Scala',
  '.rb': 'Ruby',
  '.php': 'PHP',
  '.cs': 'C#',
  '.fs': 'F#',
  '.swift': 'Swift',
  '.c': 'C',
  '.h': 'C',
  '.cc': 'C++',
  '.cpp': 'C++',
  '.cxx': 'C++',
  '.hpp': 'C++',
  '.m': 'Objective-C',
  '.dart': 'Dart',
  '.ex': 'Elixir',
  '.exs': 'Elixir',
  '.erl': 'Erlang',
  '.hs': 'Haskell',
  '.clj': 'Clojure',
  '.lua': 'Lua',
  '.r': 'R',
  '.jl': 'Julia',
  '.zig': 'Zig',
  '.sh': 'Shell',
  '.bash': 'Shell',
  '.sql': 'SQL',
  '.vue': 'Vue',
  '.svelte': 'Svelte',
};

/** Generated or vendored files say little about what the project is written in. */
const IGNORED = /(^|\/)(node_modules|vendor|dist|build|target|\.venv|venv|__pycache__)\/|\.d\.ts$|\.min\.js$/;

/** The most common language among `files` (paths), or `undefined` when none is recognised. */
export function detectLanguage(files: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const file of files) {
    if (IGNORED.test(file)) continue;
    const language = BY_EXTENSION[extname(file).toLowerCase()];
    if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) {
    if (!best || entry[1] > best[1]) best = entry;
  }
  return best?.[0];
}
