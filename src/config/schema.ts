/**
 * Zod schemas of the raw files (`.taskmaster.yml` and the task file share one shape). Objects are strict
 * so unknown keys are reported. Keys the engine cannot do without (task `id`/`title`, hook `command`)
 * are optional here and checked afterwards: that way one bad value never hides the file's other problems.
 * docs/configuration.md is checked against these schemas (see schema-keys.ts).
 */
import * as z from 'zod';

const text = z.string().min(1);
const positiveInt = z.number().int().positive();
const positiveNumber = z.number().positive();
const nonNegativeInt = z.number().int().nonnegative();
const nonNegativeNumber = z.number().nonnegative();
const textList = z.array(text);

/** Environment values and template variables: `TESTING: 1` means the string "1". */
const scalarText = z.preprocess(
  (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
  z.string(),
);

const url = z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
  message: 'expected an http:// or https:// URL',
});

export const PROVIDER_TYPES = ['claude', 'anthropic', 'openai', 'scripted'] as const;
export const ON_GIVE_UP = ['ask', 'skip', 'stop'] as const;
export const SANDBOX_MODES = ['auto', 'bwrap', 'none'] as const;

export const rateLimitsSchema = z.strictObject({
  max_requests_minute: positiveInt.optional(),
  max_requests_hour: positiveInt.optional(),
  max_requests_day: positiveInt.optional(),
  max_tokens_minute: positiveInt.optional(),
  max_tokens_hour: positiveInt.optional(),
  max_tokens_day: positiveInt.optional(),
});

export const pricingSchema = z.strictObject({
  input: nonNegativeNumber,
  output: nonNegativeNumber,
  cache_read: nonNegativeNumber.optional(),
  cache_write: nonNegativeNumber.optional(),
});

export const providerSchema = z.strictObject({
  type: z.enum(PROVIDER_TYPES).optional(),
  api_key: z.string().optional(),
  model: text.optional(),
  base_url: url.optional(),
  max_tokens: positiveInt.optional(),
  idle_timeout: positiveNumber.optional(),
  rate_limits: rateLimitsSchema.optional(),
  pricing: pricingSchema.optional(),
  script: text.optional(),
});

export const hookSchema = z.strictObject({
  command: text.optional(),
  description: z.string().optional(),
  timeout: positiveNumber.optional(),
  stop_on_failure: z.boolean().optional(),
  working_dir: text.optional(),
  env: z.record(z.string(), scalarText).optional(),
  retry_count: nonNegativeInt.optional(),
  retry_delay: nonNegativeNumber.optional(),
  capture_output: z.boolean().optional(),
  log_output: z.boolean().optional(),
  quiet: z.boolean().optional(),
});

export const taskSchema = z.strictObject({
  id: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  requirements: z.array(scalarText).optional(),
  path: text.optional(),
  provider: text.optional(),
  pre_hooks: textList.optional(),
  post_hooks: textList.optional(),
  max_attempts: positiveInt.optional(),
});

export const hookDefaultsSchema = z.strictObject({
  pre_hooks: textList.optional(),
  post_hooks: textList.optional(),
});

export const promptTemplatesSchema = z.strictObject({
  system: text.optional(),
  task: text.optional(),
  retry: text.optional(),
  variables: z.record(z.string(), scalarText).optional(),
});

export const promptContextSchema = z.strictObject({
  include_git_status: z.boolean().optional(),
  include_file_list: z.boolean().optional(),
  include_file_contents: z.boolean().optional(),
  max_files_listed: positiveInt.optional(),
  max_file_size: positiveInt.optional(),
  include_patterns: textList.optional(),
  exclude_patterns: textList.optional(),
});

export const budgetSchema = z.strictObject({
  max_tokens_per_task: positiveInt.optional(),
  max_tokens_per_run: positiveInt.optional(),
});

/** Every key either file may hold. */
export const fileSchema = z.strictObject({
  default_provider: text.optional(),
  provider_configs: z.record(z.string(), providerSchema).optional(),
  max_attempts_per_task: positiveInt.optional(),
  max_consecutive_failures: positiveInt.optional(),
  detect_non_progress: z.boolean().optional(),
  max_non_progress: positiveInt.optional(),
  max_turns_per_attempt: positiveInt.optional(),
  on_give_up: z.enum(ON_GIVE_UP).optional(),
  rate_limit_max_wait: nonNegativeNumber.optional(),
  protected_paths: textList.optional(),
  sandbox: z.enum(SANDBOX_MODES).optional(),
  budget: budgetSchema.optional(),
  hooks: z.record(z.string(), hookSchema).optional(),
  hook_defaults: hookDefaultsSchema.optional(),
  prompt_templates: promptTemplatesSchema.optional(),
  prompt_context: promptContextSchema.optional(),
  tasks: z.array(taskSchema).optional(),
});

export type RawFile = z.infer<typeof fileSchema>;
export type RawProvider = z.infer<typeof providerSchema>;
export type RawHook = z.infer<typeof hookSchema>;
export type RawTask = z.infer<typeof taskSchema>;
export type RawPromptTemplates = z.infer<typeof promptTemplatesSchema>;
