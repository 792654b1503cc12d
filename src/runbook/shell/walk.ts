/**
 * The commands a script runs, each with where it runs (a CommandSite): the
 * guards above it, what reaches its standard input, the commands it runs
 * inside (sudo, ssh, bash -c, xargs), whether its output only becomes
 * another command's argument, and whether it runs in a background job.
 * Function bodies are walked where the function is called (with the caller's
 * guards); a function never called, where it is defined.
 */
import { everyStatement, innerScripts } from './every-statement.ts';
import { continuationGuard, type Functions, type Guard } from './guards.ts';
import type { FunctionDefinition, ShellScript, SimpleCommand, Statement } from './shell-model.ts';

export interface CommandSite {
  readonly command: SimpleCommand;
  /** Outermost first. */
  readonly guards: readonly Guard[];
  /** Source text of what reaches its standard input: earlier commands of its pipeline, a loop's `< <(…)`, here-documents. */
  readonly input: readonly string[];
  /** The commands it runs inside, outermost first (`sudo`, `ssh`, `bash -c`, `xargs`). */
  readonly wrappers: readonly SimpleCommand[];
  /** Its output only becomes another command's argument (`echo "view: $(curl …)"`): its exit status decides nothing. */
  readonly inArgument: boolean;
  /** It is (part of) a condition: an if/while/until test, the left of `&&` / `||`. */
  readonly inCondition: boolean;
  /** It runs in a background job (inside a statement ending in `&`): its status decides nothing unless the script waits for that job. */
  readonly background: boolean;
}

/** How many earlier commands of a pipeline count as a command's input (what flows through a realistic pipeline; keeps a 20,000-command one linear). */
const upstreamKept = 8;

interface Context extends Omit<CommandSite, 'command'> {
  readonly functions: Functions;
  readonly called: ReadonlySet<string>;
  readonly calling: ReadonlySet<string>;
  readonly sites: CommandSite[];
}

function inputOf(statement: Statement): string[] {
  return statement.redirects.flatMap((r) => [
    ...(r.hereDoc ? [r.hereDoc.body] : []),
    ...(r.op === '<<<' && r.target ? [r.target.value] : []),
    ...(r.op === '<' && r.target && r.target.substitutions.length > 0 ? [r.target.text] : []),
  ]);
}

function walkList(statements: readonly Statement[], context: Context): void {
  let guards = context.guards;
  for (const statement of statements) {
    walkStatement(statement, { ...context, guards });
    const guard = continuationGuard(statement, context.functions);
    if (guard) guards = [...guards, guard];
  }
}

function walkCommand(command: SimpleCommand, context: Context): void {
  const own = { ...context, input: [...context.input, ...inputOf(command)] };
  for (const word of command.args) for (const script of word.substitutions) walkList(script.statements, { ...own, inArgument: true });
  const nested = command.nested?.script;
  for (const script of innerScripts(command)) if (script !== nested && !isArgumentScript(command, script)) walkList(script.statements, own);
  context.sites.push({
    command,
    guards: own.guards,
    input: own.input,
    wrappers: own.wrappers,
    inArgument: own.inArgument,
    inCondition: own.inCondition,
    background: own.background,
  });
  if (nested) walkList(nested.statements, { ...own, wrappers: [...own.wrappers, command] });
  const name = command.name?.literal ? command.name.value : '';
  const called = context.functions.get(name);
  if (called && !context.calling.has(name)) walkList(called.body, { ...own, calling: new Set([...context.calling, name]) });
}

const isArgumentScript = (command: SimpleCommand, script: ShellScript) => command.args.some((word) => word.substitutions.includes(script));

function walkBranches(statement: Extract<Statement, { kind: 'if' }>, context: Context): void {
  let failed: Guard[] = [];
  for (const branch of statement.branches) {
    const before = [...context.guards, ...failed];
    walkList(branch.condition, { ...context, guards: before, inCondition: true });
    walkList(branch.body, { ...context, guards: [...before, { condition: branch.condition, holds: true, line: branch.line }] });
    failed = [...failed, { condition: branch.condition, holds: false, line: branch.line }];
  }
  if (statement.otherwise) walkList(statement.otherwise, { ...context, guards: [...context.guards, ...failed] });
}

function walkLoop(statement: Extract<Statement, { kind: 'while' | 'until' }>, context: Context): void {
  walkList(statement.condition, { ...context, inCondition: true });
  const guard = { condition: statement.condition, holds: statement.kind === 'while', line: statement.line };
  walkList(statement.body, { ...context, guards: [...context.guards, guard] });
}

function walkCase(statement: Extract<Statement, { kind: 'case' }>, context: Context): void {
  for (const arm of statement.arms) {
    const caseArm = { subject: statement.subject, patterns: arm.patterns };
    walkList(arm.body, { ...context, guards: [...context.guards, { condition: [], holds: true, line: arm.line, caseArm }] });
  }
}

function walkStatement(statement: Statement, outer: Context): void {
  const context = statement.background ? { ...outer, background: true } : outer;
  if (statement.kind === 'command') {
    walkCommand(statement, context);
    return;
  }
  const own = { ...context, input: [...context.input, ...inputOf(statement)] };
  walkScripts(statement, { ...context, inCondition: context.inCondition || statement.kind === 'test' });
  switch (statement.kind) {
    case 'pipeline':
      statement.commands.forEach((command, index) => {
        const upstream = statement.commands.slice(Math.max(0, index - upstreamKept), index).map((c) => c.text);
        walkStatement(command, { ...own, input: [...own.input, ...upstream] });
      });
      break;
    case 'and':
    case 'or': {
      walkStatement(statement.left, { ...context, inCondition: true });
      const guard = { condition: [statement.left], holds: statement.kind === 'and', line: statement.line };
      walkStatement(statement.right, { ...context, guards: [...context.guards, guard] });
      break;
    }
    case 'not':
      walkStatement(statement.body, context);
      break;
    case 'if':
      walkBranches(statement, context);
      break;
    case 'while':
    case 'until':
      walkLoop(statement, own);
      break;
    case 'case':
      walkCase(statement, own);
      break;
    case 'function':
      if (!context.called.has(statement.name)) walkList(statement.body, context);
      break;
    case 'test':
      break;
    default:
      walkList(statement.body, own);
  }
}

function walkScripts(statement: Statement, context: Context): void {
  for (const script of innerScripts(statement)) walkList(script.statements, context);
}

/** Every command the script runs, in source order, each where it runs. */
export function commandSites(script: ShellScript): CommandSite[] {
  const functions = new Map<string, FunctionDefinition>();
  const called = new Set<string>();
  for (const statement of everyStatement(script)) {
    if (statement.kind === 'function') functions.set(statement.name, statement);
    if (statement.kind === 'command' && statement.name?.literal) called.add(statement.name.value);
  }
  const sites: CommandSite[] = [];
  const context: Context = {
    guards: [],
    input: [],
    wrappers: [],
    inArgument: false,
    inCondition: false,
    background: false,
    functions,
    called,
    calling: new Set(),
    sites,
  };
  walkList(script.statements, context);
  return sites;
}
