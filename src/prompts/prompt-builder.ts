import { readFile as fsReadFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { ConfigError } from '../errors.js';
import { BUILTIN_TEMPLATES, type TemplateKind } from './builtin-templates.js';
import type { NormalizeOptions } from './output-normalizer.js';
import { tidyPrompt } from './prompt-tidy.js';
import { buildVariables, type PromptVariables } from './prompt-variables.js';
import { collectRepoContext, type RepoContext, type RepoContextOptions } from './repo-context.js';
import { renderTemplate } from './template-renderer.js';
import type { PromptBuilder, PromptInputs, RenderedPrompt } from './types.js';

export interface PromptBuilderOptions {
  /** Absolute state directory, never listed in the context; default: `config.stateDir`. */
  stateDir?: string;
  /** Reads a custom template file; default: the file system. */
  readFile?: (path: string) => Promise<string>;
  /** Temp roots stripped from hook output; default: the OS temp dir, `/tmp`, `/var/tmp`. */
  tmpRoots?: string[];
  /** Looks at the repository (git status, files); default: `collectRepoContext`, asked afresh each time. */
  repoContext?: (options: RepoContextOptions) => Promise<RepoContext>;
}

interface Template {
  text: string;
  /** Where it came from, for error messages: a path relative to the repository, or `built-in`. */
  source: string;
  builtin: boolean;
}

/**
 * Renders the system prompt and the attempt's first user message: the task template on attempt 1,
 * the retry template once there is a previous attempt. Custom templates come from the paths in
 * `prompt_templates`; the built-in ones serve otherwise.
 */
export class DefaultPromptBuilder implements PromptBuilder {
  private readonly options: PromptBuilderOptions;

  constructor(options: PromptBuilderOptions = {}) {
    this.options = options;
  }

  async build(inputs: PromptInputs): Promise<RenderedPrompt> {
    const vars = await this.variables(inputs);
    const userKind: TemplateKind = inputs.previous ? 'retry' : 'task';
    const [system, user] = await Promise.all([
      this.template(inputs, 'system'),
      this.template(inputs, userKind),
    ]);
    return { system: render(system, vars), user: render(user, vars) };
  }

  /** Every variable's value for these inputs; also what `--dry-run` and the docs describe. */
  async variables(inputs: PromptInputs): Promise<PromptVariables> {
    const { config, task } = inputs;
    const collect = this.options.repoContext ?? collectRepoContext;
    const repo = await collect({
      repoRoot: config.repoRoot,
      taskPath: task.path,
      stateDir: this.options.stateDir ?? config.stateDir,
      context: config.prompt_context,
    });
    const normalize: NormalizeOptions = { repoRoot: config.repoRoot };
    if (this.options.tmpRoots) normalize.tmpRoots = this.options.tmpRoots;
    return buildVariables(inputs, repo, normalize);
  }

  private async template(inputs: PromptInputs, kind: TemplateKind): Promise<Template> {
    const path = inputs.config.prompt_templates[kind];
    if (!path) return { text: BUILTIN_TEMPLATES[kind], source: `built-in ${kind} template`, builtin: true };
    const source = displayPath(inputs.config.repoRoot, path);
    const read = this.options.readFile ?? ((p: string) => fsReadFile(p, 'utf8'));
    try {
      return { text: await read(path), source, builtin: false };
    } catch (error) {
      throw new ConfigError(
        [
          {
            file: source,
            path: `prompt_templates.${kind}`,
            message: `cannot read the ${kind} prompt template: ${error instanceof Error ? error.message : String(error)}`,
            fix: `Create ${source} (see docs/prompt-templates.md), or remove prompt_templates.${kind} to use the built-in template.`,
          },
        ],
        { cause: error },
      );
    }
  }
}

function render(template: Template, vars: PromptVariables): string {
  const text = renderTemplate(template.text, vars, template.source);
  return template.builtin ? tidyPrompt(text) : text;
}

function displayPath(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
