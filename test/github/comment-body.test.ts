import { describe, expect, it } from 'vitest';
import type { CommentTask, RunCommentView } from '../../src/github/comment-body.js';
import { renderRunComment } from '../../src/github/comment-body.js';
import { parseCommand } from '../../src/github/command-parser.js';

const tasks: CommentTask[] = [
  { id: 'task-1', title: 'Setup project structure', state: 'completed', attempts: 1, tokens: 12_400 },
  { id: 'task-2', title: 'Add auth | login', state: 'needs_intervention', attempts: 3, tokens: 48_210 },
  { id: 'task-3', title: 'Write docs', state: 'pending', attempts: 0, tokens: 0 },
];

function view(extra: Partial<RunCommentView> = {}): RunCommentView {
  return { status: 'running', tasks, tokensUsed: 60_610, final: false, ...extra };
}

describe('renderRunComment', () => {
  it('lists the four commands with the task id when a task needs a person', () => {
    const body = renderRunComment(view({ status: 'needs_intervention', needsTask: 'task-2' }));
    expect(body).toContain('needs a decision');
    expect(body).toContain('`/taskmaster retry task-2`');
    expect(body).toContain('`/taskmaster skip task-2`');
    expect(body).toContain('`/taskmaster abort`');
    expect(body).toContain('`/taskmaster resume`');
  });

  it('takes the task needing a decision from the table when needsTask is not given', () => {
    expect(renderRunComment(view({ status: 'needs_intervention' }))).toContain('`/taskmaster skip task-2`');
  });

  it('never reads as a command itself, so posting it cannot trigger a dispatch', () => {
    expect(parseCommand(renderRunComment(view({ status: 'needs_intervention' })))).toBeNull();
    expect(
      parseCommand(renderRunComment(view({ status: 'paused', resumeAt: '2026-11-26T14:00:00Z' }))),
    ).toBeNull();
  });

  it('shows a task table with states, attempts and tokens, escaping pipes in titles', () => {
    const body = renderRunComment(view());
    expect(body).toContain('| 1 | `task-1` | Setup project structure | ✅ completed | 1 | 12,400 |');
    expect(body).toContain('| 2 | `task-2` | Add auth \\| login | ⚠️ needs a decision | 3 | 48,210 |');
    expect(body).toContain('**1 of 3** tasks completed · **60,610** tokens used');
    expect(body).not.toContain('/taskmaster');
  });

  it('says when a paused run may resume and how', () => {
    const body = renderRunComment(view({ status: 'paused', resumeAt: '2026-11-26T14:00:00.000Z' }));
    expect(body).toContain('paused');
    expect(body).toContain('after 2026-11-26 14:00 UTC');
    expect(body).toContain('`/taskmaster resume`');
  });

  it.each([
    ['completed', '✅ completed', 'All tasks are done.'],
    ['failed', '❌ failed', 'The run stopped after failures'],
    ['cancelled', '🚫 cancelled', 'The job was cancelled; the run state was saved'],
    ['aborted', '🛑 aborted', 'The run was aborted'],
  ] as const)('finalises a %s run', (status, headline, closing) => {
    const body = renderRunComment(
      view({ status, final: true, runUrl: 'https://github.com/acme/shop/actions/runs/7' }),
    );
    expect(body).toContain(`### TaskMaster — ${headline}`);
    expect(body).toContain(closing);
    expect(body).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/7)');
  });

  it('says the job ended early when the last update still reads running', () => {
    const body = renderRunComment(view({ final: true }));
    expect(body).toContain('the job ended before the run finished');
    expect(renderRunComment(view())).toContain('▶️ running');
  });

  it('adds the next step when given', () => {
    expect(renderRunComment(view({ nextStep: 'The scheduled workflow resumes it.' }))).toContain(
      '**Next:** The scheduled workflow resumes it.',
    );
  });
});
