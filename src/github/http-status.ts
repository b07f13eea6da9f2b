/**
 * The HTTP status of a failed Octokit request. Read by shape rather than `instanceof RequestError`:
 * `@octokit/request-error` is not a direct dependency, and a bundled copy may be a different class.
 */
export function httpStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('status' in err)) return undefined;
  return typeof err.status === 'number' ? err.status : undefined;
}

/** The message GitHub gave for a failed request, without Octokit's " - https://docs.github.com/…" suffix. */
export function githubMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '').trim();
}
