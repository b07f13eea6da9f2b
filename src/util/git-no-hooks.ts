/**
 * Options for every git command TaskMaster runs that could start a repository hook (commit, push).
 * The agent can write `.husky/pre-push`, and a hook can point `core.hooksPath` at it (`npm install`
 * running husky does); git would then run agent-written code with the push token in its environment.
 * Options given with `-c` win over every config file. See docs/security.md.
 */
export const NO_REPOSITORY_HOOKS: readonly string[] = ['-c', 'core.hooksPath=/dev/null'];
