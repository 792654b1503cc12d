#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { ComposeFileError } from '../compose/compose-file-error.ts';
import { ConfigFileError } from '../config/config-file-error.ts';
import { RunbookError } from '../runbook/runbook-error.ts';
import { ScenarioNamesError } from '../scenario/scenario-names-error.ts';
import { AlertRuleOverrideError } from '../runtime/alert-rule-override-error.ts';
import { SigningKeyError } from '../evidence/signing-key.ts';
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
  1    a scenario failed: a target or check was missed (a finding)
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
  .addHelpText(
    'after',
    '\nExample:\n  firedrill run --suite release-gate\n  firedrill run redis-outage --report-dir /tmp/drill\n  firedrill run redis-outage --alert-rules drafts/prometheus\n' +
      '  firedrill run --suite release-gate --junit reports/firedrill-junit.xml --summary-md reports/summary.md',
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
