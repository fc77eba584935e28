import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/cli/report.js';
import { ROOT, tempDir } from '../cli/run-cli.js';
import { checkPage, findChromium } from '../support/chromium.js';

/**
 * The report pages in a real browser: Debian's headless Chromium opens each,
 * and the test fails when a chart draws nothing, the page logs an error or
 * asks for anything beyond itself. Screenshots go to
 * $PODSIM_SCREENSHOTS (default: a temporary folder, named on the console).
 * Without chromium (`apt-get install chromium`; .ci/run installs it) the
 * tests are skipped, saying so.
 */
const chromium = findChromium();
const NO_BROWSER = 'skipped: no chromium on PATH (apt-get install -y chromium, as .ci/run does)';
if (chromium === undefined) console.warn(`test/report/browser.test.ts ${NO_BROWSER}`);

const FIXTURES = path.join(ROOT, 'test/fixtures/report');
const shots = process.env.PODSIM_SCREENSHOTS ?? tempDir('podsim-screenshots-');

async function open(name: string, html: string): Promise<Awaited<ReturnType<typeof checkPage>>> {
  const file = path.join(tempDir(), `${name}.html`);
  fs.writeFileSync(file, html);
  const check = await checkPage(chromium!, file);
  fs.mkdirSync(shots, { recursive: true });
  fs.writeFileSync(path.join(shots, `${name}.png`), check.screenshot);
  console.info(`screenshot: ${path.join(shots, `${name}.png`)}`);
  return check;
}

/** A PNG's width and height (its IHDR chunk). */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe.skipIf(chromium === undefined)(`report pages in headless Chromium${chromium === undefined ? ` (${NO_BROWSER})` : ''}`, () => {
  it.each(['node-failure', 'capacity-sweep'])('%s: every chart draws, no error, nothing fetched', async (name) => {
    const check = await open(name, reportHtml(path.join(FIXTURES, name)));
    expect(check.errors).toEqual([]);
    expect(check.requests).toEqual([]);
    expect(check.charts.length).toBeGreaterThanOrEqual(name === 'node-failure' ? 9 : 3);
    for (const c of check.charts) {
      expect(c.marks, `chart "${c.name}" draws nothing`).toBeGreaterThan(0);
      expect(c.width * c.height, `chart "${c.name}" has no size`).toBeGreaterThan(0);
    }
    const [width, height] = pngSize(check.screenshot);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(1000);
  }, 60_000);

  it('the check itself catches an empty chart, a console error and a fetch', async () => {
    const broken =
      '<!DOCTYPE html><html><body><figure data-chart="empty"><svg width="100" height="50"><g class="marks"></g></svg></figure>' +
      '<img src="http://192.0.2.1/x.png"><script>console.error("boom")</script></body></html>';
    const check = await open('broken', broken);
    expect(check.charts).toEqual([{ name: 'empty', marks: 0, width: expect.any(Number), height: expect.any(Number) }]);
    expect(check.errors.join('\n')).toContain('boom');
    expect(check.requests).toEqual(['http://192.0.2.1/x.png']);
  }, 60_000);
});
