/**
 * The job summary: the outcome, a task table with attempts and tokens, rate-limit usage
 * against the configured limits, and the next step in the words of the Action (PR comment commands,
 * the resume time), not the CLI's.
 */
import type { ProviderConfig } from '../config/types.js';
import { configuredLimits } from '../limits/rate-limiter.js';
import { limitLabel } from '../limits/rate-limit-message.js';
import { formatCount, formatUtc } from '../limits/time-format.js';
import { WINDOW_FIELDS, rollWindows } from '../limits/windows.js';
import type { WindowUsage } from '../state/run-state.js';
import type { ActionStatus, RunView, TaskView } from './run-view.js';

/** Everything the summary shows besides the run itself. */
export interface SummaryContext {
  /** Providers with their configured limits. */
  providers: Record<string, ProviderConfig>;
  /** `rate_limit_usage` from the state. */
  usage: Record<string, WindowUsage>;
  /** Time of writing, to roll the windows. */
  now: Date;
  /** The cache key prefix of the state. */
  stateKey: string;
  /** Name of the logs artifact, when one was uploaded. */
  artifactName?: string;
  /** The pull request the run reports to, when it has one. */
  prNumber?: number;
}

/** Job summaries are capped at 1 MiB per step; a long error is cut well before that. */
const MAX_ERROR_LENGTH = 300;

const HEADLINES: Record<ActionStatus, string> = {
  completed: '✅ Run complete',
  paused: '⏸️ Run paused',
  needs_intervention: '⚠️ A task needs a decision',
  failed: '❌ Run failed',
  aborted: '⛔ Run aborted',
  interrupted: '⏹️ Run interrupted (state saved)',
  running: '▶️ Run in progress',
};

const TASK_MARKS: Record<TaskView['state'], string> = {
  completed: '✅ completed',
  skipped: '⏭️ skipped',
  current: '▶️ next',
  pending: '○ pending',
  needs_intervention: '⚠️ needs a decision',
  failed: '❌ failed',
};

/** The summary as Markdown. */
export function renderJobSummary(view: RunView, ctx: SummaryContext): string {
  return [
    `## TaskMaster: ${HEADLINES[view.status]}`,
    '',
    `${view.completed} of ${view.total} tasks completed${view.skipped ? `, ${view.skipped} skipped` : ''} · ` +
      `${formatCount(view.tokensUsed)} tokens used`,
    '',
    ...taskTable(view.tasks),
    ...limitsSection(ctx),
    ...nextStepSection(view, ctx),
    ...detailsSection(view),
    '',
    `<sub>State key: \`${ctx.stateKey}\`${ctx.artifactName ? ` · Logs artifact: \`${ctx.artifactName}\`` : ''}</sub>`,
    '',
  ].join('\n');
}

function taskTable(tasks: TaskView[]): string[] {
  const rows = tasks.map((t) =>
    cells([
      String(t.number),
      `\`${t.id}\``,
      t.title,
      TASK_MARKS[t.state],
      String(t.attempts),
      formatCount(t.tokens),
      lastError(t),
    ]),
  );
  return [
    '| # | Task | Title | Status | Attempts | Tokens | Last error |',
    '|---|---|---|---|---:|---:|---|',
    ...rows,
  ];
}

function lastError(t: TaskView): string {
  if (!t.lastError || t.state === 'completed') return '';
  const line = t.lastError.split('\n')[0] ?? '';
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH)}…` : line;
}

/** A table row; pipes and line breaks in cells would break the table. */
function cells(values: string[]): string {
  return `| ${values.map((v) => v.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

function limitsSection(ctx: SummaryContext): string[] {
  const rows: string[] = [];
  for (const provider of Object.values(ctx.providers)) {
    const current = rollWindows(ctx.usage[provider.name], ctx.now);
    for (const { window, metric, limit } of configuredLimits(provider.rate_limits)) {
      const used = current[WINDOW_FIELDS[window][metric]];
      rows.push(
        cells([provider.name, limitLabel(metric, window), `${formatCount(used)} / ${formatCount(limit)}`]),
      );
    }
  }
  if (rows.length === 0) return [];
  return ['', '### Rate limits', '', '| Provider | Limit | Used |', '|---|---|---:|', ...rows];
}

function nextStepSection(view: RunView, ctx: SummaryContext): string[] {
  const lines = nextStepLines(view, ctx.prNumber !== undefined);
  return lines.length === 0 ? [] : ['', '### Next step', '', ...lines];
}

/** What a person does next, in the Action's terms. Exported for the log's closing lines. */
export function nextStepLines(view: RunView, onPullRequest: boolean): string[] {
  const where = onPullRequest
    ? 'Comment on the pull request'
    : 'Re-run the workflow with the `command` input, or comment on its pull request';
  switch (view.status) {
    case 'paused':
      return [pausedLine(view), `${where}: \`/taskmaster resume\`.`];
    case 'needs_intervention':
      return decisionLines(view.needsTask ?? '<task-id>', where);
    case 'failed':
      return [
        'Fix the cause (see the last error above and the logs artifact), then continue the run.',
        `${where}: \`/taskmaster resume\` (or \`/taskmaster retry <task-id>\`). To start over, use a new \`state-key\`.`,
      ];
    case 'aborted':
      return ['The run was aborted. To start over, run the workflow with a new `state-key` input.'];
    case 'interrupted':
      return [
        'The job was cancelled; the state was saved.',
        `${where}: \`/taskmaster resume\`, or re-run the workflow.`,
      ];
    case 'completed':
    case 'running':
      return [];
  }
}

function pausedLine(view: RunView): string {
  if (!view.resumeAt) return 'The run is paused (a budget was reached or the API kept failing).';
  const at = formatUtc(new Date(view.resumeAt));
  return `The run resumes after ${at}: the scheduled resume workflow picks it up, or continue it by hand.`;
}

function decisionLines(taskId: string, where: string): string[] {
  return [
    `Task \`${taskId}\` needs a person's decision. ${where}:`,
    '',
    `- \`/taskmaster retry ${taskId}\` — a fresh set of attempts`,
    `- \`/taskmaster skip ${taskId}\` — move on to the next task`,
    '- `/taskmaster abort` — end the run',
  ];
}

function detailsSection(view: RunView): string[] {
  if (!view.message || view.status === 'completed') return [];
  return [
    '',
    '<details><summary>Details</summary>',
    '',
    '```text',
    view.message.slice(0, 5000).replace(/```/g, "'''"),
    '```',
    '',
    '</details>',
  ];
}
