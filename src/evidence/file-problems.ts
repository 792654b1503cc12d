/** Every file of a run directory against the manifest's list: edited (hash differs), deleted (listed, missing), added (present, unlisted). */
import { type BundleFile, bundleEntries, hashedFile } from './bundle-files.ts';

export async function fileProblems(dir: string, listed: readonly BundleFile[]): Promise<string[]> {
  const { files, others } = await bundleEntries(dir);
  const present = new Set(files);
  const problems: string[] = [];
  for (const sealed of listed) {
    if (!present.has(sealed.path)) {
      problems.push(`${sealed.path}: listed in the manifest but missing (deleted)`);
      continue;
    }
    const now = await hashedFile(dir, sealed.path);
    if (now.sha256 !== sealed.sha256)
      problems.push(
        `${sealed.path}: SHA-256 ${now.sha256.slice(0, 16)}…, the manifest says ${sealed.sha256.slice(0, 16)}… (${now.size} bytes, sealed ${sealed.size}): edited`,
      );
  }
  const known = new Set(listed.map((file) => file.path));
  for (const path of files) if (!known.has(path)) problems.push(`${path}: not listed in the manifest (added)`);
  for (const path of others) problems.push(`${path}: not a regular file, and never listed (added)`);
  return problems;
}
