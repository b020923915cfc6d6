import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  analyzeScenario,
  buildReportSections,
  chartMarks,
  createEngineRegistry,
  loadScenarioSource,
  notAffected,
  renderHtml,
} from '@entente/core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[report e2e] skipped: ${CHROMIUM} is absent (apt-get install -y chromium).`);
const flagship = path.join(repoRoot, 'scenarios/ukraine-2025/scenario.yaml');

describe.skipIf(!hasChromium)('the HTML report of the flagship in headless Chromium', async () => {
  const source = { name: flagship, text: readFileSync(flagship, 'utf8') };
  const loaded = loadScenarioSource(source);
  const analysis = analyzeScenario(loaded.model);
  const sections = await buildReportSections(createEngineRegistry(), source, loaded);
  // What `entente analyze --json` prints: the expected marks come from it, not from the page.
  const json = JSON.parse(JSON.stringify({ ...analysis, sections })) as typeof analysis & {
    sections: typeof sections;
  };
  const html = renderHtml(analysis, sections);
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it('renders with no console error, no request, and every chart with one mark per datum', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    const marks = (id: string) => page.locator(`svg[data-chart="${id}"] .mark`).count();

    const margins = json.proposals
      .filter((p) => !p.noChange)
      .flatMap((p) => p.verdicts.filter((v) => !notAffected(v))).length;
    expect(margins).toBeGreaterThan(0);
    expect(await marks('margins')).toBe(margins);
    expect(await marks('backtest')).toBe(2 + Object.keys(json.backtest.byActor).length);
    const charts = json.sections.flatMap((s) => s.charts ?? []);
    expect(charts.map((c) => c.id).sort()).toEqual(['space', 'stability']);
    for (const c of charts) expect(await marks(c.id)).toBe(chartMarks(c));
    // The stability chart has one bar per stability concept the GMCR section tabulates.
    const gmcr = json.sections.find((s) => s.title.startsWith('Stability'))!;
    const table = gmcr.blocks.find((b) => 'table' in b) as { table: string[][] };
    expect(await marks('stability')).toBe(table.table.length - 1);
    // Each chart is laid out with a real size (not collapsed by a CSS or SVG error).
    for (const id of ['margins', 'backtest', 'space', 'stability']) {
      const box = await page.locator(`svg[data-chart="${id}"]`).boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(50);
    }
    expect(await page.locator('h2', { hasText: 'Summary' }).count()).toBe(1);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 30_000);
});
