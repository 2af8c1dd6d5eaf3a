// The HTML report of the command line (`govreport-lint --format html`) opened in a real browser (Debian chromium
// via playwright-core): the summary's counts are the JSON output's; every cell a table-arithmetic rule reports is
// drawn red with the value the checking core computed; blank and non-numeric cells are marked; no request leaves
// the page; the page reads without JavaScript and its small script (allowed by the page's CSP) sorts the summary.
// It needs only chromium and the built command (node scripts/build.mjs), not the editor: test/ui/run.mjs runs it
// with the other UI tests, and `node --test test/ui/report.test.mjs` runs it alone. Screenshots of failures go to
// test-results/report-*.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromiumPath } from '../../scripts/editor/install.mjs';
import { launchChromium } from '../../scripts/editor/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const seeds = path.join(root, 'test', 'fixtures', 'seeds');
const results = path.join(root, 'test-results');
const IDENTITY_RULES = new Set(['table3-row-total', 'table3-legal-subtotal', 'table3-group-subtotal', 'table3-results-total', 'table3-column-balance', 'table4-block-total']);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-report-'));
const dir = path.join(tmp, 'reports');
fs.mkdirSync(dir);
for (const f of fs.readdirSync(seeds).filter((x) => x.endsWith('.txt'))) fs.copyFileSync(path.join(seeds, f), path.join(dir, f));
// the clean seed 002 with a wrong T4 total, a wrong T3 row total, a non-numeric and a blank cell
{
  const lines = fs.readFileSync(path.join(seeds, '002_1e18ee42ea4018a5.txt'), 'utf8').split('\n');
  const edit = (i, re, to) => {
    assert.match(lines[i], re, `seed 002 line ${i + 1} changed`);
    lines[i] = lines[i].replace(re, to);
  };
  edit(71, /^0/, '3');
  edit(47, /(\t0){7}$/, '\t0\t0\t0\t0\t两\t\t0');
  edit(51, /(\t0){7}$/, '\t0\t1\t0\t0\t0\t0\t0');
  fs.writeFileSync(path.join(dir, '卫东区2023-改.txt'), lines.join('\n'));
}

function cli(args) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'govreport-lint.js'), ...args], { cwd: dir, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** What the checking core reports per file: identity failures (line, computed value), blank and non-numeric cells. */
function coreFindings(file) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const r = core.lint(text);
  const line = (offset) => r.report.index.positionAt(offset).line + 1;
  return r.findings.map((f) => ({ rule: f.ruleId, line: line(f.range.start), endLine: line(f.range.end), expected: f.data?.expected }));
}

let browser;
let page;
const requests = [];
const consoleErrors = [];
const json = JSON.parse(cli(['--format', 'json', '.']).stdout);
const htmlFile = path.join(tmp, 'out', 'report.html');
const htmlRun = cli(['--format', 'html', '-o', htmlFile, '.']);
const htmlUrl = pathToFileURL(htmlFile).href;

async function shot(name, fn) {
  try {
    await fn();
  } catch (e) {
    fs.mkdirSync(results, { recursive: true });
    const file = path.join(results, `report-${name}.png`);
    await page?.screenshot({ path: file, fullPage: false }).catch(() => undefined);
    e.message += `\n(screenshot: ${file}; page: ${htmlFile})`;
    throw e;
  }
}

/** The section of a file (by its name as shown). */
const section = (name) => page.locator(`section.file[data-file="${name.replace(/"/g, '\\"')}"]`);

