import type { ToolSpec } from '../providers/provider.js';

/**
 * The seven tools the agent may call (docs/security.md, "What the model can touch"). Names and input fields are a public interface: scripts,
 * docs and the providers' tool definitions all use exactly these. The descriptions are what real models
 * read, so they say what each tool returns and what goes wrong.
 */

const PATH_NOTE =
  'Paths are relative to the repository root (for example "src/app.ts"); absolute paths are refused.';

const readFile: ToolSpec = {
  name: 'read_file',
  description:
    'Read a text file. Returns its lines prefixed with line numbers ("  12| text"); the numbers are not part ' +
    'of the file. Long files are cut at 2,000 lines or 256 KB with a note telling where to continue; use ' +
    `start_line and end_line to read a range. ${PATH_NOTE}`,
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File to read, relative to the repository root.' },
      start_line: { type: 'integer', minimum: 1, description: 'First line to return (1-based). Default: 1.' },
      end_line: {
        type: 'integer',
        minimum: 1,
        description: 'Last line to return (inclusive). Default: the end of the file.',
      },
    },
    required: ['path'],
    additionalProperties: false,
  },
};

const writeFile: ToolSpec = {
  name: 'write_file',
  description:
    'Create a file or overwrite it completely with the given content, creating parent directories as ' +
    'needed. To change part of an existing file prefer edit_file. Files matching protected_paths (often ' +
    "the tests) and TaskMaster's configuration, task file and prompt templates cannot be written. " +
    PATH_NOTE,
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File to write, relative to the repository root.' },
      content: { type: 'string', description: 'The complete new content of the file.' },
    },
    required: ['path', 'content'],
    additionalProperties: false,
  },
};

const editFile: ToolSpec = {
  name: 'edit_file',
  description:
    'Replace one exact occurrence of old_text with new_text in a file. old_text must match the file ' +
    'character for character, including indentation and line breaks, and must occur exactly once: include ' +
    'enough surrounding lines to make it unique. When it matches nowhere the error shows the closest lines; ' +
    `when it matches several times the error lists their line numbers. ${PATH_NOTE}`,
  inputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'File to edit, relative to the repository root.' },
      old_text: { type: 'string', description: 'The exact text to replace (not empty).' },
      new_text: { type: 'string', description: 'The text to put in its place (may be empty to delete).' },
    },
    required: ['path', 'old_text', 'new_text'],
    additionalProperties: false,
  },
};

const listFiles: ToolSpec = {
  name: 'list_files',
  description:
    'List the files under a directory, recursively, one path per line (relative to the repository root). ' +
    'Files ignored by .gitignore and the .git directory are left out. At most 500 paths are shown, with ' +
    'a count of the rest.',
  inputSchema: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description: "Directory to list, relative to the repository root. Default: the task's directory.",
      },
      pattern: {
        type: 'string',
        description:
          'Glob to filter by, e.g. "**/*.ts" or "src/**/test_*.py". A pattern without "/" matches file ' +
          'names at any depth ("*.py").',
      },
    },
    additionalProperties: false,
  },
};

const searchFiles: ToolSpec = {
  name: 'search_files',
  description:
    'Search file contents with a JavaScript regular expression (case-sensitive; write [Aa] for either case). ' +
    'Returns matching lines as "path:line: text". Binary files and files ignored by .gitignore are skipped; ' +
    'at most 200 matches are shown. A search is stopped after 5 seconds.',
  inputSchema: {
    type: 'object',
    properties: {
      pattern: {
        type: 'string',
        description: 'Regular expression, e.g. "TODO|FIXME" or "^export function".',
      },
      path: {
        type: 'string',
        description:
          "File or directory to search, relative to the repository root. Default: the task's directory.",
      },
    },
    required: ['pattern'],
    additionalProperties: false,
  },
};

const runChecks: ToolSpec = {
  name: 'run_checks',
  description:
    "Run the task's checks (its post-hooks: tests, linters, type checks) now and return pass or fail with " +
    'the end of their output. Use it to verify your work before calling finish. It does not use up an attempt.',
  inputSchema: { type: 'object', properties: {}, additionalProperties: false },
};

const finish: ToolSpec = {
  name: 'finish',
  description:
    'End this attempt when the task is done. The checks are then run to judge the work; your summary is ' +
    'recorded but does not count as proof. Call it once, as your last action.',
  inputSchema: {
    type: 'object',
    properties: {
      summary: { type: 'string', description: 'What you changed and why, in a few sentences.' },
    },
    required: ['summary'],
    additionalProperties: false,
  },
};

/** Every tool the agent may call, in the order they are offered to the model. */
export const TOOL_SPECS: ToolSpec[] = [
  readFile,
  writeFile,
  editFile,
  listFiles,
  searchFiles,
  runChecks,
  finish,
];

/** The tool names, as the union type the executor switches on. */
export type ToolName =
  'read_file' | 'write_file' | 'edit_file' | 'list_files' | 'search_files' | 'run_checks' | 'finish';
