import type { SimpleCommand, Statement } from '../shell/shell-model.ts';

/** The commands whose status is the statement's: through pipelines, lists, `!`, groups and the substitutions an assignment runs. */
export function commandsOf(statement: Statement): SimpleCommand[] {
  switch (statement.kind) {
    case 'command': {
      const assigned = statement.assignments.flatMap((a) => a.value?.substitutions ?? []);
      return [statement, ...assigned.flatMap((script) => script.statements.flatMap(commandsOf))];
    }
    case 'pipeline':
      return statement.commands.flatMap(commandsOf);
    case 'and':
    case 'or':
      return [...commandsOf(statement.left), ...commandsOf(statement.right)];
    case 'not':
      return commandsOf(statement.body);
    case 'group':
    case 'subshell':
      return statement.body.flatMap(commandsOf);
    default:
      return [];
  }
}
