import { distance } from 'fastest-levenshtein';

/** Spelling differences that are not typos: case, `_` versus `-`, camelCase. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, '');
}

/** How many edits still look like a typo rather than a different word. */
function tolerance(word: string): number {
  return word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
}

/** The candidate closest to `word`, when it is close enough to be what the user meant. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const target = normalize(word);
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(target, normalize(candidate));
    if (best === undefined || score < best.score) best = { candidate, score };
  }
  return best !== undefined && best.score <= tolerance(word) ? best.candidate : undefined;
}

/** `did you mean "x"?`, or undefined when nothing is close. */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  quote: (s: string) => string = (s) => `"${s}"`,
): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `did you mean ${quote(match)}?`;
}

/** A "did you mean" when one is close, else the list of valid choices (or a fallback when none). */
export function suggestion(word: string, candidates: readonly string[], noneFix: string): string {
  const hint = didYouMean(word, candidates);
  if (hint !== undefined) return hint;
  if (candidates.length === 0) return noneFix;
  return `use one of: ${candidates.join(', ')}`;
}
