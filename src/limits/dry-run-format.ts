/** The dry-run plan as a person reads it: a table of tasks with totals, the assumptions, and the pauses. */
import type { DryRunPlan, DryRunTaskEstimate } from './dry-run-estimate.js';
import { PRICES_AS_OF, formatCost } from './prices.js';
import { formatCount, formatDuration } from './time-format.js';

type Row = [string, string, string, string, string, string, string];

const HEADER: Row = ['Task', 'Provider', 'Model', 'Input', 'Output', 'Total', 'Cost'];
/** Columns from `Input` on are numbers: right-aligned. */
const FIRST_NUMERIC = 3;
/** More pauses than this are summarised: after a few, the advice is the same. */
const MAX_PAUSES_SHOWN = 10;

function taskRow(t: DryRunTaskEstimate): Row {
  const cost = t.cost === undefined ? 'unknown' : formatCost(t.cost);
  return [
    t.id,
    t.provider,
    t.model,
    formatCount(t.inputTokens),
    formatCount(t.outputTokens),
    formatCount(t.totalTokens),
    cost,
  ];
}

function totalRow(plan: DryRunPlan): Row {
  const { total } = plan;
  const partial = plan.unpricedModels.length > 0 && total.cost !== undefined ? '+' : '';
  const cost = total.cost === undefined ? 'unknown' : `${formatCost(total.cost)}${partial}`;
  return [
    'Total',
    '',
    '',
    formatCount(total.inputTokens),
    formatCount(total.outputTokens),
    formatCount(total.totalTokens),
    cost,
  ];
}

function renderTable(rows: Row[]): string[] {
  const widths = HEADER.map((_, col) => Math.max(...rows.map((r) => r[col]?.length ?? 0)));
  return rows.map((row) =>
    row
      .map((cell, col) =>
        col >= FIRST_NUMERIC ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function assumptions(plan: DryRunPlan): string[] {
  const m = plan.turnModel;
  const lines = [
    `Estimates are for one attempt per task: ${m.turnsPerAttempt} model turns, each re-sending the growing`,
    `conversation (about ${formatCount(m.outputTokensPerTurn)} output and ${formatCount(m.toolResultTokensPerTurn)} tool-result tokens per turn).`,
    `Each retry costs about as much again (up to ${plan.maxAttempts} attempts per task). Prices as of ${PRICES_AS_OF}.`,
  ];
  if (plan.unpricedModels.length > 0) {
    lines.push(
      `No price known for: ${plan.unpricedModels.join(', ')} (set pricing: under its provider to include it).`,
    );
  }
  return lines;
}

function limitLines(plan: DryRunPlan): string[] {
  const lines = ['Rate limits and budgets (from the usage in state.json):'];
  if (plan.pauses.length === 0) lines.push('  ✓ No pause expected.');
  else {
    lines.push('  ⚠ The run would pause:');
    for (const p of plan.pauses.slice(0, MAX_PAUSES_SHOWN)) lines.push(`    - ${p}`);
    const more = plan.pauses.length - MAX_PAUSES_SHOWN;
    if (more > 0) lines.push(`    ... and ${more} more`);
    lines.push('  Each pause ends the run (exit 3) until `taskmaster resume` after the reset.');
  }
  if (plan.waits.count > 0) {
    const n = plan.waits.count;
    lines.push(
      `  ⧗ ${n} short in-process wait${n === 1 ? '' : 's'} (${formatDuration(plan.waits.seconds * 1000)} in total).`,
    );
  }
  return lines;
}

/** A readable report of `planDryRun`'s result. */
export function formatDryRun(plan: DryRunPlan): string {
  const pending = plan.perTask.filter((t) => !t.done);
  const done = plan.perTask.filter((t) => t.done);
  const lines = ['Estimated tokens and cost per task:', ''];
  lines.push(...renderTable([HEADER, ...pending.map(taskRow), totalRow(plan)]));
  if (done.length > 0) lines.push('', `Already done (not counted): ${done.map((t) => t.id).join(', ')}`);
  lines.push('', ...assumptions(plan), '', ...limitLines(plan));
  return lines.join('\n');
}
