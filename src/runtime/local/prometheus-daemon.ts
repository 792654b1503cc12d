/**
 * One daemon of the Prometheus project (prometheus, alertmanager): spawned
 * detached (a Ctrl-C reaches only the harness, which tears down in order),
 * tagged with FIREDRILL_ENV and a cwd inside the sandbox, logging to a file.
 * Ready when GET /-/ready answers 200. When the process exits before that,
 * the error quotes the log's error lines (logfmt `msg=… err=…`), which name
 * the bad file or the taken address, with the paths of the config and the log.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { waitForHttp } from '../wait-for-http.ts';
import { envTagVariable, isAlive, terminate } from '../../host/tagged-processes.ts';

export interface DaemonSpec {
  /** For messages: `Prometheus`, `Alertmanager`. */
  readonly name: string;
  readonly bin: string;
  readonly args: readonly string[];
  /** The daemon's own dir inside the sandbox: its cwd and log. */
  readonly home: string;
  readonly envId: string;
  readonly port: number;
  readonly configFile: string;
  readonly startTimeoutMs?: number;
}

export interface PrometheusDaemon extends AsyncDisposable {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  /** `2.42.0+ds`, from `<bin> --version`. */
  readonly version: string;
  /** The process id while it runs. */
  pid(): number | undefined;
  /** Re-reads the config (and rules) from disk; throws with the daemon's reason when it rejects them. */
  reload(): Promise<void>;
  /** SIGTERM, SIGKILL after 5 s; idempotent. */
  stop(): Promise<void>;
}

export async function startPrometheusDaemon(spec: DaemonSpec): Promise<PrometheusDaemon> {
  const logFile = join(spec.home, `${spec.bin.split('/').pop()}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(spec.bin, [...spec.args], {
    cwd: spec.home,
    env: { ...process.env, [envTagVariable]: spec.envId },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  let exitCode: number | null | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve();
    });
    child.once('error', (error) => {
      exitCode = -1;
      spawnError = error;
      resolve();
    });
  });
  const url = `http://127.0.0.1:${spec.port}`;
  const alive = () => (exitCode === undefined && child.pid !== undefined && isAlive(child.pid) ? child.pid : undefined);
  const stop = async () => {
    const pid = alive();
    if (pid) await terminate([pid], 5000);
  };
  const failed = exited.then(async () => {
    const reason = spawnError
      ? `cannot run ${spec.bin}: ${spawnError.message} (install it: scripts/bootstrap.sh)`
      : await startupError(logFile, spec);
    throw new Error(`${spec.name} did not start: ${reason} (config ${spec.configFile}, log ${logFile})`);
  });
  try {
    await waitForReady(spec, url, `${spec.name} (pid ${child.pid}, config ${spec.configFile}, log ${logFile})`, failed);
  } catch (error) {
    await stop(); // alive but never ready: the caller gets no handle to stop it with
    throw error;
  }
  return {
    url,
    port: spec.port,
    logFile,
    version: await versionOf(spec.bin),
    pid: alive,
    async reload() {
      const logged = (await stat(logFile)).size;
      const response = await fetch(`${url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (response.ok) return void (await response.body?.cancel());
      const body = (await response.text()).trim();
      // The answer only says that the config failed; the log names the file and the line.
      const logText = (await readFile(logFile)).subarray(logged).toString('utf8');
      const reasons = errorLines(logText).join('; ') || body || String(response.status);
      throw new Error(
        `${spec.name} rejected its config on reload and keeps the previous one: ${reasons} (config ${spec.configFile}, log ${logFile})`,
      );
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function waitForReady(spec: DaemonSpec, url: string, what: string, failed: Promise<never>): Promise<void> {
  const giveUp = new AbortController();
  failed.catch(() => {}); // also rejects after a successful start, when the daemon stops
  try {
    await Promise.race([waitForHttp(`${url}/-/ready`, { what, timeoutMs: spec.startTimeoutMs ?? 20_000, signal: giveUp.signal }), failed]);
  } finally {
    giveUp.abort();
  }
}

/** Why a daemon exited at start: its log's error lines (`msg: err`), or the log's tail when there are none. */
async function startupError(logFile: string, spec: Pick<DaemonSpec, 'port'>): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  const errors = errorLines(text);
  const reason = errors.length > 0 ? errors.join('; ') : `exited; log ends: ${text.trim().split('\n').slice(-3).join(' | ') || '(empty)'}`;
  return /address already in use/.test(reason) ? `port ${spec.port} is already taken: ${reason}` : reason;
}

function errorLines(logText: string): string[] {
  return logText
    .split('\n')
    .filter((line) => /\blevel=(error|fatal)\b/.test(line))
    .map((line) => [field(line, 'msg'), field(line, 'err')].filter(Boolean).join(': '));
}

function field(line: string, name: string): string | undefined {
  const match = line.match(new RegExp(`\\b${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|(\\S+))`));
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

async function versionOf(bin: string): Promise<string> {
  const { stdout, stderr } = await execa(bin, ['--version'], { reject: false });
  return `${stdout}\n${stderr}`.match(/version (\S+)/)?.[1] ?? 'unknown';
}
