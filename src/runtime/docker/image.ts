/**
 * Images are configuration: firedrill's local ones (`npm run images`) by
 * default, official ones from a registry when a user configures them. Either
 * way the image must already be in the engine: firedrill never pulls.
 */
import { ImageName } from 'testcontainers';
import { dockerClient } from './docker-client.ts';
import { DockerImageMissing } from './docker-errors.ts';

export const defaultImages = {
  postgres: 'firedrill/postgres:15',
  redis: 'firedrill/redis:7',
  node: 'firedrill/node:24',
  prometheus: 'firedrill/prometheus:2',
  nginx: 'firedrill/nginx:1',
} as const;

export interface ImageInfo {
  /** As configured: `firedrill/postgres:15`. */
  readonly name: string;
  /** The content id (`sha256:…`) — evidence of exactly what ran. */
  readonly id: string;
}

/** Throws DockerImageMissing (naming `npm run images`) when the engine lacks `name`. */
export async function requireImage(name: string): Promise<ImageInfo> {
  const client = await dockerClient();
  const imageName = ImageName.fromString(name);
  if (!(await client.image.exists(imageName))) throw new DockerImageMissing(name);
  const inspected = await client.image.inspect(imageName);
  return { name, id: inspected.Id };
}

/** Checks every image at once, so a user learns of all missing images in one error. */
export async function requireImages(names: readonly string[]): Promise<ImageInfo[]> {
  const results = await Promise.allSettled(names.map(requireImage));
  const missing = results.flatMap((result, i) =>
    result.status === 'rejected' && result.reason instanceof DockerImageMissing ? [names[i]!] : [],
  );
  if (missing.length > 1) throw new DockerImageMissing(missing.join('", "'));
  return Promise.all(results.map((result) => (result.status === 'fulfilled' ? result.value : Promise.reject(result.reason))));
}
