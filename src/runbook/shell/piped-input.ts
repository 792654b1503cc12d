import { withInput } from './nested-command.ts';
import { printedText } from './known-input.ts';
import type { Statement } from './shell-model.ts';
import type { TreeReader } from './tree-reader.ts';

/** A pipeline's commands, each shell that reads the text the command before it prints running that text (`echo 'pm2 restart all' | sh`). */
export function feedPipeline(commands: readonly Statement[], reader: TreeReader): Statement[] {
  return commands.map((command, index) => {
    const printed = index > 0 ? printedText(commands[index - 1]!) : null;
    return printed ? withInput(command, printed, reader) : command;
  });
}
