/**
 * The sticky PR comment's text (§12): a status line, the task table and, when a task needs a person,
 * the four commands spelled out with its id. Commands are shown in code spans after a bullet so the
 * comment itself never reads as a command (see command-parser.ts).
 */
import type { RunStatus } from '../state/run-state.js';

/** Where one task stands, as the comment shows it. */
export type CommentTaskState =
  'completed' | 'skipped' | 'current' | 'pending' | 'needs_intervention' | 'failed';

/** One row of the task table. */
export interface CommentTask {
  /** Task id (`task-2`). */
  id: string;
  /** Task title from the task file. */
  title: string;
  /** Where the task stands. */
  state: CommentTaskState;
  /** Attempts made so far. */
  attempts: number;
  /** Tokens the task used so far (input + output). */
  tokens: number;
}

/** The run's status; `cancelled` is the Action's word for a job stopped by the runner. */
export type CommentRunStatus = RunStatus | 'cancelled';

/** Everything the comment shows. The caller passes no secrets; nothing here echoes action inputs. */
export interface RunCommentView {
  /** The run's status. */
  status: CommentRunStatus;
  /** Tasks in task-file order. */
  tasks: CommentTask[];
  /** Tokens used by the whole run. */
  tokensUsed: number;
  /** One line telling the reader what happens next, e.g. "The scheduled workflow resumes it." */
  nextStep?: string;
  /** The task a person must decide about (with status `needs_intervention`). */
  needsTask?: string;
  /** When a paused run may resume (ISO 8601). */
  resumeAt?: string;
  /** Link to the workflow run. */
  runUrl?: string;
  /** True for the last update of a job: wording says the job has ended. */
  final: boolean;
}

const STATE_LABEL: Record<CommentTaskState, string> = {
  completed: '✅ completed',
  skipped: '⏭️ skipped',
  current: '▶️ in progress',
  pending: '⏳ pending',
  needs_intervention: '⚠️ needs a decision',
  failed: '❌ failed',
};

/** The comment body (without the sticky marker). */
export function renderRunComment(view: RunCommentView): string {
  const sections = [`### TaskMaster — ${headline(view)}`, summaryLine(view), taskTable(view.tasks)];
  sections.push(...detailSections(view));
  if (view.runUrl !== undefined) sections.push(`[Workflow run](${view.runUrl})`);
  return `${sections.join('\n\n')}\n`;
}

function headline(view: RunCommentView): string {
  switch (view.status) {
    case 'running':
      return view.final ? '⚠️ the job ended before the run finished' : '▶️ running';
    case 'paused':
      return '⏸️ paused';
    case 'needs_intervention':
      return '⚠️ needs a decision';
    case 'completed':
      return '✅ completed';
    case 'failed':
      return '❌ failed';
    case 'aborted':
      return '🛑 aborted';
    case 'cancelled':
      return '🚫 cancelled';
  }
}

function summaryLine(view: RunCommentView): string {
  const done = view.tasks.filter((t) => t.state === 'completed').length;
  const skipped = view.tasks.filter((t) => t.state === 'skipped').length;
  const skippedNote = skipped > 0 ? ` (${skipped} skipped)` : '';
  return `**${done} of ${view.tasks.length}** tasks completed${skippedNote} · **${formatCount(view.tokensUsed)}** tokens used`;
}

function taskTable(tasks: readonly CommentTask[]): string {
  if (tasks.length === 0) return '_No tasks._';
  const rows = tasks.map(
    (t, i) =>
      `| ${i + 1} | \`${cell(t.id)}\` | ${cell(t.title)} | ${STATE_LABEL[t.state]} | ${t.attempts} | ${formatCount(t.tokens)} |`,
  );
  return ['| # | Task | Title | State | Attempts | Tokens |', '|---:|---|---|---|---:|---:|', ...rows].join(
    '\n',
  );
}

/** What the status means for the reader: the commands, the resume time, or the final word. */
function detailSections(view: RunCommentView): string[] {
  const lines: string[] = [];
  if (view.status === 'needs_intervention') lines.push(interventionSection(view));
  if (view.status === 'paused') lines.push(pausedSection(view));
  const closing = closingLine(view);
  if (closing !== undefined) lines.push(closing);
  if (view.nextStep !== undefined && view.nextStep.trim() !== '')
    lines.push(`**Next:** ${view.nextStep.trim()}`);
  return lines;
}

function interventionSection(view: RunCommentView): string {
  const id = view.needsTask ?? view.tasks.find((t) => t.state === 'needs_intervention')?.id;
  const target = id ?? '<task-id>';
  const who = id === undefined ? 'A task needs' : `Task \`${id}\` needs`;
  return [
    `${who} a person. Reply with one of these commands, on a line of its own:`,
    '',
    `- \`/taskmaster retry ${target}\` — give it a fresh set of attempts`,
    `- \`/taskmaster skip ${target}\` — move on to the next task`,
    '- `/taskmaster abort` — end the run',
    '- `/taskmaster resume` — continue the run from where it stopped',
    '',
    'Only people with write access to this repository can use them.',
  ].join('\n');
}

function pausedSection(view: RunCommentView): string {
  const when = view.resumeAt === undefined ? '' : ` after ${formatTime(view.resumeAt)}`;
  return `The run is paused and is safe to resume${when}. Reply \`/taskmaster resume\` to continue it.`;
}

function closingLine(view: RunCommentView): string | undefined {
  switch (view.status) {
    case 'completed':
      return 'All tasks are done.';
    case 'failed':
      return 'The run stopped after failures. The job log and the logs artifact say why.';
    case 'aborted':
      return 'The run was aborted. Start a fresh run to try again.';
    case 'cancelled':
      return 'The job was cancelled; the run state was saved. Reply `/taskmaster resume` to continue.';
    case 'running':
      return view.final
        ? 'The job ended early; the run state was saved. Reply `/taskmaster resume` to continue.'
        : undefined;
    default:
      return undefined;
  }
}

/** Table cells hold user text: pipes and line breaks would break the row. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `2026-11-26T14:00:00.000Z` → `2026-11-26 14:00 UTC`; anything else is shown as given. */
function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
