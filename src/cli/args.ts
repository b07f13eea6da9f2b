/**
 * Command-line parsing with commander, into one typed `CliCommand`. Commander never prints or
 * exits here: its output is captured, help and version come back as values, and every mistake becomes a
 * `UsageError` (exit code 2) saying what was wrong and where to look.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, type OptionValues } from 'commander';
import { UsageError } from '../errors.js';
import { COMMANDS, type CommandName, type CommandSpec } from './command-spec.js';
import { renderHelp } from './help-text.js';

/** Flags shared by `run` and `resume`: how the run behaves. */
export interface RunFlags {
  /** `--config P`: configuration file instead of `.taskmaster.yml`. */
  config?: string;
  /** `--stop-on-first-failure`: stop at the first failed attempt. */
  stopOnFirstFailure: boolean;
  /** `--auto-apply`: commit each task's changes when it succeeds. */
  autoApply: boolean;
  /** `--ignore-config-limits`: skip the rate-limit checks (with a warning). */
  ignoreConfigLimits: boolean;
  /** `--quiet`: only task results, warnings and errors. */
  quiet: boolean;
  /** `--verbose`: more detail, and prompts written to the logs. */
  verbose: boolean;
}

/** `taskmaster run <task-file> ...`. */
export interface RunCommand extends RunFlags {
  name: 'run';
  /** The task file as typed. */
  taskFile: string;
  /** `--dry-run`: no model call and no hook; prompts and estimates only. */
  dryRun: boolean;
  /** `--resume`: continue saved state without asking. */
  resume: boolean;
  /** `--fresh`: start over, keeping the old state as a backup. */
  fresh: boolean;
}

/** `--task-file P`: which run, when the state directory holds runs of several task files. */
export interface RunChoice {
  /** The task file whose run is meant, as typed; absent means the only run. */
  taskFile?: string;
}

/** `taskmaster resume`. */
export interface ResumeCommand extends RunFlags, RunChoice {
  name: 'resume';
}

/** `taskmaster status`, `debug` or `abort`: read the saved run, or end it. */
export interface StateCommand<N extends 'status' | 'debug' | 'abort'> extends RunChoice {
  name: N;
  /** `--config P`, to find the configuration (limits, task file) the run used. */
  config?: string;
}

/** `taskmaster retry [task-id]` or `skip [task-id]`: a person's decision about a task. */
export interface DecisionCommand<N extends 'retry' | 'skip'> extends RunChoice {
  name: N;
  /** The task decided about; absent means the one waiting for a decision. */
  taskId?: string;
  /** `--config P`. */
  config?: string;
}

/** `taskmaster validate <task-file>`. */
export interface ValidateCommand {
  name: 'validate';
  /** The task file as typed. */
  taskFile: string;
  /** `--config P`. */
  config?: string;
}

/** One member per command, so that `Extract<CliCommand, { name: 'status' }>` and `switch` narrow cleanly. */
export type CliCommand =
  | RunCommand
  | ResumeCommand
  | StateCommand<'status'>
  | StateCommand<'debug'>
  | StateCommand<'abort'>
  | DecisionCommand<'retry'>
  | DecisionCommand<'skip'>
  | ValidateCommand;

/** What the command line asks for: a command, or text to print (help, version) and exit 0. */
export type ParsedArgs = CliCommand | { name: 'help'; text: string } | { name: 'version'; text: string };

const TASK_ID = /^[A-Za-z0-9._-]+$/;

/**
 * Parses the arguments after the program name (`process.argv.slice(2)`). `version` defaults to the
 * package's own.
 * @throws UsageError on any mistake, with commander's explanation and a pointer to `--help`.
 */
export function parseArgs(argv: readonly string[], meta: { version?: string } = {}): ParsedArgs {
  const captured = { out: '', err: '' };
  let parsed: CliCommand | undefined;
  const program = buildProgram(meta.version ?? packageVersion(), captured, (command) => {
    parsed = command;
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return fromCommanderError(error, captured, argv);
    throw error;
  }
  if (!parsed) throw noCommand();
  return parsed;
}

function buildProgram(
  version: string,
  captured: { out: string; err: string },
  done: (c: CliCommand) => void,
): Command {
  const program = new Command('taskmaster')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => (captured.out += text),
      writeErr: (text) => (captured.err += text),
      outputError: (text, write) => write(text),
    })
    .version(version, '-v, --version', 'print the version');
  // `command()` (unlike `addCommand`) copies exitOverride and the captured output to the subcommand.
  for (const spec of COMMANDS) defineCommand(program.command(spec.name), spec, done);
  // Set after the subcommands exist so that only the top level gets the all-in-one help.
  program.configureHelp({ formatHelp: () => `${renderHelp()}\n` });
  return program;
}

