#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { ComposeFileError } from '../compose/compose-file-error.ts';
import { ConfigFileError } from '../config/config-file-error.ts';
import { RunbookError } from '../runbook/runbook-error.ts';
import { ScenarioNamesError } from '../scenario/scenario-names-error.ts';
import { AlertRuleOverrideError } from '../runtime/alert-rule-override-error.ts';
import { SigningKeyError } from '../evidence/signing-key-error.ts';
import { ControlsFileError } from '../controls/controls-file-error.ts';
import { ConfigError } from './config-error.ts';
import { exitCodes } from './exit-codes.ts';
import { lintFormats } from './lint-formats.ts';
import { shellcheckLevels } from '../runbook/lint/shellcheck/shellcheck-comments.ts';
import { runtimeNames } from '../runtime/runtime.ts';

// Each command loads its modules only when chosen: `firedrill proxy` starts in a
// fraction of the time it would take with the whole runner loaded.
// And Node's on-disk compile cache (in the OS temp dir; best effort) keeps what
// they compiled: `firedrill list` starts in about 0.5 s instead of 0.9 s once warm.
enableCompileCache();

/** The system under test, found as vitest finds its config (see src/config/find-config.ts). */
const configOption = () =>
  new Option('-c, --config <file>', "the system under test (firedrill.config.ts); default ./firedrill.config.ts, else the reference ATS's");

const program = new Command('firedrill')
  .description('Chaos and compliance drills for an automated trading system: break it, run the runbook, measure the recovery.')
  .exitOverride()
  .addHelpText(
    'after',
    `
Exit codes:
  0    every selected scenario passed
  1    a scenario failed: a target or check was missed (a finding); or, with --repeat, a scenario was flaky (its verdict
       changed between runs, whichever verdicts they were)
  2    configuration error: bad arguments, a config file with problems (firedrill.config.ts), unknown scenario or suite,
       malformed scenario file or runbook, a scenario naming a service or link the config does not declare,
       alert rules Prometheus would not load, a report dir that cannot be created or written, an unusable
       FIREDRILL_SIGNING_KEY
  3    no failure, but a scenario was aborted (steady state unmet) or errored (harness/environment broke)
  130  interrupted by SIGINT (143: SIGTERM); faults reverted, environments torn down, evidence written`,
  );

program
  .command('run')
  .description('Run scenarios (all, the ones named, or a suite) and write evidence')
  .argument('[scenario...]', 'scenario ids (see `firedrill list`)')
  .option('-s, --suite <name>', 'run a named suite, e.g. release-gate')
  .addOption(configOption())
  .addOption(new Option('-r, --runtime <name>', 'where the system under test runs').choices(runtimeNames).default('local'))
  .option('-o, --report-dir <dir>', 'where runs are written (<dir>/<run-id>/ and <dir>/latest/)', 'reports')
  .option('-b, --runbook <file>', "take the remediation steps from this runbook (a draft, say); default the config's runbook")
  .addOption(
    new Option(
      '--alert-rules <dir>',
      "load Prometheus' alert rules from the *.yml files of this directory (a draft, say); default the config's monitoring.rulesDir",
    ).env('FIREDRILL_ALERT_RULES'),
  )
  .option('--junit <file>', 'also write the run as JUnit XML for CI (written whatever the verdict)')
  .option(
    '--summary-md <file>',
    'also write a Markdown summary (a PR comment); it is appended to $GITHUB_STEP_SUMMARY whenever that is set',
  )
  .addOption(
    new Option('--history <file>', 'append the run to this SQLite run history (default <report-dir>/history.sqlite)').env(
      'FIREDRILL_HISTORY',
    ),
  )
  .option('--no-history', 'do not append the run to the run history')
  .option(
    '--dry-run',
    "start nothing: check that every selected scenario's steps, names, alerts and targets resolve, and print the plan (exit 2 if not)",
  )
  .option('--json', 'with --dry-run: print the plan as JSON')
  .option(
    '--repeat <n>',
    'run each scenario n times, each on a fresh environment: p50/p95/max of detect and recovery, and a scenario whose verdict changes is flaky (exit 1)',
  )
  .option(
    '--concurrency <n>',
    'run n scenarios at once, each on its own environment (sandbox, ports, fault proxy); prints the wall time against the longest scenario. Timing targets measure the machine too: leave it about a core per environment',
  )
  .option(
    '--load-multiplier <n>',
    "stress with faults (RTS 6 Art. 10): each scenario's order flow at n times its peak rate (1-20); the achieved rate is in the evidence, and a run that sent under 95 % of it fails, saying so",
  )
  .addHelpText(
    'after',
    '\nExample:\n  firedrill run --suite release-gate\n  firedrill run redis-outage --report-dir /tmp/drill\n  firedrill run redis-outage --alert-rules drafts/prometheus\n' +
      '  firedrill run --suite release-gate --junit reports/firedrill-junit.xml --summary-md reports/summary.md\n' +
      '  firedrill run --suite release-gate --dry-run\n  firedrill run --suite release-gate --concurrency 3\n  firedrill run redis-outage --load-multiplier 5',
  )
  .action(async (ids: string[], options) => {
    process.exitCode = await (await import('./run-command.ts')).runCommand(ids, options);
  });

