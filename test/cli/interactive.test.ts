import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  askIntervention,
  askResume,
  renderInterventionPrompt,
  renderNonProgress,
  type PromptIO,
} from '../../src/cli/interactive.js';
import { guideText } from './guide-state.js';

function prompt(): PromptIO & { input: PassThrough; text: () => string; answer(line: string): void } {
  const input = new PassThrough();
  let written = '';
  return {
    input,
    output: { write: (s: string) => (written += s) },
    text: () => written,
    answer: (line) => input.write(`${line}\n`),
  };
}

/** Resolves once the prompt has written `text`, so an answer is typed only after the question. */
async function shown(io: { text: () => string }, text: string): Promise<void> {
  for (let i = 0; i < 200 && !io.text().endsWith(text); i++) await new Promise((r) => setImmediate(r));
  expect(io.text().endsWith(text)).toBe(true);
}

const GUIDE_FAILURE = {
  title: 'Implement user authentication',
  attempts: 3,
  maxAttempts: 3,
  lastError: 'test hook failed (exit code 1)',
  recentFailures: [
    'AssertionError in test_login',
    "ImportError: cannot import 'User'",
    'TypeError: missing required argument',
  ],
};

describe('askIntervention', () => {
  it("prints the guide's prompt and takes R, S or A in any case", async () => {
    const io = prompt();
    const answer = askIntervention(io, GUIDE_FAILURE);
    await shown(io, 'Choice: ');
    expect(io.text()).toBe(`\n${guideText('guide-intervention.txt').replace(/_$/, '')}`);
    io.answer('S');
    expect(await answer).toBe('skip');
  });

  it('re-asks until the answer is one of the choices', async () => {
    const io = prompt();
    const answer = askIntervention(io, GUIDE_FAILURE);
    await shown(io, 'Choice: ');
    io.answer('maybe');
    await shown(io, 'Please type R, S or A.\nChoice: ');
    io.answer('  r ');
    expect(await answer).toBe('retry');
  });

  it('aborts when the input ends without an answer', async () => {
    const io = prompt();
    const answer = askIntervention(io, GUIDE_FAILURE);
    await shown(io, 'Choice: ');
    io.input.end();
    expect(await answer).toBe('abort');
    expect(io.text()).toContain('No answer (input ended): aborting the run.');
  });

  it('shows the last three failures numbered by attempt, and only the first line of each', async () => {
    const io = prompt();
    const answer = askIntervention(io, {
      ...GUIDE_FAILURE,
      attempts: 5,
      maxAttempts: 6,
      lastError: 'post-hook test failed\nwith a long log',
      recentFailures: ['one', 'two', 'three', 'four\ndetail', 'five'],
    });
    await shown(io, 'Choice: ');
    expect(io.text()).toContain('Attempts: 5/6\nLast error: post-hook test failed\n');
    expect(io.text()).toContain(
      'Recent failures:\n  Attempt 3: three\n  Attempt 4: four\n  Attempt 5: five\n\n',
    );
    io.answer('abort');
    expect(await answer).toBe('abort');
  });
});

describe('recent failures in the intervention prompt', () => {
  const long =
    'test hook failed (exit code 1): 3 failing tests: test_login (AssertionError: expected status 200 but the server answered 401 Unauthorized), test_logout (KeyError)';

  it('cuts a long failure at a word, to fit the terminal', () => {
    const text = renderInterventionPrompt({ ...GUIDE_FAILURE, recentFailures: [long], columns: 100 });
    const line = text.split('\n').find((l) => l.startsWith('  Attempt 3: ')) ?? '';
    expect(line.length).toBeLessThanOrEqual(100);
    expect(line).toBe(
      '  Attempt 3: test hook failed (exit code 1): 3 failing tests: test_login (AssertionError: expected…',
    );
  });

  it('without a known width keeps 160 characters, still cut at a word', () => {
    const text = renderInterventionPrompt({ ...GUIDE_FAILURE, recentFailures: [long] });
    const line = text.split('\n').find((l) => l.startsWith('  Attempt 3: ')) ?? '';
    expect(line.length).toBeLessThanOrEqual(160);
    expect(line.endsWith('…')).toBe(true);
    expect(long).toContain(line.slice('  Attempt 3: '.length, -1));
    expect(long.charAt(line.length - '  Attempt 3: '.length - 1)).toBe(' ');
  });
});

const RESUME_INFO = {
  taskFile: 'tasks.yml',
  completed: 2,
  total: 5,
  updatedAt: new Date('2025-11-16T10:15:00Z'),
  now: new Date('2025-11-16T10:17:30Z'),
  nextTaskNumber: 3,
};

describe('askResume', () => {
  const info = RESUME_INFO;

  it("prints the guide's question and takes Enter as yes", async () => {
    const io = prompt();
    const answer = askResume(io, info);
    await shown(io, '[Y/n]: ');
    expect(io.text()).toBe(guideText('guide-resume.txt').replace(/_$/, ''));
    io.answer('');
    expect(await answer).toBe(true);
  });

  it('takes n as no, after re-asking on anything else', async () => {
    const io = prompt();
    const answer = askResume(io, { ...info, updatedAt: new Date('2025-11-16T09:17:00Z') });
    await shown(io, '[Y/n]: ');
    expect(io.text()).toContain('  Last updated: 1 hour ago\n');
    io.answer('later');
    await shown(io, 'Please answer y or n.\nResume from task 3? [Y/n]: ');
    io.answer('No');
    expect(await answer).toBe(false);
  });

  it('resumes when the input ends', async () => {
    const io = prompt();
    const answer = askResume(io, info);
    await shown(io, '[Y/n]: ');
    io.input.end();
    expect(await answer).toBe(true);
  });
});

describe('answers from a pipe', () => {
  it('keeps answers that arrive together for the prompts that follow', async () => {
    const io = prompt();
    io.input.write('n\nmaybe\ns\n');
    expect(await askResume(io, { ...RESUME_INFO })).toBe(false);
    expect(await askIntervention(io, GUIDE_FAILURE)).toBe('skip');
    expect(io.text()).toContain('Please type R, S or A.');
  });

  it('answers at once when the input ended before the question', async () => {
    const io = prompt();
    io.input.end();
    expect(await askResume(io, RESUME_INFO)).toBe(true);
    expect(await askIntervention(io, GUIDE_FAILURE)).toBe('abort');
  });
});

describe('renderNonProgress', () => {
  it("prints the guide's block at the limit, without escalation before it", () => {
    expect(renderNonProgress(2, 2)).toBe(guideText('guide-non-progress.txt'));
    const early = renderNonProgress(1, 2);
    expect(early).toContain('Non-progress count: 1/2');
    expect(early).not.toContain('Escalating');
  });
});
