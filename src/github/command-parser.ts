/**
 * Reads a PR comment for a TaskMaster command (§12): `/taskmaster retry [id]`, `skip [id]`, `abort`,
 * `resume`, on a line of its own. Lines inside fenced code or block quotes are not commands: quoting
 * someone's command, or a comment that shows the commands as examples, must not act a second time.
 */

/** The decisions and the resume a comment can ask for. */
export const COMMENT_COMMANDS = ['retry', 'skip', 'abort', 'resume'] as const;
export type CommentCommandName = (typeof COMMENT_COMMANDS)[number];

/** A well-formed command. */
export interface ParsedCommand {
  /** Which command. */
  command: CommentCommandName;
  /** The task a `retry` or `skip` names; absent means the task that needs a decision. */
  taskId?: string;
}

/** A comment addressed to TaskMaster that is not a valid command. */
export interface CommandParseError {
  /** What is wrong, for the usage reply. */
  error: string;
}

const PREFIX = /^\/taskmaster(?:\s|$)/i;
const TASK_ID = /^[A-Za-z0-9._-]+$/;
const TAKES_TASK_ID: ReadonlySet<string> = new Set(['retry', 'skip']);

/** The usage lines every error reply shows. */
export const COMMAND_USAGE = [
  '`/taskmaster retry [task-id]` — give the task a fresh set of attempts',
  '`/taskmaster skip [task-id]` — move on to the next task',
  '`/taskmaster abort` — end the run',
  '`/taskmaster resume` — continue the run from where it stopped',
];

/** The command in a comment body, an error when it is malformed, or null when it addresses no one. */
export function parseCommand(body: string): ParsedCommand | CommandParseError | null {
  const lines = commandLines(body);
  const [first] = lines;
  if (first === undefined) return null;
  if (lines.length > 1) return { error: `Found ${lines.length} commands; put one command in a comment.` };
  return parseLine(first);
}

/** Lines that start with `/taskmaster`, outside fenced code and block quotes. */
function commandLines(body: string): string[] {
  const found: string[] = [];
  let fenced = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && PREFIX.test(line)) found.push(line);
  }
  return found;
}

function parseLine(line: string): ParsedCommand | CommandParseError {
  const [, sub, ...args] = line.split(/\s+/);
  if (sub === undefined || sub === '') return { error: 'The command is missing after `/taskmaster`.' };
  const command = COMMENT_COMMANDS.find((c) => c === sub.toLowerCase());
  if (command === undefined) return { error: `Unknown command \`${clip(sub)}\`.` };
  if (args.length === 0) return { command };
  if (!TAKES_TASK_ID.has(command)) return { error: `\`${command}\` takes no task id.` };
  const [taskId, ...extra] = args;
  if (extra.length > 0 || taskId === undefined) {
    return { error: `\`${command}\` takes one task id, found ${args.length} words.` };
  }
  if (!TASK_ID.test(taskId)) {
    return { error: `\`${clip(taskId)}\` is not a task id: use letters, digits, '.', '_' and '-'.` };
  }
  return { command, taskId };
}

/** Echoed text is the commenter's own, but keep replies short and free of backticks that break code spans. */
function clip(text: string): string {
  const plain = text.replace(/`/g, '');
  return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}
