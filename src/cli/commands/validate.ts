import { loadConfig } from '../../config/load-config.js';
import { createProvider } from '../../providers/create-provider.js';
import type { CliCommand } from '../args.js';
import { type CliIO, println } from '../io.js';

type ValidateCommand = Extract<CliCommand, { name: 'validate' }>;

/** `taskmaster validate <task-file>`: every problem at once (exit 2), or a one-screen summary (exit 0). */
export async function validateCommand(command: ValidateCommand, io: CliIO): Promise<number> {
  const config = await loadConfig({
    cwd: io.cwd,
    taskFile: command.taskFile,
    env: io.env,
    ...(command.config ? { configPath: command.config } : {}),
  });
  // Scripts of scripted providers are validated by loading them, as a run would.
  for (const provider of Object.values(config.providers)) {
    if (provider.type === 'scripted') await createProvider(provider);
  }
  const hooks = Object.keys(config.hooks);
  println(io.stdout, `✓ ${config.taskFileDisplay} is valid`);
  println(io.stdout, `  Tasks: ${config.tasks.length} (${config.tasks.map((t) => t.id).join(', ')})`);
  println(io.stdout, `  Hooks: ${hooks.length ? hooks.join(', ') : 'none'}`);
  println(
    io.stdout,
    `  Providers: ${Object.values(config.providers)
      .map(
        (p) => `${p.name} (${p.type}, ${p.model})${p.name === config.default_provider ? ' [default]' : ''}`,
      )
      .join(', ')}`,
  );
  return 0;
}
