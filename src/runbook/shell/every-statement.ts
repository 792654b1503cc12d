/**
 * Every statement of a script, at any depth: inside compound statements,
 * command substitutions, here-documents and nested scripts (`bash -c '…'`,
 * `sudo …`). For questions that do not depend on the flow ("which functions
 * are called?", "what does this variable hold?"); walk.ts follows the flow.
 */
import type { ShellScript, ShellWord, Statement } from './shell-model.ts';

/** The words a statement itself holds (not those of the statements inside it). */
export function wordsOf(statement: Statement): ShellWord[] {
  const redirects = statement.redirects.flatMap((redirect) => (redirect.target ? [redirect.target] : []));
  switch (statement.kind) {
    case 'command':
      return [
        ...(statement.name ? [statement.name] : []),
        ...statement.args,
        ...statement.assignments.flatMap((a) => (a.value ? [a.value] : [])),
        ...redirects,
      ];
    case 'test':
      return [...statement.words, ...redirects];
    case 'for':
      return [...(statement.words ?? []), ...redirects];
    case 'case':
      return [statement.subject, ...statement.arms.flatMap((arm) => arm.patterns), ...redirects];
    default:
      return redirects;
  }
}

/** Scripts inside a statement's own words, here-documents and nested command. */
export function innerScripts(statement: Statement): ShellScript[] {
  const hereDocs = statement.redirects.flatMap((redirect) => redirect.hereDoc?.substitutions ?? []);
  const nested = statement.kind === 'command' && statement.nested ? [statement.nested.script] : [];
  return [...wordsOf(statement).flatMap((word) => word.substitutions), ...hereDocs, ...nested];
}

/** The statements directly inside a compound statement, in source order. */
export function childStatements(statement: Statement): readonly Statement[] {
  switch (statement.kind) {
    case 'pipeline':
      return statement.commands;
    case 'and':
    case 'or':
      return [statement.left, statement.right];
    case 'not':
      return [statement.body];
    case 'if':
      return [...statement.branches.flatMap((branch) => [...branch.condition, ...branch.body]), ...(statement.otherwise ?? [])];
    case 'while':
    case 'until':
      return [...statement.condition, ...statement.body];
    case 'case':
      return statement.arms.flatMap((arm) => arm.body);
    case 'for':
    case 'group':
    case 'subshell':
    case 'function':
      return statement.body;
    default:
      return [];
  }
}

export function* everyStatement(script: ShellScript): Generator<Statement> {
  const pending = [...script.statements].reverse();
  while (pending.length > 0) {
    const statement = pending.pop()!;
    yield statement;
    const inner = [...childStatements(statement), ...innerScripts(statement).flatMap((s) => s.statements)];
    pending.push(...inner.reverse());
  }
}

/** Every script nested in this one (command substitutions, `bash -c` strings …), itself first. */
export function* everyScript(script: ShellScript): Generator<ShellScript> {
  yield script;
  for (const statement of everyStatement(script)) for (const inner of innerScripts(statement)) yield inner;
}
