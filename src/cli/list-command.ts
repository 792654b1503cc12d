import { loadCatalogue } from './select-scenarios.ts';

export async function listCommand(): Promise<number> {
  const { scenarios, suites } = await loadCatalogue();
  const width = Math.max(...scenarios.map((s) => s.id.length));
  process.stdout.write('Scenarios:\n');
  for (const s of scenarios)
    process.stdout.write(`  ${s.id.padEnd(width)}  ${s.title} (detect ≤ ${s.targets.detectMs} ms, recover ≤ ${s.targets.recoveryMs} ms)\n`);
  process.stdout.write('Suites:\n');
  for (const suite of suites) process.stdout.write(`  ${suite.name}: ${suite.scenarioIds.join(', ')} — ${suite.description}\n`);
  return 0;
}
