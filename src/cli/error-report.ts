import { ConfigError, ProviderError, RunPaused, StateError, UsageError } from '../errors.js';
import type { Redactor } from '../util/redact.js';
import { type CliIO, println } from './io.js';

/**
 * The CLI's one top-level catch: a message and an exit code, never a stack trace (unless
 * TASKMASTER_DEBUG=1), with every secret value masked.
 */
export function reportError(error: unknown, io: CliIO, redact: Redactor): number {
  const say = (text: string): void => println(io.stderr, redact(text));
  if (error instanceof ConfigError) {
    say(`Error: invalid configuration\n${error.message}`);
    return 2;
  }
  if (error instanceof UsageError) {
    say(`Error: ${error.message}`);
    return 2;
  }
  if (error instanceof StateError) {
    say(`Error: ${error.message}`);
    return 2;
  }
  if (error instanceof RunPaused) {
    say(error.details);
    return 3;
  }
  if (error instanceof ProviderError) {
    say(`Error: ${error.message}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`Error: ${message}`);
  if (io.env.TASKMASTER_DEBUG === '1' && error instanceof Error && error.stack) say(error.stack);
  else say('(set TASKMASTER_DEBUG=1 for details)');
  return 1;
}
