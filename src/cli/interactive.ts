/**
 * The questions a local run asks a person (docs/state-and-resume.md): what to do with a task that keeps failing,
 * and whether to resume saved state. Both print exactly the guide's prompts.
 */
import type { Intervention } from '../state/run-state.js';
import { HEAVY_RULE, firstLine, firstLineAtWord, formatAgo } from './format.js';
import { askUntil, type PromptIO } from './line-reader.js';

export type { PromptIO } from './line-reader.js';
export { renderNonProgress } from './non-progress.js';

/** What the intervention prompt shows. */
export interface InterventionPromptInfo {
  /** Task title. */
  title: string;
  /** Attempts made so far. */
  attempts: number;
  /** Attempts the task was allowed. */
  maxAttempts: number;
  /** The error that ended the last attempt. */
  lastError: string;
  /** One short line per failed attempt, oldest first; the last few are shown. */
  recentFailures: readonly string[];
  /** Width of the terminal; failure lines are cut (at a word) to fit it. */
  columns?: number | undefined;
}

/** What the resume prompt shows. */
export interface ResumePromptInfo {
  /** Task file as recorded in the state. */
  taskFile: string;
  completed: number;
  total: number;
  /** When the state was last written. */
  updatedAt: Date;
  now: Date;
  /** 1-based number of the task a resumed run starts with. */
  nextTaskNumber: number;
}

const RECENT_FAILURES_SHOWN = 3;
/** Width of a failure line when the terminal's is unknown, and the least a line is given. */
const DEFAULT_COLUMNS = 160;
const MIN_COLUMNS = 40;

function fitWidth(columns: number | undefined): number {
  return columns !== undefined && columns > 0 ? Math.max(columns, MIN_COLUMNS) : DEFAULT_COLUMNS;
}

const CHOICES: Readonly<Record<string, Intervention>> = {
  r: 'retry',
  retry: 'retry',
  s: 'skip',
  skip: 'skip',
  a: 'abort',
  abort: 'abort',
};

/** The guide's "User Intervention Prompt"; anything but R, S or A re-asks, and end of input aborts. */
export async function askIntervention(io: PromptIO, info: InterventionPromptInfo): Promise<Intervention> {
  const { value, ended } = await askUntil<Intervention>(
    io,
    {
      text: `\n${renderInterventionPrompt(info)}\n\nChoice: `,
      retryText: 'Please type R, S or A.\nChoice: ',
      onEnd: 'abort',
    },
    (answer) => CHOICES[answer] ?? null,
  );
  if (ended) io.output.write('\nNo answer (input ended): aborting the run.\n');
  return value;
}

/** The prompt box, up to (not including) the `Choice:` line. */
export function renderInterventionPrompt(info: InterventionPromptInfo): string {
  const lines = [
    HEAVY_RULE,
    '⚠ Task has failed multiple times',
    '',
    `Task: ${info.title}`,
    `Attempts: ${info.attempts}/${info.maxAttempts}`,
    `Last error: ${firstLine(info.lastError, 200) || '(none recorded)'}`,
  ];
  const recent = info.recentFailures.slice(-RECENT_FAILURES_SHOWN);
  // Number them by attempt: the history may be longer than what is shown.
  const first = Math.max(1, info.attempts - recent.length + 1);
  if (recent.length > 0) {
    lines.push(
      '',
      'Recent failures:',
      ...recent.map((f, i) => {
        const label = `  Attempt ${first + i}: `;
        return `${label}${firstLineAtWord(f, fitWidth(info.columns) - label.length)}`;
      }),
    );
  }
  lines.push('', 'What would you like to do?', '');
  lines.push('  [R] Retry once more', '  [S] Skip this task and continue', '  [A] Abort entire run');
  return lines.join('\n');
}

/** The guide's "Found existing run state" question; Enter (or end of input) means yes. */
export async function askResume(io: PromptIO, info: ResumePromptInfo): Promise<boolean> {
  const question = `Resume from task ${info.nextTaskNumber}? [Y/n]: `;
  const { value, ended } = await askUntil(
    io,
    {
      text: `${renderResumePrompt(info)}\n\n${question}`,
      retryText: `Please answer y or n.\n${question}`,
      onEnd: true,
    },
    (answer) => (['', 'y', 'yes'].includes(answer) ? true : ['n', 'no'].includes(answer) ? false : null),
  );
  if (ended) io.output.write('\nNo answer (input ended): resuming.\n');
  return value;
}

/** The state summary above the resume question. */
export function renderResumePrompt(info: ResumePromptInfo): string {
  return [
    'Found existing run state:',
    `  Task file: ${info.taskFile}`,
    `  Completed: ${info.completed}/${info.total} ${info.total === 1 ? 'task' : 'tasks'}`,
    `  Last updated: ${formatAgo(info.updatedAt, info.now)}`,
  ].join('\n');
}
