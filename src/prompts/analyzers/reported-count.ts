/**
 * How many tests the tool itself says failed, from its closing summary line. Hook output is kept as a
 * head and a tail with the middle cut, so the failures listed in it can be fewer than the tool ran:
 * the summary line (always in the tail) is the count to report.
 */
const COUNTS: readonly RegExp[] = [
  // pytest: `===== 302 failed, 5 passed in 1.20s =====`
  /^={3,} .*?\b(\d+) failed\b.* ={3,}$/,
  // vitest: `      Tests  302 failed | 5 passed (307)`
  /^\s*Tests\s+(\d+) failed\b/,
  // jest: `Tests:       302 failed, 5 passed, 307 total`
  /^Tests:\s+(\d+) failed\b/,
  // node:test: `# fail 302` (TAP) or `ℹ fail 302` (spec reporter)
  /^(?:#|ℹ) fail (\d+)$/,
];

/** The failing-test count of the last summary line in `lines`, or `undefined` when there is none. */
export function reportedFailingTests(lines: readonly string[]): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    for (const pattern of COUNTS) {
      const count = pattern.exec(line)?.[1];
      if (count !== undefined) return Number(count);
    }
  }
  return undefined;
}
