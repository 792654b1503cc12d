import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A terminal a test types into: a tmux server on a private socket (`tmux -L`),
 * one session running `command` in a pane of the given size. `[Symbol.asyncDispose]`
 * kills that server only.
 */
export interface TmuxTerminal extends AsyncDisposable {
  /** Types `text` literally, then Enter. */
  type(text: string): Promise<void>;
  /** Types each line literally with Enter after it, all in one tmux call: they reach the shell together, as a paste does. */
  typeLines(lines: readonly string[]): Promise<void>;
  enter(): Promise<void>;
  /** The pane's text, with `historyLines` of its scrollback. */
  screen(historyLines?: number): Promise<string>;
  /** Polls the pane until `matches` holds; throws with the last screen after `timeoutMs`. */
  waitFor(what: string, matches: (screen: string) => boolean, timeoutMs: number): Promise<string>;
}

export async function startTmux(
  socket: string,
  command: string,
  options: { cwd: string; width?: number; height?: number },
): Promise<TmuxTerminal> {
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args], { cwd: options.cwd });
  const size = [`-x`, String(options.width ?? 200), '-y', String(options.height ?? 50)];
  await tmux('new-session', '-d', ...size, '-c', options.cwd, command);
  const screen = async (historyLines = 0) => (await tmux('capture-pane', '-p', '-J', '-S', String(-historyLines))).stdout;
  const typeLines = async (lines: readonly string[]) => {
    const literally = (line: string) => (line === '' ? [] : ['send-keys', '-t', '0', '-l', line, ';']);
    const keys = lines.flatMap((line) => [...literally(line), 'send-keys', '-t', '0', 'Enter', ';']);
    await tmux(...keys.slice(0, -1)); // tmux runs commands separated by ';' arguments in order
  };
  return {
    type: (text) => typeLines([text]),
    typeLines,
    async enter() {
      await tmux('send-keys', '-t', '0', 'Enter');
    },
    screen,
    async waitFor(what, matches, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = await screen(2_000);
        if (matches(seen)) return seen;
        if (Date.now() > deadline) throw new Error(`tmux ${socket}: ${what} not on the screen after ${timeoutMs}ms; the screen:\n${seen}`);
        await sleep(250);
      }
    },
    async [Symbol.asyncDispose]() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
}
