// The table preview in a real browser (Debian chromium via playwright-core) against VS Code (code-server 4.100.3)
// with the extension installed from its VSIX (prepared by test/ui/run.mjs, GOVREPORT_UI_*). One page, one report,
// steps in order: open sample 000, open the preview from the editor title, the wrong total of table 3 in red with
// the computed value, its tooltip, clicking it selects its text in the editor (line 108), the editor's cursor
// highlights cells in the preview, typing the fix turns the cell normal, and the preview keeps its data when hidden.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, seedReport, workbench } from './workbench-lib.mjs';
import { R1_TOTAL, assertWrongTotal, openPreviewFromTitle, previewFrame } from './preview-lib.mjs';

const SEED = '000_05e50274e597e28a.txt';
const OTHER = '002_1e18ee42ea4018a5.txt';
const workspace = process.env.GOVREPORT_UI_WORKSPACE;
const userDataDir = process.env.GOVREPORT_UI_USER_DATA;
const extensionsDir = process.env.GOVREPORT_UI_EXTENSIONS;
if (!workspace || !userDataDir || !extensionsDir) throw new Error('run the UI tests through test/ui/run.mjs');

// the core must see the wrong total this suite looks for
seedReport(workspace, SEED).finding('table3-row-total');

const T = 30_000;
const { page, server, launch, close, shot, editor, openFromExplorer, runCommand } = workbench(T, 'ui-preview');
const frame = () => previewFrame(page());
const cell = (id) => frame().locator(`td[data-id="${id}"]`);
const hasClass = async (id, cls) => new RegExp(`\\b${cls}\\b`).test((await cell(id).getAttribute('class')) ?? '');
/** The editor's "Ln x, Col y" in the status bar. */
const cursorLine = async () => Number(/Ln (\d+)/.exec(await page().locator('[id="status.editor.selection"]').innerText({ timeout: T }))?.[1]);

async function waitFor(what, fn, timeout = T) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn().catch((e) => e);
    if (last === true) return;
    await page().waitForTimeout(50);
  }
  assert.fail(`${what} (last: ${last})`);
}

async function goToLine(line, key = 'End') {
  await editor().click();
  await page().keyboard.press('Control+G');
  await page().keyboard.type(String(line));
  await page().keyboard.press('Enter');
  await page().keyboard.press(key);
}

