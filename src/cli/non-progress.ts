/** The guide's "⚠ Non-progress detected!" block, shown when an attempt changed nothing and still failed. */

/** The block for the `count`-th non-progress attempt of `max` allowed; escalation is said only at the limit. */
export function renderNonProgress(count: number, max: number): string {
  const lines = [
    '⚠ Non-progress detected!',
    '',
    'The agent made no code changes, but tests still fail.',
    'This may indicate:',
    '  - Task description is unclear',
    '  - Tests are flaky',
    '  - Environment issue',
    '',
    `Non-progress count: ${count}/${max}`,
  ];
  if (count >= max) lines.push('', 'Escalating to user intervention...');
  return lines.join('\n');
}