program
  .command('list')
  .description(
    "List the system under test's services and links, the scenarios and suites; with --coverage, the runbook steps each scenario runs and those none does",
  )
  .addOption(configOption())
  .option('--coverage', "list the runbook's executable steps with the scenarios that run them")
  .option('-b, --runbook <file>', "the runbook for --coverage (default the config's runbook)")
  .action(async (options) => {
    process.exitCode = await (await import('./list-command.ts')).listCommand(options);
  });

program
  .command('proxy')
  .description("Run the fault proxy standalone; it speaks Toxiproxy's HTTP API")
  .option('--host <host>', 'address of the HTTP API', '127.0.0.1')
  .option('--port <port>', "port of the HTTP API (Toxiproxy's default)", '8474')
  .option('--config <file>', 'JSON list of proxies [{name, listen, upstream, enabled?}] to create at start')
  .option('--seed <n>', 'seed for toxicity decisions, for reproducible runs')
  .option('--allow-non-loopback', 'let the API, proxies and upstreams use addresses other than loopback')
  .action(async (options) => {
    process.exitCode = await (await import('./proxy-command.ts')).proxyCommand(options);
  });

program
  .command('verify-runbook')
  .description('Verify a runbook change: list the changed sections and steps, lint, and run exactly the scenarios bound to changed steps')
  .requiredOption('--base <rev>', 'the git revision to compare against, e.g. origin/main')
  .option('--head <rev>', 'the revision to verify (default: the working tree)')
  .addOption(configOption())
  .option('-b, --runbook <file>', "the runbook inside a git repository (default the config's runbook)")
  .addOption(new Option('-r, --runtime <name>', 'where the system under test runs').choices(runtimeNames).default('local'))
  .option('-o, --report-dir <dir>', 'where runs are written', 'reports')
  .option('--dry-run', 'print what would run, run nothing')
  .addHelpText(
    'after',
    '\nExit codes as for run; also 1 when the lint reports an error.\nExample:\n  firedrill verify-runbook --base origin/main',
  )
  .action(async (options) => {
    process.exitCode = await (await import('./verify-runbook-command.ts')).verifyRunbookCommand(options);
  });

program
  .command('lint-runbook')
  .description('Lint the operations runbook against its rules; exit 1 when a rule reports an error')
  .argument('[file]', "the runbook Markdown file (default: the config's runbook, fixtures/runbook/RUNBOOK.md for the reference ATS)")
  .addOption(configOption())
  .addOption(new Option('-f, --format <format>', 'output format').choices(lintFormats).default('text'))
  .option('--prometheus-rules <dir>', "directory of Prometheus rules files to check alert thresholds against (default: the config's rules)")
  .addOption(
    new Option('--shellcheck-severity <level>', 'the lowest ShellCheck level reported; its errors fail the lint')
      .choices(shellcheckLevels)
      .default('info'),
  )
  .addHelpText(
    'after',
    '\nExit codes: 0 no error findings, 1 a rule reported an error, 2 the config, the runbook or a rules file cannot be read.\n' +
      'Example:\n  firedrill lint-runbook\n  firedrill lint-runbook docs/RUNBOOK.md --format sarif > runbook.sarif\n' +
      '  firedrill lint-runbook --config fixtures/second-system/firedrill.config.ts',
  )
  .action(async (file: string | undefined, options) => {
    process.exitCode = await (await import('./lint-runbook-command.ts')).lintRunbookCommand(file, options);
  });

