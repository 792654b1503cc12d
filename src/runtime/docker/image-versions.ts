/**
 * What software an image holds, asked of a running container once per image
 * id (`postgres --version` inside it) and cached: the same id is the same
 * content. For evidence only; 'unknown' when the image has no such command.
 */
import { execa } from 'execa';
import type { Container } from './container.ts';
import { dockerBin } from './docker-bin.ts';

const cache = new Map<string, Promise<string>>();

export function imageVersion(container: Container, command: readonly string[]): Promise<string> {
  const key = `${container.image.id} ${command.join(' ')}`;
  let version = cache.get(key);
  if (!version) {
    version = execa(dockerBin, ['exec', container.name, ...command], { timeout: 10_000 }).then(
      ({ stdout }) => stdout.split('\n')[0]!,
      () => {
        cache.delete(key); // the container may have been down: ask again next time
        return 'unknown';
      },
    );
    cache.set(key, version);
  }
  return version;
}
