/**
 * `taskmaster … | head`: once the reader has gone, a write fails with EPIPE, which Node reports as an
 * unhandled 'error' event (a stack trace). Nobody reads the output any more, so the command ends
 * quietly instead: later writes are dropped and a run stops the way Ctrl+C stops it, state saved.
 */

/** A stream the CLI writes to: `process.stdout` or `process.stderr`. */
export interface PipedStream {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Errors that only say the reading end is closed. */
const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/**
 * Calls `onClosed` (once) when a write to one of `streams` finds its reader gone; any other write
 * error is still raised. Never removed: writes still queued when the command returns may fail later.
 */
export function watchClosedPipes(streams: readonly PipedStream[], onClosed: () => void): void {
  let closed = false;
  const onError = (error: Error): void => {
    if (!CLOSED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    if (closed) return;
    closed = true;
    onClosed();
  };
  for (const stream of streams) stream.on('error', onError);
}
