/**
 * The HTML report as a reader sees it: written by `firedrill report` from a
 * real run's directory (test/fixtures/report-run, checked against the
 * evidence schema first so it cannot rot silently), opened from a file:// URL
 * in Debian's headless Chromium driven by playwright-core. The page must show
 * the summary, a timeline, the controls and the history's charts (a history
 * seeded beside the run dirs), log no error, run no script
 * (a transcript holding one in a tampered copy included), and print. A
 * screenshot is written next to each report, under reports/ (kept to look at).
 * Starts a browser, no environment; measures no time.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../src/cli/report-command.ts';
import { repoRoot } from '../../../src/repo-root.ts';
import { recordRun } from '../../../src/history/record-run.ts';
import { evidenceProblems } from '../../support/evidence-schema.ts';
import { seedHistory } from '../../support/seeded-history.ts';
import { fixtureEvidence, fixtureRunDir } from './fixture-run.ts';

const chromiumPath = '/usr/bin/chromium';
const outDir = join(repoRoot, 'reports', 'report-in-chromium');
const hostile = '</pre><script>window.pwned = 1</script>';

let userDataDir: string;
let browser: BrowserContext;

/** A copy of the fixture run (tampered by `change` when given) with its report written by the command, as a file:// URL. */
async function reportOf(name: string, change?: (evidence: Record<string, unknown>) => void): Promise<{ dir: string; url: string }> {
  const dir = join(outDir, name);
  await rm(dir, { recursive: true, force: true });
  await cp(fixtureRunDir, dir, { recursive: true });
  if (change) {
    const file = join(dir, 'evidence.json');
    const evidence = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    change(evidence);
    await writeFile(file, JSON.stringify(evidence, null, 2));
  }
  expect(await reportCommand(dir, {})).toBe(0);
  return { dir, url: pathToFileURL(join(dir, 'report.html')).href };
}

/** Opens a page, collecting console errors and page errors until it is closed. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

beforeAll(async () => {
  const evidence = JSON.parse(await readFile(join(fixtureRunDir, 'evidence.json'), 'utf8'));
  expect(evidenceProblems(evidence), 'test/fixtures/report-run/evidence.json no longer follows schemas/evidence.v1.json').toEqual([]);
  // A run history beside the run dirs, as `firedrill run` leaves one: 10 earlier runs of the same scenarios, then this run.
  const history = join(outDir, 'history.sqlite');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  seedHistory(
    history,
    fixtureEvidence().scenarios.map(({ id, targets }) => ({ id, targets })),
    10,
  );
  expect(recordRun(history, fixtureEvidence(), 0)).toBeUndefined();
  userDataDir = await mkdtemp(join(tmpdir(), 'firedrill-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  }
});

describe('the report of a real run, in headless Chromium', () => {
  it('shows the summary, a timeline per scenario, the controls and the history charts, logs no error, and is screenshotted', async () => {
    const { dir, url } = await reportOf('verified');
    const { page, errors } = await open(url);
    expect(await page.locator('#bundle').textContent()).toContain('Evidence verified');
    expect(await page.locator('table.summary th').allInnerTexts()).toEqual(
      expect.arrayContaining(['harness', 'runbook', 'config', 'alert rules', 'runtime', 'host', 'started', 'finished']),
    );
    expect(await page.locator('#scenarios tbody tr').count()).toBe(3);
    expect(await page.locator('figure.timeline svg').count()).toBe(3);
    const box = await page.locator('figure.timeline svg').first().boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(await page.locator('figure.timeline svg').first().locator('text', { hasText: 'step redis.restart' }).count()).toBe(1);
    expect(await page.locator('#controls tbody tr').count()).toBe(15);
    expect(await page.locator('#history figure svg').count()).toBe(3);
    expect(await page.locator('#controls tbody tr', { hasText: 'RTS6-12' }).textContent()).toContain('not covered');
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    expect((await readFile(join(dir, 'report.png'))).subarray(1, 4).toString()).toBe('PNG');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints: each scenario starts a page, nothing is wider than the page, and the PDF has the run pages plus one or more a scenario', async () => {
    const { dir, url } = await reportOf('print');
    const { page, errors } = await open(url);
    await page.setViewportSize({ width: 700, height: 1000 }); // about A4's printable width at 96 px an inch
    await page.emulateMedia({ media: 'print' });
    const breaks = await page
      .locator('section.scenario')
      .evaluateAll((sections) => sections.map((s) => s.ownerDocument.defaultView!.getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['page', 'page', 'page']);
    expect(
      await page
        .locator('pre')
        .first()
        .evaluate((pre) => pre.ownerDocument.defaultView!.getComputedStyle(pre).maxHeight),
    ).toBe('none');
    // Nothing wider than the page: a long JSON detail or a hash wraps instead of being cut at the margin.
    const overflowing = await page
      .locator('table, pre, svg')
      .evaluateAll((all) =>
        all.filter((e) => e.scrollWidth > e.parentElement!.clientWidth + 1).map((e) => `${e.tagName}.${e.getAttribute('class') ?? ''}`),
      );
    expect(overflowing).toEqual([]);
    const pdf = await page.pdf({ path: join(dir, 'report.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a tampered run: the page says it does not verify, and a transcript holding a script shows it as text, unrun', async () => {
    const { dir, url } = await reportOf('tampered', (evidence) => {
      const [first] = evidence.scenarios as { steps: { stdout: string }[] }[];
      first!.steps[0]!.stdout = hostile;
    });
    const { page, errors } = await open(url);
    expect(await page.locator('#bundle').textContent()).toContain('EVIDENCE NOT VERIFIED');
    expect(await page.locator('#bundle li').first().textContent()).toMatch(/^evidence\.json: SHA-256 .* edited$/);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('pre', { hasText: hostile }).count()).toBe(1);
    await page.screenshot({ path: join(dir, 'report.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