describe('the table preview beside a report (VS Code in a browser, extension from the VSIX)', () => {
  /** What the page (and its frames, the webview's among them) asked for, and what it said about its policy. */
  const requests = [];
  const policy = [];
  before(() =>
    launch(
      { userDataDir, extensionsDir, workspace },
      {
        onPage: (p) => {
          p.on('request', (r) => requests.push(r.url()));
          p.on('console', (m) => {
            if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(m.text())) policy.push(m.text());
          });
        },
      },
    ));
  after(() => close());

  it('opens sample 000 and its preview from the editor title button', () =>
    shot('open', async () => {
      await openFromExplorer(SEED, '薛城区卫健局2021年度政府信息公开工作报告');
      await openPreviewFromTitle(page(), T);
      // the six parts, 一 marked as misnumbered (look-alike dash), the others present
      const marks = await frame().locator('li.section').evaluateAll((els) => els.map((e) => e.className.replace('section ', '')));
      assert.deepEqual(marks, ['misnumbered', 'present', 'present', 'present', 'present', 'present']);
      assert.equal(await frame().locator('section.table table.grid').count(), 6, 'four sub-tables of table 2, table 3, table 4');
    }));

  it('the table-3 total of （一）予以公开 is red with the computed 0 beside it; blank cells are marked', () =>
    shot('wrong-total', async () => {
      await assertWrongTotal(frame(), T);
      assert.equal(await frame().locator('tr[data-key="total"] td.cell.blank').count(), 7, '（七）总计 has 7 blank cells');
    }));

  it('hovering the cell shows its row, column and formula', () =>
    shot('tooltip', async () => {
      await cell(R1_TOTAL).hover();
      const tip = frame().locator('#tip');
      await tip.waitFor({ state: 'visible', timeout: T });
      const text = await tip.innerText();
      assert.match(text, /行：（一）予以公开/);
      assert.match(text, /列：总计/);
      assert.match(text, /总计 = 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 = 0；报告中为 2/);
    }));

  it("clicking the cell moves the editor's cursor to line 108 and selects the 2; the total's cells are highlighted", () =>
    shot('click', async () => {
      await cell(R1_TOTAL).click();
      await waitFor('the cursor on line 108', async () => (await cursorLine()) === 108);
      assert.match(await page().locator('[id="status.editor.selection"]').innerText(), /\(1 selected\)/);
      await waitFor('the cell is the current one', () => hasClass(R1_TOTAL, 'current'));
      for (let c = 0; c < 6; c++) assert.ok(await hasClass(`0:T3:r1:${c}`, 'operand'), `applicant cell ${c} highlighted`);
    }));

  it('moving the cursor in the editor highlights its cell in the preview', () =>
    shot('cursor', async () => {
      // line 105 is the fourth applicant cell (社会公益组织) of （一）予以公开
      await goToLine(105);
      await waitFor('cell 0:T3:r1:3 is current', () => hasClass('0:T3:r1:3', 'current'));
      assert.equal(await hasClass(R1_TOTAL, 'current'), false);
      assert.equal(await frame().locator('td.operand').count(), 0, 'an applicant cell is no total: nothing to highlight');
    }));

  it('typing the fix (其他 0 → 2 on line 107) turns the cell normal after the debounce', () =>
    shot('fix', async () => {
      await goToLine(107);
      const t0 = Date.now();
      await page().keyboard.press('Backspace');
      await page().keyboard.type('2');
      await waitFor('the total is no longer wrong', async () => !(await hasClass(R1_TOTAL, 'wrong')));
      const ms = Date.now() - t0;
      assert.equal(await cell(R1_TOTAL).locator('.computed').count(), 0);
      assert.equal((await cell('0:T3:r1:5').innerText()).trim(), '2');
      console.log(`# preview updated ${ms} ms after the keystrokes (govreport.debounceMs = 200)`);
    }));

  it('the preview loaded nothing from outside the editor and broke no rule of its Content-Security-Policy', () =>
    shot('offline', async () => {
      const base = new URL(server().base);
      const outside = requests.filter((u) => {
        const url = new URL(u);
        return !['data:', 'blob:'].includes(url.protocol) && url.host !== base.host && !url.host.endsWith('.vscode-cdn.net');
      });
      assert.deepEqual(outside.filter((u) => /webview|preview/i.test(u)), [], 'requests of the preview to other hosts');
      assert.ok(requests.some((u) => u.includes('client/out/webview/preview.js')), 'the preview script came from the extension');
      assert.deepEqual(policy, [], 'Content-Security-Policy violations');
    }));

  it('the preview keeps its data when hidden and shown again (webview state)', () =>
    shot('hidden', async () => {
      // open another report in the preview's group: the preview's tab is hidden (its page is dropped)
      await page().keyboard.press('Control+2');
      await page().getByRole('treeitem', { name: OTHER }).click({ timeout: T });
      await page().locator('.tab', { hasText: OTHER }).first().waitFor({ timeout: T });
      // the hidden preview keeps no page (no retainContextWhenHidden): what it shows next comes from its state
      await page().locator('iframe.webview').first().waitFor({ state: 'detached', timeout: T });
      // back to the preview tab
      const tab = page().locator('.tab', { hasText: /Preview 000_/ }).first();
      await tab.click({ timeout: T });
      await cell(R1_TOTAL).waitFor({ timeout: T });
      assert.equal(await hasClass(R1_TOTAL, 'wrong'), false, 'the fixed state, not the first one');
      assert.equal((await cell('0:T3:r1:5').innerText()).trim(), '2');
    }));

  it('a reloaded window reopens the preview (its serializer), drawn again', () =>
    shot('reload', async () => {
      await page().reload({ waitUntil: 'domcontentloaded' });
      await page().locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page().locator('.tab', { hasText: /Preview 000_/ }).first().click({ timeout: T });
      await cell(R1_TOTAL).waitFor({ timeout: T });
      assert.equal((await cell('0:T3:r1:5').innerText()).trim(), '2', 'the edited (auto-saved) report');
      assert.equal(await hasClass(R1_TOTAL, 'wrong'), false);
    }));

  it('puts the report back and closes the editors (the next suite starts with the same user data and workspace)', () =>
    shot('cleanup', async () => {
      // the web workbench saves edits by itself (files.autoSave defaults to afterDelay there): restore the file
      await page().waitForTimeout(1500);
      fs.copyFileSync(path.join(root, 'test', 'fixtures', 'seeds', SEED), path.join(workspace, SEED));
      await page().locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: T });
      await runCommand('View: Close All Editors', 'Close All Editors');
      await page().locator('.tab').first().waitFor({ state: 'detached', timeout: T });
      assert.ok(fs.readFileSync(path.join(workspace, SEED)).equals(fs.readFileSync(path.join(root, 'test', 'fixtures', 'seeds', SEED))));
    }));
});
