import { recordDecision } from '../../engine/decisions.js';
import type { CliCommand } from '../args.js';
import { type CliIO, clockOf, println } from '../io.js';
import { UsageError } from '../../errors.js';
import { selectRun } from '../run-selection.js';
import { findStateDir, openStore } from '../state-location.js';

type DecideCommand = Extract<CliCommand, { name: 'retry' | 'skip' | 'abort' }>;

/** `taskmaster retry|skip [id]` and `taskmaster abort`: a person's decision, applied on the next resume. */
export async function decideCommand(command: DecideCommand, io: CliIO): Promise<number> {
  const selection = await selectRun(io, command, new Date(clockOf(io).now()));
  if (selection.kind === 'several') throw new UsageError(selection.text);
  const store =
    selection.kind === 'one' ? selection.store : openStore(await findStateDir(io.cwd, io.env), io.cwd);
  const taskId = 'taskId' in command ? command.taskId : undefined;
  const result = await recordDecision(store, command.name, taskId, new Date(clockOf(io).now()));
  println(io.stdout, result.message);
  return 0;
}