function defineCommand(command: Command, spec: CommandSpec, done: (c: CliCommand) => void): void {
  command.description(spec.description);
  if (spec.args) command.argument(spec.args);
  for (const flag of spec.flags) command.option(flag.flags, flag.description);
  command.action((...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    done(toCliCommand(spec.name, self.processedArgs, self.opts()));
  });
}

function toCliCommand(name: CommandName, args: readonly unknown[], opts: OptionValues): CliCommand {
  const config = configOf(opts);
  const first = typeof args[0] === 'string' ? args[0] : undefined;
  switch (name) {
    case 'run':
      return { name, taskFile: taskFileOf(first), ...runFlags(opts), ...runModes(opts) };
    case 'resume':
      return { name, ...runFlags(opts), ...runChoiceOf(opts) };
    case 'validate':
      return { name, taskFile: taskFileOf(first), ...config };
    case 'retry':
    case 'skip': {
      const taskId = first === undefined ? {} : { taskId: taskIdOf(name, first) };
      return { name, ...taskId, ...config, ...runChoiceOf(opts) };
    }
    case 'status':
    case 'debug':
    case 'abort':
      return { name, ...config, ...runChoiceOf(opts) };
  }
}

function runChoiceOf(opts: OptionValues): RunChoice {
  const taskFile: unknown = opts['taskFile'];
  if (typeof taskFile !== 'string') return {};
  if (taskFile.trim() === '')
    throw new UsageError('--task-file needs the path of a task file, e.g. --task-file backend-tasks.yml');
  return { taskFile };
}

function runFlags(opts: OptionValues): RunFlags {
  const flags = {
    ...configOf(opts),
    stopOnFirstFailure: opts['stopOnFirstFailure'] === true,
    autoApply: opts['autoApply'] === true,
    ignoreConfigLimits: opts['ignoreConfigLimits'] === true,
    quiet: opts['quiet'] === true,
    verbose: opts['verbose'] === true,
  };
  if (flags.quiet && flags.verbose) {
    throw new UsageError('--quiet and --verbose cannot be used together: choose one of them.');
  }
  return flags;
}

function runModes(opts: OptionValues): Pick<RunCommand, 'dryRun' | 'resume' | 'fresh'> {
  const modes = {
    dryRun: opts['dryRun'] === true,
    resume: opts['resume'] === true,
    fresh: opts['fresh'] === true,
  };
  if (modes.resume && modes.fresh) {
    throw new UsageError(
      '--resume and --fresh cannot be used together: --resume continues the saved run, --fresh starts ' +
        'over (keeping the old state as a backup). Choose one of them.',
    );
  }
  return modes;
}

function configOf(opts: OptionValues): { config?: string } {
  const config: unknown = opts['config'];
  if (typeof config !== 'string') return {};
  if (config.trim() === '') throw new UsageError('--config needs a file path, e.g. --config .taskmaster.yml');
  return { config };
}

function taskFileOf(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError('the task file path is empty: give the path of a task file, e.g. tasks.yml');
  }
  return value;
}

function taskIdOf(command: 'retry' | 'skip', value: string): string {
  if (!TASK_ID.test(value)) {
    throw new UsageError(
      `'${value}' is not a task id: ids use only letters, digits, '.', '_' and '-'. ` +
        `Run 'taskmaster status' to see the task ids, then 'taskmaster ${command} <task-id>'.`,
    );
  }
  return value;
}

function fromCommanderError(
  error: CommanderError,
  captured: { out: string; err: string },
  argv: readonly string[],
): ParsedArgs {
  switch (error.code) {
    case 'commander.version':
      return { name: 'version', text: captured.out.trimEnd() };
    case 'commander.helpDisplayed':
    case 'commander.help':
      if (error.exitCode !== 0) throw noCommand();
      return { name: 'help', text: captured.out.trimEnd() };
    default:
      throw new UsageError(usageMessage(error, captured.err, argv), { cause: error });
  }
}

/** Commander's own explanation (with its "did you mean"), minus its `error:` prefix, plus where to look. */
function usageMessage(error: CommanderError, output: string, argv: readonly string[]): string {
  const text = (output.trim() || error.message).replace(/^error: /, '');
  const command = COMMANDS.find((c) => c.name === argv[0]);
  const help = command ? `taskmaster ${command.name} --help` : 'taskmaster --help';
  return `${text}\nRun '${help}' to see the usage.`;
}

function noCommand(): UsageError {
  return new UsageError(
    "no command given. Run 'taskmaster run <task-file>' to start a run, or 'taskmaster --help' to see every command.",
  );
}

/** The package's version from its package.json (next to `src/` and `lib/` alike). */
function packageVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require('../../package.json') as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
