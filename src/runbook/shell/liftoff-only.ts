/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff) in this process.
 * tree-sitter-bash's lexer is one 160 kB function: on its first real runbook
 * V8 tiers it up with TurboFan, which took 1.4 s of CPU and 700 MB of memory
 * here, and the process cannot exit until that compile ends. Liftoff parses
 * a whole runbook in milliseconds, so the optimised code never pays back (the
 * 5 MiB runbook of bench/lint-runbook.ts lints faster without it too). The
 * flags hold for the whole process: undici's HTTP parser, the only other
 * WebAssembly here, stays on Liftoff as well. Must run before the grammar is
 * loaded; `--liftoff-only` cannot be used here, as its implied flags are
 * resolved only when V8 starts.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-wasm-tier-up');
setFlagsFromString('--no-wasm-dynamic-tiering');
