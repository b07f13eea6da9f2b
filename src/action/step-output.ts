/**
 * The step's own output, masked. `@actions/core` writes every log line, group, annotation and failure
 * to stdout, and so do the libraries the step uses; the runner masks registered secrets only in the
 * log it shows, so the process output itself is masked here, at the one writer everything goes through.
 * `::add-mask::` commands pass untouched: they are how a secret is registered with the runner.
 */

type Write = NodeJS.WriteStream['write'];

const ADD_MASK = '::add-mask::';

/** Masks everything written to stdout and stderr from now on; returns the undo (for in-process runs). */
export function maskStepOutput(redact: (text: string) => string): () => void {
  const undo = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      return (write as (...args: unknown[]) => boolean).call(this, masked(chunk, redact), ...rest);
    } as Write;
    return () => {
      stream.write = write;
    };
  });
  return () => undo.forEach((restore) => restore());
}

function masked(chunk: unknown, redact: (text: string) => string): unknown {
  const text =
    typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : null;
  if (text === null || text.startsWith(ADD_MASK)) return chunk;
  const out = redact(text);
  return out === text ? chunk : out;
}
