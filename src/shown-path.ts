import { isAbsolute, relative, resolve } from 'node:path';

/** A path as messages and evidence show it: relative to the working directory when inside it, else absolute. */
export function shownPath(path: string): string {
  const absolute = resolve(path);
  const inside = relative(process.cwd(), absolute);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? absolute : inside;
}
