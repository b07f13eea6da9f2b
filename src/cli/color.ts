/**
 * Colour decisions and the palette. Colour only on a terminal and never with `NO_COLOR` (
 * https://no-color.org); `FORCE_COLOR` turns it on where a CI log viewer renders ANSI without a TTY.
 */
import { styleText } from 'node:util';

/** Environment variables that decide colour; pass `process.env` from the door. */
export type ColorEnv = Readonly<Record<string, string | undefined>>;

/** Whether output to `stream` should be coloured. */
export function shouldUseColor(stream: { isTTY?: boolean | undefined }, env: ColorEnv): boolean {
  if (isSet(env['NO_COLOR'])) return false;
  const force = env['FORCE_COLOR'];
  if (isSet(force)) return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

type Paint = (text: string) => string;

/** The few styles the CLI uses; each is the identity when colour is off. */
export interface Palette {
  /** Successes: ✓ lines. */
  green: Paint;
  /** Failures and errors: ✗ lines. */
  red: Paint;
  /** Warnings: ⚠ lines, waits. */
  yellow: Paint;
  /** Task headers. */
  bold: Paint;
  /** Secondary detail: tool calls, hook output, durations. */
  dim: Paint;
  /** Things to type: commands in hints. */
  cyan: Paint;
}

const plain: Paint = (text) => text;

/** A palette that colours when `enabled`, whatever the stream or environment says (that was decided). */
export function createPalette(enabled: boolean): Palette {
  const style =
    (format: Parameters<typeof styleText>[0]): Paint =>
    (text) =>
      enabled ? styleText(format, text, { validateStream: false }) : plain(text);
  return {
    green: style('green'),
    red: style('red'),
    yellow: style('yellow'),
    bold: style('bold'),
    dim: style('dim'),
    cyan: style('cyan'),
  };
}
