#!/usr/bin/env node
// The `firedrill` command. Plain JavaScript on purpose: Node strips a .ts file's types with a WebAssembly
// module (amaro) it loads on first use, which costs more than all of `firedrill history`'s own work. Turning the
// compile cache on here, before any .ts file is loaded, lets every one of them (src/cli/main.ts included) come
// from the cache once warm, stripped and compiled, and amaro is never loaded. `node src/cli/main.ts` works the
// same, without that saving. Measured in bench/history.ts.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('../src/cli/main.ts');
