import { basename } from 'node:path';

/**
 * `{{tech_stack}}` when `prompt_templates.variables.tech_stack` is not set: the build and test tools
 * whose marker files are present, e.g. `npm (package.json), TypeScript, Vitest`. A hint for the
 * model about which commands and conventions apply, not a full inventory.
 */
const MARKERS: Array<{ name: RegExp; tool: string }> = [
  { name: /^package\.json$/, tool: 'Node.js/npm (package.json)' },
  { name: /^pnpm-lock\.yaml$/, tool: 'pnpm' },
  { name: /^yarn\.lock$/, tool: 'Yarn' },
  { name: /^tsconfig(\.[\w-]+)?\.json$/, tool: 'TypeScript' },
  { name: /^vitest\.config\.\w+$/, tool: 'Vitest' },
  { name: /^jest\.config\.\w+$/, tool: 'Jest' },
  { name: /^eslint\.config\.\w+$|^\.eslintrc(\.\w+)?$/, tool: 'ESLint' },
  { name: /^pyproject\.toml$/, tool: 'Python (pyproject.toml)' },
  { name: /^requirements(-\w+)?\.txt$/, tool: 'pip (requirements.txt)' },
  { name: /^(pytest\.ini|conftest\.py)$/, tool: 'pytest' },
  { name: /^(ruff\.toml|\.ruff\.toml)$/, tool: 'Ruff' },
  { name: /^(mypy\.ini|\.mypy\.ini)$/, tool: 'mypy' },
  { name: /^go\.mod$/, tool: 'Go modules (go.mod)' },
  { name: /^Cargo\.toml$/, tool: 'Cargo (Cargo.toml)' },
  { name: /^pom\.xml$/, tool: 'Maven' },
  { name: /^build\.gradle(\.kts)?$/, tool: 'Gradle' },
  { name: /^Gemfile$/, tool: 'Bundler (Gemfile)' },
  { name: /^composer\.json$/, tool: 'Composer' },
  { name: /^(Dockerfile|docker-compose\.ya?ml|compose\.ya?ml)$/, tool: 'Docker' },
  { name: /^Makefile$/, tool: 'Make' },
];

/** Tools found among `files` (paths), joined with `, `; empty when none is recognised. */
export function detectTechStack(files: readonly string[]): string {
  const names = new Set(files.filter((f) => !/(^|\/)node_modules\//.test(f)).map((f) => basename(f)));
  const tools = MARKERS.filter(({ name }) => [...names].some((n) => name.test(n))).map(({ tool }) => tool);
  return [...new Set(tools)].join(', ');
}
