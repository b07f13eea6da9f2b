/** Values shorter than this are never treated as secrets: masking "1" or "true" would mangle every log. */
const MIN_SECRET_LENGTH = 6;

/** A function that replaces every occurrence of the given secret values with `***`. */
export type Redactor = (text: string) => string;

export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const values = [...new Set(secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((acc, secret) => acc.split(secret).join('***'), text);
}
