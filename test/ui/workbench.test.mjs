// UI tests in a real browser (Debian chromium via playwright-core) against VS Code (code-server 4.100.3) with the
// extension installed from its VSIX. Run by test/ui/run.mjs, which prepares the user data, extensions and
// workspace folders (GOVREPORT_UI_*). The steps build on each other (one page, one report), in order.
// Expected texts come from the checking core (compiled by tsc to out/server/src/core), i.e. what the
// extension must show, not what it happens to show.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { locateEditor } from '../../scripts/editor/install.mjs';
import { launchChromium, startCodeServer, workbenchUrl } from '../../scripts/editor/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const results = path.join(root, 'test-results');

const SEED = '000_05e50274e597e28a.txt';
const workspace = process.env.GOVREPORT_UI_WORKSPACE;
const userDataDir = process.env.GOVREPORT_UI_USER_DATA;
const extensionsDir = process.env.GOVREPORT_UI_EXTENSIONS;
if (!workspace || !userDataDir || !extensionsDir) throw new Error('run the UI tests through test/ui/run.mjs');

const expected = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'seeds', SEED.replace('.txt', '.expected.json')), 'utf8'));
const lint = core.lint(fs.readFileSync(path.join(workspace, SEED), 'utf8'));
const finding = (rule) => {
  const f = lint.findings.find((x) => x.ruleId === rule);
  assert.ok(f, `the core gives no ${rule} on ${SEED}`);
  return f;
};
const rowTotal = finding('table3-row-total');
const lookalike = finding('section-numeral-lookalike');
const lookalikeFix = lookalike.fixes.find((x) => x.preferred) ?? lookalike.fixes[0];

const T = 30_000;
let server;
let browser;
let page;

/** Runs a step; on failure keeps a screenshot in test-results/ and rethrows. */
async function shot(name, fn) {
  try {
    await fn();
  } catch (e) {
    fs.mkdirSync(results, { recursive: true });
    const file = path.join(results, `ui-${name.replace(/[^\w-]+/g, '-')}.png`);
    await page?.screenshot({ path: file }).catch(() => undefined);
    e.message += `\n(screenshot: ${file})`;
    throw e;
  }
}

const editor = () => page.locator('.editor-instance .monaco-editor').first();
/** The number on the PROBLEMS tab of the panel (all errors, warnings and infos). */
async function problemsBadge() {
  const tab = page.locator('.part.panel .composite-bar .action-item', { hasText: /problems/i }).first();
  return Number((await tab.locator('.badge-content').innerText({ timeout: 2000 }).catch(() => '0')).trim() || '0');
}
/** The status bar's problems entry, e.g. aria-label "Errors: 1, Warnings: 5, Infos: 2". */
async function statusCounts() {
  const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label', { timeout: 2000 }).catch(() => '')) ?? '';
  const n = (re) => Number(re.exec(label)?.[1] ?? 0);
  return { errors: n(/Errors?: (\d+)/i), warnings: n(/Warnings?: (\d+)/i), infos: n(/Infos?: (\d+)/i) };
}
function countsOf(findings) {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) c[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
  return c;
}
/** Waits until the PROBLEMS badge and the status bar show these counts. */
async function waitCounts(want) {
  const total = want.errors + want.warnings + want.infos;
  const deadline = Date.now() + T;
  let last;
  while (Date.now() < deadline) {
    last = { badge: await problemsBadge(), ...(await statusCounts()) };
    if (last.badge === total && last.errors === want.errors && last.warnings === want.warnings && last.infos === want.infos) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(last, { badge: total, ...want }, 'problem counts (PROBLEMS tab badge, status bar)');
}

describe('VS Code in a browser, extension installed from the VSIX', () => {
  before(async () => {
    const ed = locateEditor();
    assert.ok(ed, 'the editor is not installed');
    server = await startCodeServer({ userDataDir, extensionsDir });
    browser = await launchChromium(ed);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.base, { folder: workspace }), { waitUntil: 'domcontentloaded' });
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  it('opens a sample report from the Explorer', () =>
    shot('open', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.getByRole('treeitem', { name: SEED }).click({ timeout: T });
      await editor().locator('.view-lines', { hasText: '薛城区卫健局2021年度政府信息公开工作报告' }).waitFor({ timeout: T });
    }));

  it(`the Problems panel lists its ${expected.length} findings, in Chinese`, () =>
    shot('problems', async () => {
      await editor().click();
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.getByText(rowTotal.message.zh).waitFor({ timeout: T });
      await panel.getByText(lookalike.message.zh).waitFor({ timeout: T });
      await waitCounts(countsOf(expected));
    }));

  it('hovering the wrong total (line 108) shows the computed value', () =>
    shot('hover', async () => {
      await editor().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type('108');
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover').filter({ hasText: '报告中为' }).first();
      await hover.waitFor({ timeout: T });
      const text = await hover.innerText();
      // The six applicant cells sum to 0; the report states 2.
      assert.match(text, /=\s*0(?!\d|\s*[+\-−×*/])/, `computed value 0 not shown as the result:\n${text}`);
      assert.match(text, /2/, text);
      assert.ok(text.includes(rowTotal.message.zh) || text.includes('总计'), text);
      await page.keyboard.press('Escape');
    }));

  it(`Ctrl+. and Enter applies "${lookalikeFix.title.zh}" and the count drops`, () =>
    shot('quickfix', async () => {
      await editor().click();
      await page.keyboard.press('Escape'); // close the problem peek of the hover step, if any
      // line 2 " —、总体情况": Home after End = the first non-blank character, the look-alike numeral
      await page.keyboard.press('Control+G');
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      await page.keyboard.press('End');
      await page.keyboard.press('Home');
      await page.keyboard.press('Control+.');
      const widget = page.locator('.action-widget');
      await widget.getByText(lookalikeFix.title.zh).waitFor({ timeout: T });
      const focused = widget.locator('.monaco-list-row.focused');
      assert.match(await focused.innerText(), new RegExp(lookalikeFix.title.zh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the preferred fix is the selected one');
      await page.keyboard.press('Enter');
      await editor().locator('.view-lines', { hasText: '一、总体情况' }).waitFor({ timeout: T });
      await page.locator('.markers-panel').getByText(lookalike.message.zh).waitFor({ state: 'detached', timeout: T });
      await waitCounts(countsOf(expected.filter((e) => e.rule !== 'section-numeral-lookalike')));
    }));

  it('the Outline view lists the six sections', () =>
    shot('outline', async () => {
      await page.keyboard.press('F1');
      await page.keyboard.type('Explorer: Focus on Outline View');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on Outline View' }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /outline/i }) });
      await pane.locator('.monaco-list-row').first().waitFor({ timeout: T });
      // Room for the whole list (it is virtualised): fold the folder view, collapse the outline to its top level.
      const folders = page.locator('.pane-header', { hasText: /^workspace/i }).first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      await pane.locator('.pane-header').hover();
      await pane.locator('.pane-header .action-label[aria-label*="Collapse All"]').click({ timeout: T });
      const keys = ['总体情况', '主动公开', '收到和处理', '行政复议', '存在的主要问题', '其他需要报告'];
      const top = pane.locator('.monaco-list-row[aria-level="1"]');
      await top.filter({ hasText: keys[5] }).waitFor({ timeout: T });
      const names = await top.allInnerTexts();
      assert.equal(names.length, 6, `top-level outline entries: ${JSON.stringify(names)}`);
      keys.forEach((k, i) => assert.ok(names[i].includes(k), `outline entry ${i + 1}: ${names[i]}`));
    }));
});
