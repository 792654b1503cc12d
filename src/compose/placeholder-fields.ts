/**
 * What a compose file does not describe but a firedrill config needs: alert
 * rules, where alerts go, the runbook, and the workload adapter. The config
 * names them beside itself, and each is a note saying what to write.
 */
import type { ConfigInput } from '../config/config-schema.ts';
import type { ImportNote } from './import-note.ts';

export const placeholders = {
  monitoring: { rulesDir: './prometheus', alertmanager: { routes: [], defaultContact: 'slack:#ops' } },
  runbook: './RUNBOOK.md',
  workload: './workload.ts',
} satisfies Pick<ConfigInput, 'monitoring' | 'runbook' | 'workload'>;

export const placeholderNotes: readonly ImportNote[] = [
  {
    at: 'monitoring.rulesDir',
    source: 'monitoring.rulesDir',
    text: 'write the Prometheus alert rules (*.yml) in ./prometheus (see fixtures/prometheus); the directory must exist',
  },
  {
    at: 'monitoring.alertmanager.defaultContact',
    source: 'monitoring.alertmanager',
    text: 'slack:#ops is a placeholder: set who is paged ("pagerduty:<schedule id>" or "slack:<handle>") and the routes by severity',
  },
  {
    at: 'runbook',
    source: 'runbook',
    text: 'write the operations runbook ./RUNBOOK.md, whose steps the scenarios run (see fixtures/runbook/RUNBOOK.md)',
  },
  {
    at: 'workload',
    source: 'workload',
    text: 'write the workload adapter ./workload.ts, which places orders and reads them back (see fixtures/ats/workload.ts and src/workload/workload-adapter.ts)',
  },
];
