import { describe, expect, it } from 'vitest';
import { carryAccountUsage } from '../../src/state/account-usage.js';
import { initialState, type WindowUsage } from '../../src/state/run-state.js';

const NOW = new Date('2025-11-16T10:15:30Z');

function usage(counts: Partial<WindowUsage>): WindowUsage {
  return {
    requests_minute: 0,
    requests_hour: 0,
    requests_day: 0,
    tokens_minute: 0,
    tokens_hour: 0,
    tokens_day: 0,
    window_start_minute: '2025-11-16T10:15:00Z',
    window_start_hour: '2025-11-16T10:00:00Z',
    window_start_day: '2025-11-16T00:00:00Z',
    ...counts,
  };
}

function stateWith(byProvider: Record<string, WindowUsage>) {
  const state = initialState('tasks.yml', [], NOW);
  state.rate_limit_usage = byProvider;
  return state;
}

describe('carryAccountUsage', () => {
  it("gives a new run the previous run's usage of every provider, and nothing else", () => {
    const previous = stateWith({ claude: usage({ requests_minute: 3, tokens_day: 900 }) });
    previous.token_usage.total.input_tokens = 900;
    previous.completed_task_ids = ['a'];

    const next = carryAccountUsage(previous, initialState('tasks.yml', [], NOW));

    expect(next.rate_limit_usage).toEqual(previous.rate_limit_usage);
    expect(next.token_usage.total.input_tokens).toBe(0);
    expect(next.completed_task_ids).toEqual([]);
  });

  it('takes, per window, the newer window, and the larger count within the same window', () => {
    const next = stateWith({
      claude: usage({ requests_minute: 1, requests_hour: 9, window_start_minute: '2025-11-16T10:14:00Z' }),
    });
    const sibling = stateWith({
      claude: usage({ requests_minute: 2, requests_hour: 4, requests_day: 20 }),
      openai: usage({ tokens_hour: 500 }),
    });

    carryAccountUsage(sibling, next);

    expect(next.rate_limit_usage.claude).toMatchObject({
      requests_minute: 2,
      window_start_minute: '2025-11-16T10:15:00Z',
      requests_hour: 9,
      requests_day: 20,
    });
    expect(next.rate_limit_usage.openai?.tokens_hour).toBe(500);
  });

  it('never counts the same usage twice when fed it again', () => {
    const previous = stateWith({ claude: usage({ requests_hour: 4 }) });
    const next = carryAccountUsage(previous, initialState('tasks.yml', [], NOW));
    carryAccountUsage(previous, next);
    expect(next.rate_limit_usage.claude?.requests_hour).toBe(4);
  });
});
