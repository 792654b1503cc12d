import { join } from 'node:path';
import { EvidenceFileError, readEvidence } from '../evidence/read-evidence.ts';
import { BundleError, verifyBundle } from '../evidence/verify-bundle.ts';
import { htmlReport } from '../reporters/html-report/html-report.ts';
import type { BundleCheck } from '../reporters/html-report/report-input.ts';
import { shownPath } from '../shown-path.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';
import { replaceFile } from './replace-file.ts';
import { controlsSection, reportControls } from './report-controls.ts';
import { reportHistory } from './report-history.ts';

export interface ReportOptions {
  out?: string;
  config?: string;
  controls?: string;
  /** The run history to chart (`--history`, FIREDRILL_HISTORY); default the one beside the run directory. */
  history?: string;
}

/**
 * `firedrill report <run-dir>`: the run as one HTML file. A bundle that does
 * not verify is reported (at the top of the page, and one stderr line), not
 * refused: the report is how a reader finds out. 0 written; 2 (ConfigError)
 * no readable evidence, a bad controls file or config, an unwritable --out.
 */
export async function reportCommand(runDir: string, options: ReportOptions): Promise<number> {
  const [bundle, controls] = await Promise.all([bundleCheck(runDir), reportControls(options)]);
  // A bundle that verified is the recorder's own output: its shape needs no second check.
  const evidence = await readEvidence(runDir, { checkShape: bundle.state !== 'verified' }).catch((error: unknown) => {
    throw error instanceof EvidenceFileError ? new ConfigError(error.message) : error;
  });
  const out = options.out ?? join(runDir, 'report.html');
  const history = reportHistory(evidence, runDir, options.history);
  const page = htmlReport({
    evidence,
    runDir,
    bundle,
    controls: controlsSection(controls, evidence),
    ...(history ? { history } : {}),
    generatedAt: new Date(),
  });
  await replaceFile(out, page).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`${options.out ? '--out ' : ''}${out}: the report cannot be written (${error.code ?? error.message})`);
  });
  const count = evidence.scenarios.length;
  process.stdout.write(`report: ${shownPath(out)} (${count} scenario${count === 1 ? '' : 's'}; evidence ${bundleWords(bundle)})\n`);
  if (bundle.state === 'not verified')
    process.stderr.write(
      `firedrill: ${runDir} does not verify against its manifest; the report says so (firedrill verify-evidence ${runDir})\n`,
    );
  return exitCodes.passed;
}

async function bundleCheck(runDir: string): Promise<BundleCheck> {
  try {
    const { problems, summary } = await verifyBundle(runDir);
    return problems.length === 0 ? { state: 'verified', summary } : { state: 'not verified', problems };
  } catch (error) {
    if (error instanceof BundleError) return { state: 'not sealed', reason: error.message };
    throw error;
  }
}

function bundleWords(bundle: BundleCheck): string {
  if (bundle.state === 'verified') return 'verified';
  if (bundle.state === 'not sealed') return 'not sealed';
  return `NOT VERIFIED (${bundle.problems.length} problem${bundle.problems.length === 1 ? '' : 's'})`;
}
