import { fileURLToPath } from 'node:url';

/** The firedrill checkout (fixtures/, scenarios/, node_modules/ live here). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
