#!/usr/bin/env node
// The `firedrill` command. Plain JavaScript on purpose: Node strips a .ts file's types with a WebAssembly
// module (amaro) it loads on first use, which costs more than all of `firedrill history`'s own work. Turning the
// compile cache on here, before any .ts file is loaded, lets every one of them (src/cli/main.ts included) come
// from the cache once warm, stripped and compiled, and amaro is never loaded. `node src/cli/main.ts` works the
// same, without that saving. Measured in bench/history.ts.
//
// An older Node (Debian 12's is 20) would fail on the first import with a SyntaxError naming Node's internals,
// so the version is checked first, and node:module imported only after.
const oldest = 24;
if (Number(process.versions.node.split('.')[0]) < oldest) {
  process.stderr.write(
    `firedrill: needs Node.js ${oldest} or later; this is v${process.versions.node} (${process.execPath}).\n` +
      `  npm ci installs Node ${oldest} as node_modules/.bin/node: run firedrill through npm (npx firedrill <command>,\n` +
      '  npm run firedrill -- <command>), or put node_modules/.bin first on PATH.\n',
  );
  process.exit(2);
}
const { enableCompileCache } = await import('node:module');
enableCompileCache();
await import('../src/cli/main.ts');
