/** The run's header as a table: what ran, from which sources (with their hashes), where, and when. */
import type { Evidence } from '../../evidence/evidence.ts';
import { type Html, html } from './html.ts';

export function runSummary(evidence: Evidence): Html {
  const { harness, runbook, config, alertRules, host } = evidence;
  const rows: [string, Html | string][] = [
    ['run', evidence.runId],
    ['harness', html`firedrill ${harness.version} <span class="mono">${harness.commit}</span>`],
    [
      'runbook',
      runbook
        ? html`${runbook.path} version ${runbook.version}, commit <span class="mono">${runbook.commit}</span><br>sha256 <span class="mono">${runbook.sha256}</span>`
        : 'none',
    ],
    ['config', config ? html`${config.name}: ${config.path}<br>sha256 <span class="mono">${config.sha256}</span>` : 'not recorded'],
    [
      'alert rules',
      alertRules
        ? html`${alertRules.dir}${alertRules.files.map((f) => html`<br>${f.path} sha256 <span class="mono">${f.sha256}</span>`)}`
        : 'not recorded',
    ],
    ['runtime', evidence.runtime],
    [
      'host',
      host
        ? `${host.name} (${host.os}, ${host.cpus} CPUs, ${(host.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${host.node})`
        : 'not recorded (a run before hosts were recorded)',
    ],
    ['started', evidence.startedAt],
    ['finished', evidence.finishedAt === null ? 'not finished (the run was cut short)' : `${evidence.finishedAt} (${duration(evidence)})`],
  ];
  return html`<table class="summary"><tbody>${rows.map(([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`)}</tbody></table>`;
}

function duration(evidence: Evidence): string {
  const ms = Date.parse(evidence.finishedAt ?? '') - Date.parse(evidence.startedAt);
  return Number.isNaN(ms) ? 'duration unknown' : `${(ms / 1000).toFixed(1)} s`;
}
