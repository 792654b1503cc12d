/**
 * Which shell blocks are health checks, recognised by what they do or what
 * the runbook calls them, wherever they sit:
 *   - a step whose id starts with `health` (`health.check`, `health.redis`);
 *   - a block in a section titled like "Health check", or in one of its subsections;
 *   - a block the paragraph just before it calls the health check;
 *   - a block that asks a health or readiness endpoint (`/healthz`, `/readyz`,
 *     `/health`, `/ready`, `/livez`, Prometheus' `/-/healthy`, `/_health` …)
 *     with curl or wget, written out or held in a variable, where the answer
 *     counts: a command of its own, a condition (`until curl -sf …/readyz`),
 *     an assignment. A curl whose output only becomes another command's
 *     argument (`echo "gateway view: $(curl -s …/readyz)"`) shows the answer
 *     and checks nothing.
 * Only declared shell blocks (```bash, ```sh, ```shell): an unlabelled block
 * in a health-check section is its output.
 */
import type { CodeBlock, Runbook, RunbookSection } from '../runbook.ts';
import { commandName } from '../shell/command-name.ts';
import { referencedNames, type Variables } from '../shell/variables.ts';
import type { CommandSite } from '../shell/walk.ts';
import { type ShellBlock, shellBlocks } from './shell-blocks.ts';

export const healthEndpoint = /\/[_-]?(health|healthz|healthy|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness)\b/i;
const calledHealthCheck = /health[\s-]*check/i;

export interface HealthCheck {
  readonly shell: ShellBlock;
  /** Why it is one, when the runbook does not say so: "it asks /readyz on line 12". */
  readonly because: string | null;
}

/** The lines of the paragraph just before the block (back to a blank line, a heading or another block). */
function introduction(runbook: Runbook, block: CodeBlock): string {
  const lines: string[] = [];
  for (let line = block.line - 1; line >= 1; line--) {
    const text = runbook.lines[line - 1] ?? '';
    if (/^\s*(#|```|~~~)/.test(text) || (text.trim() === '' && lines.length > 0)) break;
    if (text.trim() !== '') lines.unshift(text);
  }
  return lines.join(' ');
}

/** The health endpoint a curl or wget asks, written out or in a variable it expands; undefined when none. */
function askedEndpoint(site: CommandSite, variables: Variables): string | undefined {
  const name = commandName(site.command);
  if ((name !== 'curl' && name !== 'wget') || site.inArgument) return undefined;
  for (const arg of site.command.args) {
    const values = [
      arg.value,
      ...referencedNames(arg.value).flatMap((variable) => (variables.get(variable) ?? []).map((word) => word.value)),
    ];
    const endpoint = values.map((value) => value.match(healthEndpoint)?.[0]).find((found) => found !== undefined);
    if (endpoint) return endpoint;
  }
  return undefined;
}

function why(runbook: Runbook, shell: ShellBlock, sections: readonly RunbookSection[]): string | null | false {
  const { block } = shell;
  const inSection = sections.some((section) => section.line <= block.line && block.line <= section.endLine);
  if (/^health\b/.test(block.attributes.id ?? '') || inSection || calledHealthCheck.test(introduction(runbook, block))) return null;
  const asking = shell.sites.find((site) => askedEndpoint(site, shell.variables) !== undefined);
  return asking ? `it asks ${askedEndpoint(asking, shell.variables)} on line ${asking.command.line}` : false;
}

export function healthChecks(runbook: Runbook): HealthCheck[] {
  const sections = runbook.sections.filter((section) => calledHealthCheck.test(section.title));
  return shellBlocks(runbook).flatMap((shell) => {
    if (!shell.declared) return [];
    const because = why(runbook, shell, sections);
    return because === false ? [] : [{ shell, because }];
  });
}
