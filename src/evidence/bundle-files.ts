/**
 * The files of a run directory as the manifest lists them: every regular file
 * at any depth (evidence.json, alert-rules/<scenario>/*.yml, a report a later
 * writer put there), by path relative to the directory with `/` separators,
 * sorted; the manifest and its signature themselves left out, and so is the
 * HTML report `firedrill report` writes there after the run (report.html:
 * derived from the evidence, rebuilt at will, and itself checking the bundle,
 * which would otherwise find the report it wrote last time "added").
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const manifestFile = 'manifest.json';
export const signatureFile = 'manifest.sig';
/** Written into a sealed run directory by `firedrill report`: never listed, never a problem. */
export const reportFile = 'report.html';

export interface BundleFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BundleEntries {
  readonly files: readonly string[];
  /** Entries that are neither a file nor a directory (a symlink, a socket): never listed, always a problem. */
  readonly others: readonly string[];
}

export async function bundleEntries(dir: string): Promise<BundleEntries> {
  const files: string[] = [];
  const others: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path === manifestFile || path === signatureFile || path === reportFile) continue;
    (entry.isFile() ? files : others).push(path);
  }
  return { files: files.sort(), others: others.sort() };
}

export async function hashedFile(dir: string, path: string): Promise<BundleFile> {
  const bytes = await readFile(join(dir, path));
  return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
