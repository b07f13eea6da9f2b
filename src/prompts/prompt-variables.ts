import { basename } from 'node:path';
import type { HookConfig, ResolvedConfig, TaskConfig } from '../config/types.js';
import { formatFailureHistory, reportFailure } from './failure-report.js';
import { detectLanguage } from './language.js';
import type { NormalizeOptions } from './output-normalizer.js';
import type { RepoContext } from './repo-context.js';
import { detectTechStack } from './tech-stack.js';
import type { FailureReport, PreviousAttempt, PromptInputs } from './types.js';
import type { TemplateVariable } from './variables.js';

export type PromptVariables = Record<TemplateVariable, string> & Record<string, string>;

/**
 * Every template variable with its value for this attempt (§9). Variables that do not apply (the
 * retry ones on attempt 1, context turned off) are empty strings, so any template renders.
 */
export function buildVariables(
  inputs: PromptInputs,
  repo: RepoContext,
  normalize: NormalizeOptions,
): PromptVariables {
  const { config, task } = inputs;
  const custom = config.prompt_templates.variables;
  return {
    ...custom,
    project_name: custom.project_name ?? basename(config.repoRoot),
    language: custom.language ?? languageOf(repo),
    tech_stack: custom.tech_stack ?? detectTechStack([...repo.rootNames, ...repo.allFiles]),
    coding_style: custom.coding_style ?? '',
    task_id: task.id,
    task_title: task.title,
    task_description: task.description.trim(),
    task_requirements: task.requirements.map((r) => `- ${r}`).join('\n'),
    task_path: task.path,
    git_status: repo.gitStatus,
    file_list: repo.fileList,
    file_contents: repo.fileContents,
    post_hooks: formatPostHooks(config, task),
    attempt_number: String(inputs.attempt),
    ...retryVariables(inputs, normalize),
  };
}

function languageOf(repo: RepoContext): string {
  return detectLanguage(repo.allFiles) ?? detectLanguage(repo.rootNames) ?? 'unknown';
}

type RetryVariable =
  'previous_response' | 'error_output' | 'failure_reason' | 'fix_suggestions' | 'failure_history';

function retryVariables(inputs: PromptInputs, normalize: NormalizeOptions): Record<RetryVariable, string> {
  const previous = inputs.previous;
  if (!previous) {
    return {
      previous_response: '',
      error_output: '',
      failure_reason: '',
      fix_suggestions: '',
      failure_history: '',
    };
  }
  const report = previous.report ?? reportOf(previous, normalize);
  return {
    previous_response: previous.response.trim() || '(the previous attempt ended without a summary)',
    error_output: report.errorOutput,
    failure_reason: report.failureReason,
    fix_suggestions: report.fixSuggestions,
    failure_history: formatFailureHistory(previous.history ?? []),
  };
}

/** Without a stored report: the failed hooks when there are any, else the one-line error alone. */
function reportOf(previous: PreviousAttempt, normalize: NormalizeOptions): FailureReport {
  if (previous.failedHooks.length > 0) return reportFailure(previous.failedHooks, normalize);
  return {
    errorOutput: previous.error,
    failureReason: previous.error,
    fixSuggestions: `- Address the error above, then use run_checks to confirm everything passes before calling finish.`,
  };
}

/** `- name: command (description)`, one per post-hook; multi-line commands indented below. */
export function formatPostHooks(config: ResolvedConfig, task: TaskConfig): string {
  if (task.post_hooks.length === 0)
    return '(none: nothing will check this task automatically, so check your work carefully)';
  return task.post_hooks.map((name) => formatHook(name, config.hooks[name])).join('\n');
}

function formatHook(name: string, hook: HookConfig | undefined): string {
  if (!hook) return `- ${name}`;
  const notes = [hook.description, hook.stop_on_failure ? undefined : 'warning only: does not fail the task'];
  const suffix = notes.filter(Boolean).join('; ');
  const lines = hook.command.trim().split('\n');
  const tail = suffix ? ` (${suffix})` : '';
  if (lines.length === 1) return `- ${name}: ${lines[0] ?? ''}${tail}`;
  return [`- ${name}:${tail}`, ...lines.map((l) => `    ${l.trimEnd()}`)].join('\n');
}
