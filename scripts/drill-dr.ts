// npm run drill:dr -- --data-size 1GB: the disaster-recovery measurement drill of issue 15 (src/dr/dr-drill.ts).
// Not part of npm test. Exit 0: the scripts' overhead over the raw commands holds (≤ 1.3×); 1: it does not (a
// finding); 2: bad arguments; 3: the drill broke (a command failed, a restore came back short); 130/143: interrupted.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseDataSize } from '../src/dr/data-size.ts';
import { runDrDrill } from '../src/dr/dr-drill.ts';
import { productionSizesBytes } from '../src/dr/rto-projection.ts';
import { Interrupted, installSignalTeardown } from '../src/runtime/live-environments.ts';

const size = (text: string) => {
  try {
    return parseDataSize(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const program = new Command('drill:dr')
  .description(
    "Seed a local environment's database to a size, then time its backup and restore by the raw commands and by the operators' scripts (fixtures/ats/ops), print the overhead, the RTO projection and the dominating step",
  )
  .addOption(
    // 500 MB, not less: below about 400 MB a base backup or restore takes under the projection's 1 s floor
    // (src/dr/rto-projection.ts), and the physical strategy's RTO could not be projected from the default drill.
    new Option('--data-size <size>', 'seed the database to this pg_database_size first: 500MB, 1GB, 2.5GiB')
      .argParser(size)
      .default(500e6, '500MB'),
  )
  .addOption(
    new Option('--sizes <list>', 'production sizes to project, comma-separated')
      .argParser((text) => text.split(',').map(size))
      .default([...productionSizesBytes], '10GB,100GB,1TB'),
  )
  .addOption(
    new Option(
      '--rounds <n>',
      "round trips each way, alternating which goes first; the verdict is on each strategy's median round by ratio: one round alone is noisy",
    )
      .argParser((text) => {
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${text}" is not a whole number of rounds ≥ 1`);
        return n;
      })
      .default(3),
  )
  .option('--no-physical', 'skip the base backup round trips (pg_basebackup, restore-postgres-base.sh)')
  .exitOverride()
  .addHelpText('after', '\nExit codes: 0 overhead ≤ 1.3×, 1 overhead over it, 2 bad arguments, 3 the drill broke, 130/143 interrupted.');

try {
  program.parse();
} catch (error) {
  process.exit(error instanceof CommanderError && error.exitCode === 0 ? 0 : 2);
}
const options = program.opts<{ dataSize: number; sizes: number[]; rounds: number; physical: boolean }>();

// The CLI's teardown on SIGINT/SIGTERM: the drill stops, its environment is torn down (forced after 30 s or on a
// second signal), and it exits 130/143.
const interrupt = new AbortController();
installSignalTeardown(interrupt, (message) => console.error(message));

try {
  const result = await runDrDrill({
    dataSizeBytes: options.dataSize,
    sizesBytes: options.sizes,
    physical: options.physical,
    rounds: options.rounds,
    signal: interrupt.signal,
    log: (line) => console.log(line),
  });
  process.exitCode ??= result.overhead.every((o) => o.holds) ? 0 : 1;
} catch (error) {
  console.error(`drill:dr: ${(error as Error).message}`);
  process.exitCode = error instanceof Interrupted ? error.exitCode : 3;
}
