/**
 * Pull request look-ups. A fork's head lives in another repository: dispatching on it would run the
 * fork's code with this repository's secrets, so callers check `sameRepository`.
 */
import type { GitHubClient } from './octokit.js';

/** An open pull request whose head branch is in this repository. */
export interface BranchPullRequest {
  /** PR number. */
  number: number;
  /** Link to the PR. */
  url: string;
}

/** Where a pull request's changes come from. */
export interface PullRequestHead {
  /** PR number. */
  number: number;
  /** `open` or `closed` (merged PRs are closed). */
  state: string;
  /** The head branch name (`feature/x`). */
  ref: string;
  /** `owner/repo` of the head; null when the fork was deleted. */
  headRepo: string | null;
  /** `owner/repo` of the base. */
  baseRepo: string;
  /** True when head and base are the same repository (not a fork). */
  sameRepository: boolean;
}

/** The open PR whose head is `branch` of `owner/repo` (for the run mode's sticky comment), if any. */
export async function findPullRequestForBranch(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<BranchPullRequest | undefined> {
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${branch}`,
    per_page: 10,
  });
  const fullName = `${owner}/${repo}`.toLowerCase();
  const match = data.find(
    (pr) => pr.head.ref === branch && pr.head.repo?.full_name.toLowerCase() === fullName,
  );
  return match === undefined ? undefined : { number: match.number, url: match.html_url };
}

/** The head branch and repository of PR `pull_number`. */
export async function getPullRequestHead(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  pull_number: number,
): Promise<PullRequestHead> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number });
  const headRepo = data.head.repo?.full_name ?? null;
  const baseRepo = data.base.repo.full_name;
  return {
    number: data.number,
    state: data.state,
    ref: data.head.ref,
    headRepo,
    baseRepo,
    sameRepository: headRepo !== null && headRepo.toLowerCase() === baseRepo.toLowerCase(),
  };
}
