/**
 * One PR comment per run key, found again by a hidden marker and updated in place (changesets/action's
 * PR comment). The marker, not the author, identifies it: the token that wrote it may differ between
 * runs (GITHUB_TOKEN in one, a PAT in another).
 */
import type { GitHubClient } from './octokit.js';

/** GitHub refuses comment bodies of 65,536 characters or more; stay clear of the edge. */
export const MAX_COMMENT_LENGTH = 65_000;

/** Where a sticky comment goes and what it says. */
export interface StickyCommentTarget {
  /** Repository owner. */
  owner: string;
  /** Repository name. */
  repo: string;
  /** The pull request (or issue) number. */
  issue_number: number;
  /** The run key: one comment per key. */
  key: string;
  /** Markdown body, without the marker. */
  body: string;
}

/** The comment written. */
export interface StickyComment {
  /** Comment id. */
  id: number;
  /** Link to the comment. */
  url: string;
  /** True when no comment with the marker existed and one was created. */
  created: boolean;
}

/** The hidden line that finds the comment again. Characters that could close the HTML comment are replaced. */
export function stickyMarker(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._/:@+-]/g, '_').replace(/-{2,}/g, '-');
  if (safe === '') throw new Error('The sticky comment needs a non-empty run key.');
  return `<!-- taskmaster:${safe} -->`;
}

/** Updates the comment carrying the key's marker, or creates it. */
export async function upsertStickyComment(
  octokit: GitHubClient,
  target: StickyCommentTarget,
): Promise<StickyComment> {
  const marker = stickyMarker(target.key);
  const body = capCommentBody(`${marker}\n${target.body}`);
  const { owner, repo, issue_number } = target;
  const existing = await findCommentWith(octokit, { owner, repo, issue_number }, marker);
  if (existing !== undefined) {
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing, body });
    return { id: data.id, url: data.html_url, created: false };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
  return { id: data.id, url: data.html_url, created: true };
}

/** The id of the first comment whose body holds `marker`, reading pages only until it is found. */
async function findCommentWith(
  octokit: GitHubClient,
  where: Pick<StickyCommentTarget, 'owner' | 'repo' | 'issue_number'>,
  marker: string,
): Promise<number | undefined> {
  const { owner, repo, issue_number } = where;
  const params = { owner, repo, issue_number, per_page: 100 };
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, params);
  for await (const page of pages) {
    const match = page.data.find((c) => c.body?.includes(marker) === true);
    if (match !== undefined) return match.id;
  }
  return undefined;
}

/**
 * Keeps a body under the limit by cutting its middle: the head (marker, status) and the tail (next
 * step, links) are what a reader needs.
 */
export function capCommentBody(body: string, max = MAX_COMMENT_LENGTH): string {
  if (body.length <= max) return body;
  const note = (cut: number) =>
    `\n\n… ${cut.toLocaleString('en-US')} characters cut to fit a GitHub comment …\n\n`;
  const room = max - note(body.length).length;
  const head = Math.ceil(room / 2);
  const tail = room - head;
  return `${body.slice(0, head)}${note(body.length - room)}${body.slice(body.length - tail)}`;
}