describe('the HTML report in chromium', () => {
  before(async () => {
    assert.ok(fs.existsSync(htmlFile), `the report was not written: ${htmlRun.stderr}`);
    browser = await launchChromium({ chromium: chromiumPath() });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(htmlUrl, { waitUntil: 'load' });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the summary lists every file with the JSON output’s error, warning and info counts', () =>
    shot('summary', async () => {
      const rows = await page.locator('table.summary tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ file: tr.getAttribute('data-file'), counts: [...tr.querySelectorAll('td.n')].slice(1).map((td) => Number(td.textContent)) })),
      );
      const expected = json.map((r) => ({ file: path.basename(r.filePath), counts: [r.errorCount, r.warningCount, r.infoCount] }));
      assert.deepEqual(rows, expected);
      assert.ok(expected.some((e) => e.counts[0] > 0), 'some file has errors');
      const totals = await page.locator('table.summary tfoot td.n').allTextContents();
      assert.deepEqual(totals.map(Number), [0, 1, 2].map((k) => expected.reduce((n, e) => n + e.counts[k], 0)));
      // the summary's links lead to the files' sections
      for (const [k, e] of expected.entries()) {
        assert.equal(await page.locator(`table.summary a[href="#file-${k + 1}"]`).textContent(), e.file);
        assert.equal(await page.locator(`#file-${k + 1}`).getAttribute('data-file'), e.file);
      }
    }));

  it('every cell a table-arithmetic rule reports is red, with the value the core computed', () =>
    shot('wrong-cells', async () => {
      let checked = 0;
      for (const r of json) {
        const file = path.basename(r.filePath);
        for (const f of coreFindings(file).filter((x) => IDENTITY_RULES.has(x.rule))) {
          const cell = section(file).locator(`td.wrong[data-line="${f.line}"]`).filter({ hasText: `应为 ${f.expected}` });
          assert.equal(await cell.count(), 1, `${file}: ${f.rule} at line ${f.line} (computed ${f.expected}) is not marked`);
          assert.match((await cell.getAttribute('data-rules')) ?? '', new RegExp(`\\b${f.rule}\\b`));
          const colour = await cell.evaluate((td) => getComputedStyle(td).backgroundColor);
          const [red, green, blue] = colour.match(/\d+/g).map(Number);
          assert.ok(red > green && red > blue, `${file} line ${f.line}: background ${colour} is not red`);
          // the finding in the file's list links to the cell
          const href = await section(file).locator(`tr.finding[data-rule="${f.rule}"][data-line="${f.line}"] a`).first().getAttribute('href');
          assert.equal(href, `#${await cell.getAttribute('id')}`, `${file}: ${f.rule} at line ${f.line} does not link to its cell`);
          checked++;
        }
      }
      // seed 000 (1) and the damaged copy of seed 002 (T3 row total, results total/column balance, T4 block)
      assert.ok(checked >= 3, `only ${checked} wrong cells in the samples`);
      // and nothing else is red: every red cell is a reported one
      const red = await page.locator('td.wrong').count();
      assert.equal(red, checked);
    }));

  it('blank and non-numeric cells are marked on the lines the rules report', () =>
    shot('blank-text', async () => {
      let blanks = 0;
      let texts = 0;
      for (const r of json) {
        const file = path.basename(r.filePath);
        for (const f of coreFindings(file)) {
          if (f.rule === 'table-blank-cell') {
            for (let l = f.line; l <= f.endLine; l++) {
              const n = await section(file).locator(`td.blank[data-line="${l}"]`).count();
              // L1 puts one cell per line; other layouts several cells on the label's line
              if (f.endLine > f.line) assert.equal(n, 1, `${file} line ${l}: blank cell not marked`);
              else assert.ok(n >= 1, `${file} line ${l}: blank cell not marked`);
              blanks += n;
            }
          }
          if (f.rule === 'table-non-numeric-cell') {
            assert.ok((await section(file).locator(`td.text[data-line="${f.line}"]`).count()) >= 1, `${file} line ${f.line}: non-numeric cell not marked`);
            texts++;
          }
        }
      }
      assert.ok(blanks >= 15 && texts >= 1, `blank ${blanks}, non-numeric ${texts}`);
      assert.equal(await page.locator('td.text').first().locator('.tag').textContent(), '非数字');
    }));

  it('no request leaves the page and nothing is blocked or failing', () =>
    shot('network', async () => {
      assert.deepEqual(requests, [htmlUrl]);
      assert.deepEqual(consoleErrors, []);
    }));

  it('the summary sorts by a column when its header is clicked (the inline script runs under the page’s CSP)', () =>
    shot('sort', async () => {
      const errorsHeader = page.locator('table.summary thead th', { hasText: '错误' });
      const column = () => page.locator('table.summary tbody tr td.errors').allTextContents();
      await errorsHeader.click();
      const asc = (await column()).map(Number);
      assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
      assert.equal(await errorsHeader.getAttribute('aria-sort'), 'ascending');
      await errorsHeader.click();
      const desc = (await column()).map(Number);
      assert.deepEqual(desc, [...asc].sort((a, b) => b - a));
      assert.ok(desc[0] > desc[desc.length - 1], 'the counts differ, so the order shows');
      assert.deepEqual(requests, [htmlUrl]);
    }));

  it('reads without JavaScript: the grids and marks are there', () =>
    shot('no-js', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const p = await context.newPage();
      try {
        await p.goto(htmlUrl);
        assert.ok((await p.locator('table.grid').count()) >= 3 * json.length - 3, 'tables 2–4 of every report');
        assert.ok(await p.locator('td.wrong').first().isVisible());
        assert.equal(await p.locator('table.summary tbody tr').count(), json.length);
      } finally {
        await context.close();
      }
    }));
});
