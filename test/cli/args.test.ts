import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv, { version: '1.2.3' });
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for: ${argv.join(' ')}`);
}

const RUN_DEFAULTS = {
  name: 'run',
  taskFile: 'tasks.yml',
  dryRun: false,
  resume: false,
  fresh: false,
  stopOnFirstFailure: false,
  autoApply: false,
  ignoreConfigLimits: false,
  quiet: false,
  verbose: false,
};

describe('parseArgs: run', () => {
  it('parses a bare run with every flag off', () => {
    expect(parseArgs(['run', 'tasks.yml'])).toEqual(RUN_DEFAULTS);
  });

  it('parses every run flag, before or after the task file', () => {
    const argv = [
      'run',
      '--config',
      'ci/tm.yml',
      '--dry-run',
      'tasks.yml',
      '--resume',
      '--stop-on-first-failure',
    ];
    argv.push('--auto-apply', '--ignore-config-limits', '--quiet');
    expect(parseArgs(argv)).toEqual({
      ...RUN_DEFAULTS,
      config: 'ci/tm.yml',
      dryRun: true,
      resume: true,
      stopOnFirstFailure: true,
      autoApply: true,
      ignoreConfigLimits: true,
      quiet: true,
    });
    expect(parseArgs(['run', 'tasks.yml', '--fresh', '--verbose', '--config=x.yml'])).toEqual({
      ...RUN_DEFAULTS,
      fresh: true,
      verbose: true,
      config: 'x.yml',
    });
  });

  it('refuses --resume with --fresh, saying what each does', () => {
    const error = usageError(['run', 'tasks.yml', '--resume', '--fresh']);
    expect(error.message).toMatch(/--resume and --fresh cannot be used together/);
    expect(error.message).toMatch(/Choose one/);
  });

  it('refuses --quiet with --verbose', () => {
    expect(usageError(['run', 'tasks.yml', '--quiet', '--verbose']).message).toMatch(/--quiet and --verbose/);
  });

  it('asks for the task file when it is missing or empty', () => {
    expect(usageError(['run']).message).toMatch(/missing required argument 'task-file'/);
    expect(usageError(['run']).message).toMatch(/taskmaster run --help/);
    expect(usageError(['run', '']).message).toMatch(/task file path is empty/);
  });

  it('names an unknown flag and suggests the closest one', () => {
    const error = usageError(['run', 'tasks.yml', '--dryrun']);
    expect(error.message).toMatch(/unknown option '--dryrun'/);
    expect(error.message).toMatch(/Did you mean --dry-run\?/);
    expect(error.message).not.toMatch(/^error:/);
  });

  it('needs a value for --config', () => {
    expect(usageError(['run', 'tasks.yml', '--config']).message).toMatch(/--config <path>' argument missing/);
    expect(usageError(['status', '--config', '']).message).toMatch(/--config needs a file path/);
  });
});

describe('parseArgs: the other commands', () => {
  it('parses resume with its run flags', () => {
    expect(parseArgs(['resume', '--auto-apply', '--quiet'])).toEqual({
      name: 'resume',
      stopOnFirstFailure: false,
      autoApply: true,
      ignoreConfigLimits: false,
      quiet: true,
      verbose: false,
    });
  });

  it('refuses run-only flags on resume', () => {
    expect(usageError(['resume', '--fresh']).message).toMatch(/unknown option '--fresh'/);
    expect(usageError(['resume', 'tasks.yml']).message).toMatch(/too many arguments/);
  });

  it('parses status, debug and abort, with an optional --config', () => {
    expect(parseArgs(['status'])).toEqual({ name: 'status' });
    expect(parseArgs(['debug', '--config', 'tm.yml'])).toEqual({ name: 'debug', config: 'tm.yml' });
    expect(parseArgs(['abort'])).toEqual({ name: 'abort' });
  });

  it('parses retry and skip with or without a task id', () => {
    expect(parseArgs(['retry'])).toEqual({ name: 'retry' });
    expect(parseArgs(['retry', 'task-3'])).toEqual({ name: 'retry', taskId: 'task-3' });
    expect(parseArgs(['skip', 'auth.1_b', '--config', 'c.yml'])).toEqual({
      name: 'skip',
      taskId: 'auth.1_b',
      config: 'c.yml',
    });
  });

  it('takes --task-file on the commands that act on a saved run', () => {
    expect(parseArgs(['status', '--task-file', 'backend-tasks.yml'])).toEqual({
      name: 'status',
      taskFile: 'backend-tasks.yml',
    });
    expect(parseArgs(['retry', 'task-3', '--task-file', 'ci/nightly.yml'])).toEqual({
      name: 'retry',
      taskId: 'task-3',
      taskFile: 'ci/nightly.yml',
    });
    expect(parseArgs(['resume', '--task-file', 'a.yml'])).toMatchObject({
      name: 'resume',
      taskFile: 'a.yml',
    });
    expect(usageError(['abort', '--task-file', ' ']).message).toContain(
      '--task-file needs the path of a task file',
    );
    expect(usageError(['validate', 'tasks.yml', '--task-file', 'a.yml']).message).toContain('--task-file');
  });

  it('refuses a task id that cannot exist', () => {
    expect(usageError(['skip', 'task 3']).message).toMatch(/'task 3' is not a task id.*taskmaster status/);
  });

  it('parses validate', () => {
    expect(parseArgs(['validate', 'tasks.yml'])).toEqual({ name: 'validate', taskFile: 'tasks.yml' });
    expect(usageError(['validate']).message).toMatch(/missing required argument/);
  });

  it('names an unknown command, suggests one and points at --help', () => {
    const error = usageError(['stauts']);
    expect(error.message).toMatch(/unknown command 'stauts'/);
    expect(error.message).toMatch(/Did you mean status\?/);
    expect(error.message).toMatch(/taskmaster --help/);
  });

  it('says no command was given', () => {
    expect(usageError([]).message).toMatch(/no command given.*taskmaster run <task-file>/);
  });
});

describe('parseArgs: help and version', () => {
  it('returns the version instead of printing it', () => {
    expect(parseArgs(['--version'], { version: '1.2.3' })).toEqual({ name: 'version', text: '1.2.3' });
    expect(parseArgs(['-v'], { version: '1.2.3' })).toEqual({ name: 'version', text: '1.2.3' });
  });

  it("defaults to the package's version", () => {
    const result = parseArgs(['--version']);
    expect(result).toMatchObject({ name: 'version', text: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('lists every command and flag, one line each, and the exit codes', () => {
    const result = parseArgs(['--help']);
    if (result.name !== 'help') throw new Error('expected help');
    const lines = result.text.split('\n');
    const commands = [
      'run <task-file>',
      'resume',
      'status',
      'debug',
      'retry [task-id]',
      'skip [task-id]',
      'abort',
    ];
    for (const command of [...commands, 'validate <task-file>']) {
      expect(lines.some((l) => l.startsWith(`  ${command} `))).toBe(true);
    }
    for (const flag of ['--config <path>', '--dry-run', '--resume', '--fresh', '--stop-on-first-failure']) {
      expect(lines.some((l) => l.startsWith(`    ${flag} `))).toBe(true);
    }
    for (const flag of ['--auto-apply', '--ignore-config-limits', '--quiet', '--verbose']) {
      expect(lines.some((l) => l.startsWith(`    ${flag} `))).toBe(true);
    }
    expect(result.text).toMatch(/Exit codes:\n {2}0 {4}every task completed or skipped\n {2}1 /);
    expect(result.text).toMatch(/\n {2}3 {4}paused/);
    expect(result.text).toMatch(/\n {2}130 {2}interrupted/);
    expect(parseArgs(['help'])).toEqual(result);
  });

  it("returns a command's own help", () => {
    const result = parseArgs(['run', '--help']);
    expect(result.name).toBe('help');
    expect(result).toMatchObject({
      text: expect.stringContaining('Usage: taskmaster run [options] <task-file>'),
    });
    expect(result).toMatchObject({ text: expect.stringContaining('--stop-on-first-failure') });
  });
});
