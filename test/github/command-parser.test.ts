import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/github/command-parser.js';
import { workflowFileFromRef } from '../../src/github/workflow-ref.js';

describe('parseCommand', () => {
  it.each([
    ['/taskmaster skip task-2', { command: 'skip', taskId: 'task-2' }],
    ['/taskmaster retry auth-1', { command: 'retry', taskId: 'auth-1' }],
    ['/taskmaster retry', { command: 'retry' }],
    ['/taskmaster abort', { command: 'abort' }],
    ['/taskmaster resume', { command: 'resume' }],
    ['  /TaskMaster   Skip   v1.2_x-3  ', { command: 'skip', taskId: 'v1.2_x-3' }],
    [
      'Tests are flaky, moving on.\r\n\r\n/taskmaster skip task-2\r\nthanks',
      { command: 'skip', taskId: 'task-2' },
    ],
  ])('reads %j', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    ['Please run /taskmaster skip task-2'],
    ['`/taskmaster skip task-2`'],
    ['- `/taskmaster skip task-2` — move on'],
    ['> /taskmaster skip task-2'],
    ['```\n/taskmaster skip task-2\n```'],
    ['/taskmasters skip task-2'],
    ['LGTM'],
    [''],
  ])('finds no command in %j', (body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it.each([
    ['/taskmaster', /missing/],
    ['/taskmaster deploy', /Unknown command `deploy`/],
    ['/taskmaster abort task-2', /`abort` takes no task id/],
    ['/taskmaster resume now', /`resume` takes no task id/],
    ['/taskmaster skip a b', /takes one task id, found 2 words/],
    ['/taskmaster skip ../etc', /not a task id/],
    ['/taskmaster skip task-1\n/taskmaster skip task-2', /Found 2 commands/],
  ])('explains what is wrong with %j', (body, message) => {
    const parsed = parseCommand(body);
    expect(parsed).toHaveProperty('error');
    expect((parsed as { error: string }).error).toMatch(message);
  });

  it('keeps an echoed word short and free of backticks', () => {
    const parsed = parseCommand(`/taskmaster ${'`x'.repeat(50)}`) as { error: string };
    expect(parsed.error).toBe(`Unknown command \`${'x'.repeat(40)}…\`.`);
  });
});

describe('workflowFileFromRef', () => {
  it('takes the file name from GITHUB_WORKFLOW_REF', () => {
    expect(workflowFileFromRef('acme/shop/.github/workflows/taskmaster.yml@refs/heads/main')).toBe(
      'taskmaster.yml',
    );
    expect(workflowFileFromRef('acme/shop/.github/workflows/ci.yaml@refs/pull/4/merge')).toBe('ci.yaml');
  });

  it.each([
    '',
    'taskmaster.yml',
    'acme/shop/.github/workflows/taskmaster.yml',
    'acme/shop/ci.yml@refs/heads/main',
  ])('rejects %j with the expected shape', (ref) => {
    expect(() => workflowFileFromRef(ref)).toThrow(
      /Expected 'owner\/repo\/\.github\/workflows\/<file>\.yml@<ref>'/,
    );
  });
});
