/**
 * The runbook's shell blocks, parsed once (src/runbook/shell) and shared by
 * every rule that judges commands. A block declared as shell (```bash,
 * ```sh, ```shell, as ShellCheck reads them) is always judged, and a syntax
 * problem in it is a finding (shell-syntax). A block that only may be shell
 * (no language, ```console with `$ ` prompts, ```zsh) is judged when it parses,
 * and otherwise taken for output. Other languages are not shell.
 */
import type { CodeBlock, Runbook } from '../runbook.ts';
import { parseShell } from '../shell/parse-shell.ts';
import type { ShellScript } from '../shell/shell-model.ts';
import { type Variables, variablesOf } from '../shell/variables.ts';
import { type CommandSite, commandSites } from '../shell/walk.ts';

export interface ShellBlock {
  readonly block: CodeBlock;
  readonly script: ShellScript;
  /** Declared as shell: a syntax problem is a finding. */
  readonly declared: boolean;
  readonly sites: readonly CommandSite[];
  readonly variables: Variables;
}

export const declaredShell = new Set(['bash', 'sh', 'shell']);
const maybeShell = new Set(['', 'console', 'zsh', 'terminal']);
const parsed = new WeakMap<CodeBlock, ShellBlock | null>();

/** A console session's commands: `$ ` prompts without the prompt, output lines blank (so lines still match). */
const consoleCommands = (code: string) =>
  code
    .split('\n')
    .map((line) => (/^\s*\$ /.test(line) ? line.replace(/^\s*\$ /, '') : ''))
    .join('\n');

function read(block: CodeBlock, declared: boolean): ShellBlock {
  const script = parseShell(block.lang === 'console' ? consoleCommands(block.code) : block.code, block.line + 1);
  const sites = commandSites(script);
  return { block, script, declared, sites, variables: variablesOf(script, sites) };
}

function parseBlock(block: CodeBlock): ShellBlock | null {
  const declared = declaredShell.has(block.lang);
  if (!declared && !maybeShell.has(block.lang)) return null;
  let shell: ShellBlock;
  try {
    shell = read(block, declared);
  } catch (error) {
    // Thousands of nested levels (a 20,000-command && chain) exhaust the stack of the recursive readers.
    if (!(error instanceof RangeError)) throw error;
    const problem = { line: block.line + 1, message: `nested too deeply for the linter to read (${error.message})` };
    shell = { block, script: { statements: [], problems: [problem] }, declared, sites: [], variables: new Map() };
  }
  return !declared && shell.script.problems.length > 0 ? null : shell;
}

export function shellBlock(block: CodeBlock): ShellBlock | null {
  if (!parsed.has(block)) parsed.set(block, parseBlock(block));
  return parsed.get(block) ?? null;
}

/** Every block judged as shell, in runbook order. */
export function shellBlocks(runbook: Runbook): ShellBlock[] {
  return runbook.blocks.flatMap((block) => shellBlock(block) ?? []);
}
