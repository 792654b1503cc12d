/** Puts nginx's files on disk: the configs, each service's live.conf symlink, and the temp dir nginx writes in. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NginxFiles } from './nginx-config.ts';
import type { NginxLayout } from './nginx-layout.ts';

export async function writeNginxConfig(layout: NginxLayout, { files, links }: NginxFiles): Promise<void> {
  await mkdir(layout.tempDir, { recursive: true });
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content);
  }
  for (const link of links) await symlink(link.target, link.path);
}