program
  .command('report')
  .description('Write a run as one self-contained HTML page: summary, scenarios against targets, timelines, transcripts, alerts, controls')
  .argument('<run-dir>', 'a run directory, e.g. reports/latest or reports/<run-id>')
  .option('-o, --out <file>', 'where to write the page (default <run-dir>/report.html, which the bundle check leaves out)')
  .addOption(configOption())
  .option(
    '--controls <file>',
    "the controls file (YAML, schemas/controls.v1.json); default the config's controls, else fixtures/controls.yaml",
  )
  .addOption(
    new Option('--history <file>', 'the run history to chart (default the history.sqlite beside the run directory)').env(
      'FIREDRILL_HISTORY',
    ),
  )
  .addHelpText(
    'after',
    `
The page has no script and fetches nothing (style inline, timelines as inline SVG); it prints to PDF a scenario per
page. Every text from the evidence is escaped. The run directory is checked against its manifest first: a bundle that
does not verify is reported at the top of the page, problem by problem (and on stderr), not refused.
Each control is evidenced (one of its scenarios passed in the run, none failed), failed, or not covered.
With a run history (firedrill history), each scenario's detect, recovery and RTO over its last 20 runs up to this one
is charted, its resilience score beside it, with the open findings as they stood.

Exit codes: 0 written, 2 no readable evidence.json (or not firedrill.evidence/v1), a controls file or config with
problems (each named with its file, line and field), an unwritable --out.
Example:
  firedrill report reports/latest
  firedrill report reports/2026-12-02T10-31-35-366Z-7a68 --out /tmp/drill.html --controls compliance/controls.yaml`,
  )
  .action(async (runDir: string, options) => {
    process.exitCode = await (await import('./report-command.ts')).reportCommand(runDir, options);
  });

program
  .command('verify-evidence')
  .description("Check a run directory against its manifest: every file's SHA-256, the scenario records' hash chain, the signature")
  .argument('<run-dir>', 'a run directory, e.g. reports/latest or reports/<run-id>')
  .option(
    '--public-key <file>',
    "the signer's Ed25519 public key (SPKI PEM): proves who signed; without it, the key recorded in the bundle",
  )
  .addHelpText(
    'after',
    `
Detects a file edited, deleted or added since the run sealed it, and a scenario record edited, deleted, added or
reordered (naming the chain position and scenario). Without a signature, someone who can edit the files can also
rewrite the manifest and chain consistently: only a signature checked with --public-key rules that out.
Runs sign when FIREDRILL_SIGNING_KEY holds an Ed25519 private key (PKCS#8 PEM, or its path).

Exit codes: 0 verified (one line), 1 a problem (each named), 2 not a run directory or no readable manifest or key.
Example:
  firedrill verify-evidence reports/latest --public-key signing.pub.pem`,
  )
  .action(async (runDir: string, options) => {
    process.exitCode = await (await import('./verify-evidence-command.ts')).verifyEvidenceCommand(runDir, options);
  });

program
  .command('history')
  .description(
    'Show the run history: per scenario, detect and recovery trends (p50/p95, sparkline), pass rate and resilience score; findings open, fixed or retested',
  )
  .option('-n, --last <n>', "how many of each scenario's latest runs the trends and scores look at", '20')
  .option('-s, --scenario <id>', 'only this scenario')
  .addOption(new Option('--db <file>', 'the run history to read (default reports/history.sqlite)').env('FIREDRILL_HISTORY'))
  .option('--json', 'print the history as JSON (every value the text shows, and each run of the window)')
  .addHelpText(
    'after',
    `
Every \`firedrill run\` appends to <report-dir>/history.sqlite unless --no-history (--history FILE or FIREDRILL_HISTORY to
name another file). Runs are in the order they were appended; a skipped scenario run is not counted.

Per scenario, over its last N runs (a skipped one not counted):
  pass rate   passed / (passed + failed); aborted and errored runs prove nothing either way and are counted apart
  p50, p95    nearest-rank percentiles of the measured detect, recovery and RTO times, against the latest target
  score       100 × pass rate × timeliness, timeliness = 0.5 + 0.5 × min over the metrics of clamp(1 − p95/target, 0, 1)
The resilience score is the mean of the scenarios' scores.
A finding (one reason a scenario failed, recognised across runs with its numbers masked) is open until the scenario
passes again, fixed after one passed run since it was last seen, retested after two or more.

Exit codes: 0 shown (also an empty history), 2 no history file, not a history firedrill can read, an unknown
--scenario, a bad --last.
Example:
  firedrill history
  firedrill history --scenario redis-outage --last 50
  firedrill history --db /srv/drills/history.sqlite --json`,
  )
  .action(async (options) => {
    process.exitCode = (await import('./history-command.ts')).historyCommand(options);
  });

