/**
 * For output no analyser recognises: the last meaningful lines (no blanks, rules, npm boilerplate),
 * and among them the first that reads like an error, as the one-line reason.
 */
const NOISE = [
  /^[\s=\-_*#~⎯─━.·+|]*$/,
  /^npm (ERR!|error) (A complete log|Lifecycle script|code |path |errno |workspace |location |command failed|command sh)/,
  /^npm (ERR!|error)\s*$/,
  /^> \S+@\S+ \S+$/,
  /^make(\[\d+\])?: \*\*\* .*Error \d+$/,
  /^error Command failed with exit code \d+\.?$/,
  /^info Visit https:\/\/yarnpkg\.com/,
  /^\s+at .*\(node:internal/,
];
const ERROR_LIKE =
  /\b(error|errors|fail|failed|failure|exception|traceback|cannot|can't|could not|not found|missing|denied|invalid|refused|panic|fatal|undefined)\b/i;
const TAIL = 15;

export interface TailReading {
  /** Up to 15 last meaningful lines. */
  relevant: string[];
  /** The line that best explains the failure, or `undefined` for empty output. */
  headline: string | undefined;
}

export function readTail(lines: string[]): TailReading {
  const meaningful = lines.filter((l) => !NOISE.some((re) => re.test(l)));
  const relevant = meaningful.slice(-TAIL);
  const headline = relevant.find((l) => ERROR_LIKE.test(l)) ?? relevant[relevant.length - 1];
  return { relevant, headline: headline?.trim() };
}
