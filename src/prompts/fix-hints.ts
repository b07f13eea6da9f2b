import type { Finding } from './analyzers/types.js';

/**
 * Advice keyed on what an error says. Kept general on purpose: the model has the exact lines in the
 * error output; the hint points it at the usual cause and away from the usual wrong fix.
 */
const HINTS: Array<{ when: RegExp; hint: string }> = [
  {
    when: /SyntaxError|IndentationError|Parsing error|\bTS1\d{3}\b|\bE999\b/,
    hint: 'Fix the syntax error first: nothing else in that file can run until it parses.',
  },
  {
    when: /ImportError|ModuleNotFoundError|No module named|Cannot find module|ERR_MODULE_NOT_FOUND|TS2307|import-not-found|Failed to (load|resolve) (url|import)/,
    hint: 'An import does not resolve: check that the module exists at that path and exports the name (spelling, file location, package installed; in ESM TypeScript, the `.js` suffix).',
  },
  {
    when: /NameError|is not defined|Cannot find name|\bF821\b|TS2304|TS2552|no-undef\b/,
    hint: 'A name is used but never defined or imported: define it or add the import.',
  },
  {
    when: /AttributeError|has no attribute|Cannot read propert(y|ies) of (undefined|null)|is not a function|TS2339/,
    hint: 'Something is undefined or lacks an attribute where it is used: check what that code receives and returns.',
  },
  {
    when: /TypeError: .*(argument|positional|parameter)|Expected \d+ arguments?|TS2554|call-arg/,
    hint: 'A call does not match the signature: compare how the function is called (often by the tests) with how it is defined.',
  },
  {
    when: /AssertionError|assert |expect\(|expected .* to |Expected:|Expected values|!==|toBe|toEqual/,
    hint: 'The code runs but produces the wrong result: compare expected and actual values and fix the implementation, not the assertion.',
  },
  {
    when: /TS2322|TS2345|TS2741|TS2769|incompatible type|\[(arg-type|return-value|assignment)\]|return-value|arg-type/,
    hint: 'Types disagree: change the value or the declared type so they match; do not silence it with `any`, casts or ignore comments.',
  },
  {
    when: /TS7006|TS7031|implicitly has an 'any' type|no-explicit-any|Unexpected any/,
    hint: 'Give the value an explicit, precise type (use `unknown` and narrow it if the type is truly open).',
  },
  {
    when: /\bF401\b|\bF841\b|no-unused-vars|never used|imported but unused|assigned to but never used/,
    hint: 'Remove the unused import or variable, or use it.',
  },
  { when: /\bE501\b|max-len|Line too long/, hint: 'Wrap the long lines.' },
  { when: /\bE722\b|bare `except`/, hint: 'Catch the specific exception instead of a bare `except:`.' },
  {
    when: /timed out|Timeout|exceeded timeout/i,
    hint: 'Something ran too long: look for infinite loops, waits on input or the network, and servers that never stop.',
  },
];

/** The hints that apply to these findings (or raw error lines), each once, in table order. */
export function hintsFor(findings: Finding[], extraText: string[] = []): string[] {
  const texts = [...findings.map((f) => `${f.code ?? ''} ${f.message}`), ...extraText];
  return HINTS.filter(({ when }) => texts.some((t) => when.test(t))).map(({ hint }) => hint);
}