program
  .command('init')
  .description("Write a starting firedrill.config.ts from the system's docker-compose file, saying what it could not translate")
  .requiredOption('--from-compose <file>', 'the docker-compose file (docker-compose.yml, compose.yaml) to translate')
  .option('-o, --out <file>', 'where to write the config', 'firedrill.config.ts')
  .option('--force', 'overwrite the output file if it exists')
  .addHelpText(
    'after',
    `
Postgres, TimescaleDB and PostGIS images become datastores.postgres, Redis and Valkey ones datastores.redis; every other
service becomes a service (its image, command, environment, port variable, health path from a curl/wget healthcheck),
and a variable naming another service as its host (REDIS_URL=redis://cache:6379, DB_HOST=db with DB_PORT) a link.
What it cannot translate (volumes, networks, secrets, builds, a depends_on no variable carries, …) is listed, numbered,
and marked TODO in the file; the runbook, workload adapter and alert rules it names are yours to write.

Exit codes: 0 written, 2 the compose file cannot be read or translated (naming the file and field), or the output
file exists without --force; nothing is written then.
Example:
  firedrill init --from-compose docker-compose.yml
  firedrill init --from-compose deploy/compose.yaml --out drills/firedrill.config.ts --force`,
  )
  .action(async (options) => {
    process.exitCode = await (await import('./init-command.ts')).initCommand(options);
  });

program
  .command('gameday')
  .description(
    "Game day: break one scenario's system without saying how, page the operator, hand them a shell in the sandbox, and time their recovery",
  )
  .argument('<scenario>', 'the scenario id (see `firedrill list`); the operator should not see it')
  .addOption(configOption())
  .addOption(new Option('-r, --runtime <name>', 'where the system under test runs').choices(runtimeNames).default('local'))
  .option('-o, --report-dir <dir>', 'where the run is written; `firedrill note` and `firedrill hint` find the game day there', 'reports')
  .option('-b, --runbook <file>', "the runbook the operator follows (default the config's runbook)")
  .option('--operator <name>', 'who is on call (default $USER)')
  .option('--observer <name>', 'who watches and takes notes (the author of a note from another terminal)')
  .option(
    '--time-limit <duration>',
    "after this long (from the shell's opening) without recovery the game day fails: 90s, 10m (default 10 × the scenario's recovery target)",
  )
  .option(
    '--hint [every]',
    'reveal the runbook a level at a time: on `firedrill hint`, and each interval without recovery (default a quarter of the time limit)',
  )
  .addHelpText(
    'after',
    `
The run is the scenario's, with the operator in place of its remediation: steady state, the fault, detection and
alerts; then the page (what Alertmanager sent), the failing health check, and an interactive bash in the sandbox with
the runbook's variables. Every command line is recorded with its time (secrets redacted). The clock stops when the
scenario's recovery probes hold; then the shell is closed, faults reverted, the environment torn down, and the
evidence written with the human timeline, the roles and the notes. Needs a terminal.

Exit codes as for run. Example:
  firedrill gameday redis-outage --operator alice --observer bob --hint
  firedrill note "alice restarted the gateway first"     (another terminal, same directory)`,
  )
  .action(async (scenario: string, options) => {
    process.exitCode = await (await import('./gameday-command.ts')).gameDayCommand(scenario, options);
  });

program
  .command('note')
  .description('Add a note to the running game day (timed from the fault; in its evidence)')
  .argument('<text...>', 'the note')
  .option('-o, --report-dir <dir>', "the game day's report dir (default: the game day of this operator shell, else reports)")
  .option('--by <name>', "who notes it (default: the operator inside the game day's shell, the observer elsewhere)")
  .addHelpText(
    'after',
    '\nExit codes: 0 noted, 2 no game day running there or nothing to note.\nExample:\n  firedrill note "paged at 10:02, acknowledged"',
  )
  .action(async (words: string[], options) => {
    process.exitCode = await (await import('./note-command.ts')).noteCommand(words, options);
  });

program
  .command('hint')
  .description("Reveal the running game day's next hint (it started with --hint) and print every hint revealed so far")
  .option('-o, --report-dir <dir>', "the game day's report dir (default: the game day of this operator shell, else reports)")
  .action(async (options) => {
    process.exitCode = await (await import('./hint-command.ts')).hintCommand(options);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : exitCodes.configError;
  else if (
    error instanceof ConfigError ||
    error instanceof ConfigFileError ||
    error instanceof ComposeFileError ||
    error instanceof RunbookError ||
    error instanceof AlertRuleOverrideError ||
    error instanceof SigningKeyError ||
    error instanceof ControlsFileError ||
    error instanceof ScenarioNamesError
  ) {
    process.stderr.write(`firedrill: ${error.message}\n`);
    process.exitCode = exitCodes.configError;
  } else {
    process.stderr.write(`firedrill: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = exitCodes.notConclusive;
  }
}
// PM2 and pg clients can hold the event loop; the run is complete and torn down.
process.exit(process.exitCode ?? 0);
