/**
 * The guide's five-task run ("State Management & Resume"): each task writes `<id>.txt` and its own
 * post-hook checks that file and appends the task id to `$MARK/runs`, so a test can count how often
 * each task's work was judged. task-3 ("Implement login endpoint") does nothing on its first attempt.
 */
import { createProject, GUIDE_TASKS, type Project, type ProjectSpec } from './project.js';
import { finish, idle, type Turn, write } from './turns.js';

export interface GuideProjectOptions {
  /** Extra `.taskmaster.yml` keys. */
  config?: Record<string, unknown>;
  /** Extra keys of the scripted provider. */
  provider?: Record<string, unknown>;
  providerName?: string;
  /** Extra shell run by every post-hook before its check (e.g. a pause for a kill test). */
  hookPrefix?: string;
  /** Attempts of task-3 that change nothing before the one that works (default 1). */
  task3Failures?: number;
}

export function guideProject(opts: GuideProjectOptions = {}): Project {
  const hooks: Record<string, unknown> = {};
  const script: Record<string, Turn[][]> = {};
  const tasks = GUIDE_TASKS.map(({ id, title }) => {
    hooks[`check-${id}`] = {
      command: `${opts.hookPrefix ?? ''}test -f ${id}.txt && echo ${id} >> "$MARK/runs"`,
      description: `Check ${id}`,
      timeout: 60,
      quiet: true,
    };
    const works = [write(`${id}.txt`, `${title}\n`), finish(`${title}: done`)];
    const failures = id === 'task-3' ? (opts.task3Failures ?? 1) : 0;
    script[id] = [...Array.from({ length: failures }, () => idle()), works];
    return { id, title, post_hooks: [`check-${id}`] };
  });
  const spec: ProjectSpec = {
    config: { hooks, ...opts.config },
    tasks,
    script,
    ...(opts.provider ? { provider: opts.provider } : {}),
    ...(opts.providerName ? { providerName: opts.providerName } : {}),
  };
  return createProject(spec);
}

/** How often each task's post-hook passed, by task id. */
export function runCounts(project: Project): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of project.marks('runs')) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}
