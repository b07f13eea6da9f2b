/**
 * Every `{{variable}}` a template may use (§9, the guide's "Custom Prompt Templates"). Keys of
 * `prompt_templates.variables` are allowed too. Anything else in a template is a validation error.
 */
export const TEMPLATE_VARIABLES = [
  'project_name',
  'language',
  'tech_stack',
  'coding_style',
  'task_id',
  'task_title',
  'task_description',
  'task_requirements',
  'task_path',
  'git_status',
  'file_list',
  'file_contents',
  'post_hooks',
  'attempt_number',
  'previous_response',
  'error_output',
  'failure_reason',
  'fix_suggestions',
  'failure_history',
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Names used in a template, with their 0-based offsets (for file:line:column messages). */
export function placeholders(template: string): Array<{ name: string; offset: number }> {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', offset: m.index }));
}
