/**
 * No PM2 command takes every service down or up at once. Dangerous, by what
 * PM2 7 does (lib/API.js, lib/binaries/CLI.js):
 *   - `pm2 restart|reload|start|startOrRestart|startOrReload|gracefulReload all`:
 *     every process at once (`reload` is a restart in fork mode; `start all`
 *     restarts them too);
 *   - the same actions on an ecosystem file (.json, .yml, .yaml, .config.js,
 *     .cjs, .mjs) without `--only`: every app in it (`start` included: it
 *     restarts the apps already running), and `-` (a JSON on standard input);
 *   - a /regex/: every process whose name matches;
 *   - a target the block does not fix: a variable it never sets, or sets to
 *     one of the above, and names appended by xargs — it may be `all`;
 *   - `pm2 stop|delete` of `all`, an ecosystem file without --only, a /regex/,
 *     or a variable the block sets to one: every service down together. Names
 *     the block reads at run time are fine here: the runbook's "Applying an
 *     ecosystem change" deletes, by name, the apps `pm2 jlist` finds running
 *     the changed program;
 *   - `pm2 kill` (the daemon and every process), `pm2 resurrect` (every
 *     process `pm2 save` kept, at once), `pm2 update` (saves, kills, resurrects).
 * Fine: one name or id (`pm2 reload order-gateway`), several, `--only app`.
 */
import { commandName } from '../../shell/command-name.ts';
import type { ShellWord } from '../../shell/shell-model.ts';
import { possibleValues, type Variables } from '../../shell/variables.ts';
import type { CommandSite } from '../../shell/walk.ts';
import { defineRule } from '../rule.ts';
import { siteFindings } from '../site-findings.ts';

const restarting = new Set(['restart', 'reload', 'gracefulReload', 'start', 'startOrRestart', 'startOrReload', 'startOrGracefulReload']);
const stopping = new Set(['stop', 'delete', 'del']);
const valued = new Set(
  '--only --env -n --name -i --instances --namespace --cwd -o --output -e --error -l --log --interpreter --node-args --max-memory-restart --kill-timeout --listen-timeout --restart-delay --cron --log-date-format'.split(
    ' ',
  ),
);
const configFile = /\.(json|ya?ml|config\.[cm]?js)/;
const byName = 'use `pm2 reload <name>` for the one service';
const restartTail =
  '(all at once: every service it names down together, and nothing of a changed ecosystem file applied; see "Applying an ecosystem change" in the runbook)';
const downTogether = '(the exchange session and the log pipeline too); use `pm2 stop <name>` for the one service';
const resurrected =
  'starts again every process `pm2 save` kept, all at once, as they were saved (nothing of a changed ecosystem file applied); start them one at a time: `pm2 start ecosystem.json --only <name>`';
const wholeDaemon: Readonly<Record<string, string>> = {
  kill: `stops the PM2 daemon and every service with it ${downTogether}`,
  resurrect: resurrected,
  update: `saves, kills and resurrects PM2: it ${resurrected}`,
  updatePM2: `saves, kills and resurrects PM2: it ${resurrected}`,
};

/** The action and its targets, option values left out. */
function pm2Words(args: readonly ShellWord[]): { action: string; targets: ShellWord[]; only: boolean } {
  const positional: ShellWord[] = [];
  let only = false;
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!.value;
    if (word === '--only' || word.startsWith('--only=')) only = true;
    if (valued.has(word)) index++;
    else if (!word.startsWith('-') || word === '-') positional.push(args[index]!);
  }
  const [action, ...targets] = positional;
  return { action: action?.value ?? '', targets, only };
}

/** Why one target names more than one service and what to write instead, or null. */
function danger(target: string | undefined, only: boolean): string | null {
  if (target === undefined)
    return `may be \`all\`: nothing in the block sets it; ${byName}, or set it in the block (\`for app in order-gateway risk; do pm2 reload "$app"; done\`)`;
  if (target === 'all') return `restarts every service at once; ${byName}`;
  if ((configFile.test(target) || target === '-') && !only)
    return 'restarts every app in the ecosystem file at once; add `--only <name>` for the one service';
  if (/^\/.*\/$/.test(target)) return `restarts every process whose name matches; ${byName}`;
  return null;
}

/** The same for stop and delete, where only a value known to name them all counts. */
function stopDanger(action: string, target: string | undefined, only: boolean): string | null {
  if (target === undefined || danger(target, only) === null) return null;
  return `stops every service ${target === 'all' ? '' : 'it names '}at once ${downTogether.replace('stop', action)}`;
}

function problem(site: CommandSite, variables: Variables): string | null {
  if (commandName(site.command) !== 'pm2') return null;
  const { action, targets, only } = pm2Words(site.command.args);
  if (wholeDaemon[action]) return `\`pm2 ${action}\` ${wholeDaemon[action]}`;
  const stops = stopping.has(action);
  if (!restarting.has(action) && !stops) return null;
  const appended = site.wrappers.some((wrapper) => wrapper.nested?.argumentsFromInput);
  for (const target of appended ? [...targets, undefined] : targets) {
    const values = target ? possibleValues(target, variables) : [undefined];
    const why = values.map((value) => (stops ? stopDanger(action, value, only) : danger(value, only))).find((found) => found !== null);
    if (why) return `\`pm2 ${action} ${target?.text ?? '(names from its input)'}\` ${why}${stops ? '' : ` ${restartTail}`}`;
  }
  return null;
}

export const noPm2RestartAll = defineRule({
  id: 'no-pm2-restart-all',
  description:
    'No PM2 command takes every service down or up at once (`restart all`, `reload all`, `stop all`, `delete all`, an ecosystem file without --only, a target that may be all, `kill`, `resurrect`): it takes every service down together and applies nothing of a changed ecosystem file (PM2 7 measured by the pm2-double-spawn scenario)',
  severity: 'error',
  check(runbook) {
    return siteFindings(runbook, this.id, (site, { variables }) => problem(site, variables));
  },
});
