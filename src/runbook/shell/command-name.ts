import type { SimpleCommand } from './shell-model.ts';

/** The program a command runs, by basename (`/usr/bin/redis-cli` → `redis-cli`); '' when its name is not known before it runs. */
export function commandName(command: SimpleCommand): string {
  const name = command.name;
  if (!name?.literal) return '';
  return name.value.slice(name.value.lastIndexOf('/') + 1);
}
