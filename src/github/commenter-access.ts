/**
 * Who may steer a run from a PR comment (§12): people whose repository permission, asked of the API,
 * is write, maintain or admin; bots only when `allowed-bots` names them. Listed bots skip the
 * permission check because GitHub Apps are not collaborators (the API answers 404 for them): listing
 * one is the owner's explicit grant.
 */
import type { GitHubLog } from './github-log.js';
import type { GitHubClient } from './octokit.js';
import { githubMessage, httpStatus } from './http-status.js';

/** The comment's author. */
export interface Commenter {
  /** Login, e.g. `octocat` or `renovate[bot]`. */
  login: string;
  /** `User`, `Bot`, `Organization` or `Mannequin`. */
  type: string;
}

/** Whether the commenter may act, and why. */
export type CommenterAccess =
  | { allowed: true; via: 'allowed-bot' | 'permission'; permission: string }
  | { allowed: false; reason: 'bot-not-allowed' | 'permission-too-low'; message: string };

/** Roles that may act; `maintain` is reported as permission `write` but also appears as a role name. */
const WRITE_ROLES: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

/** Decides whether `commenter` may run commands on `owner/repo`. */
export async function checkCommenter(
  octokit: GitHubClient,
  where: { owner: string; repo: string },
  commenter: Commenter,
  allowedBots: readonly string[],
  log: GitHubLog,
): Promise<CommenterAccess> {
  if (commenter.type === 'Bot') return checkBot(commenter.login, allowedBots, log);
  const { permission, role } = await permissionOf(octokit, where, commenter.login);
  if (WRITE_ROLES.has(permission) || WRITE_ROLES.has(role))
    return { allowed: true, via: 'permission', permission: role };
  return {
    allowed: false,
    reason: 'permission-too-low',
    message: `@${commenter.login} has ${permission} permission on ${where.owner}/${where.repo}; commands need write, maintain or admin.`,
  };
}

function checkBot(login: string, allowedBots: readonly string[], log: GitHubLog): CommenterAccess {
  if (allowedBots.some((b) => b.includes('*'))) {
    log.warning('allowed-bots does not accept wildcards; name each bot (e.g. renovate[bot]).');
  }
  const name = botName(login);
  if (allowedBots.some((b) => botName(b) === name))
    return { allowed: true, via: 'allowed-bot', permission: 'bot' };
  return {
    allowed: false,
    reason: 'bot-not-allowed',
    message: `${login} is a bot not listed in allowed-bots; add "${login}" there to let it run commands.`,
  };
}

/** `Renovate[bot]` and `renovate` name the same bot; logins are case-insensitive on GitHub. */
function botName(login: string): string {
  return login
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
}

async function permissionOf(
  octokit: GitHubClient,
  where: { owner: string; repo: string },
  username: string,
): Promise<{ permission: string; role: string }> {
  try {
    const { owner, repo } = where;
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return { permission: data.permission, role: data.role_name };
  } catch (err) {
    // Not a collaborator (or not a user the API knows): no permission at all.
    if (httpStatus(err) === 404) return { permission: 'no', role: 'none' };
    throw new Error(
      `Could not read @${username}'s permission on ${where.owner}/${where.repo}: ${githubMessage(err)}. ` +
        'The token needs read access to the repository metadata.',
      { cause: err },
    );
  }
}
