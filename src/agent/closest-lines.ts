import { distance } from 'fastest-levenshtein';

/**
 * Finds where in a file the model probably meant when its `old_text` matches nowhere: usually the same
 * lines with different indentation, or a line it remembered wrongly. Showing those lines with their
 * numbers lets the model copy the exact text on its next turn.
 */

/** The best-matching window of lines. */
export interface ClosestLines {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** 0..1, mean similarity of the lines with surrounding whitespace ignored. */
  similarity: number;
}

/** Scoring compares at most this many lines of old_text and characters per line, to stay fast on big inputs. */
const MAX_SCORED_LINES = 40;
const MAX_SCORED_CHARS = 400;

/** The window of `wanted.length` file lines most similar to `wanted`, or undefined when either is empty. */
export function findClosestLines(fileLines: string[], wanted: string[]): ClosestLines | undefined {
  if (fileLines.length === 0 || wanted.length === 0) return undefined;
  const size = Math.min(wanted.length, fileLines.length);
  const scored = wanted.slice(0, Math.min(size, MAX_SCORED_LINES)).map(normalise);
  const file = fileLines.map(normalise);
  let best: ClosestLines | undefined;
  for (let start = 0; start + size <= file.length; start++) {
    const similarity = windowSimilarity(file, start, scored);
    if (!best || similarity > best.similarity) {
      best = { startLine: start + 1, endLine: start + size, similarity };
    }
    if (similarity === 1) break;
  }
  return best;
}

function windowSimilarity(file: string[], start: number, wanted: string[]): number {
  let sum = 0;
  for (let j = 0; j < wanted.length; j++) sum += lineSimilarity(file[start + j] ?? '', wanted[j] ?? '');
  return sum / wanted.length;
}

function lineSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

function normalise(line: string): string {
  return line.trim().replace(/\s+/g, ' ').slice(0, MAX_SCORED_CHARS);
}
