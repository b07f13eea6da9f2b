import { createRedactor } from '../util/redact.js';
import { environmentSecrets } from '../util/run-secrets.js';
import { parseArgs } from './args.js';
import { decideCommand } from './commands/decide.js';
import { debugCommand, statusCommand } from './commands/inspect.js';
import { resumeCommand, runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { reportError } from './error-report.js';
import { watchClosedPipes } from './closed-pipe.js';
import { watchInterrupts } from './interrupts.js';
import { type CliIO, println } from './io.js';

/** Runs one CLI invocation and returns its exit code (§11). Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  // Errors are reported before (or without) a configuration: the environment's credentials at least.
  const redact = createRedactor(environmentSecrets(io.env));
  try {
    const command = parseArgs(argv);
    switch (command.name) {
      case 'help':
      case 'version':
        println(io.stdout, command.text);
        return 0;
      case 'run':
        return await runCommand(command, io);
      case 'resume':
        return await resumeCommand(command, io);
      case 'status':
        return await statusCommand(command, io);
      case 'debug':
        return await debugCommand(command, io);
      case 'retry':
      case 'skip':
      case 'abort':
        return await decideCommand(command, io);
      case 'validate':
        return await validateCommand(command, io);
    }
  } catch (error) {
    return reportError(error, io, redact);
  }
}

/** The process door: real streams, signals, and the exit code. */
export async function runCli(): Promise<void> {
  const interrupts = watchInterrupts(process.stderr);
  watchClosedPipes([process.stdout, process.stderr], () => interrupts.stopQuietly());
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: interrupts.signal,
  };
  try {
    process.exitCode = interrupts.exitCode(await main(process.argv.slice(2), io));
  } finally {
    interrupts.dispose();
  }
}
