/** Words for values and types in messages: "found a string ("5m")", "expected a whole number". */

const MAX_SHOWN = 40;

/** What was found, in the user's words. Strings are shortened so a message stays one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `a string (${quoteShort(value)})`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a mapping';
}

/** A short quoted form of a string for messages. */
export function quoteShort(value: string): string {
  const oneLine = value.replace(/\s*\n\s*/g, ' ');
  return JSON.stringify(oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN)}…` : oneLine);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value pairs)',
  record: 'a mapping (key: value pairs)',
};

/** A zod type name (`int`, `array`, ...) as the user would say it. */
export function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}
