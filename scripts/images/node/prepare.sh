#!/bin/sh
# Puts the repository's Node 24 binary (the `node` devDependency) into the
# build context, so the image runs exactly the Node the local runtime runs.
set -eu
src=$(readlink -f "$REPO_ROOT/node_modules/.bin/node")
[ -x "$src" ] || { echo "images: $REPO_ROOT/node_modules/.bin/node is missing; run: npm run bootstrap" >&2; exit 1; }
cp "$src" "$CONTEXT/node"
