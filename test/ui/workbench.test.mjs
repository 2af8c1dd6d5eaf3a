// UI tests in a real browser (Debian chromium via playwright-core) against VS Code (code-server 4.100.3) with the
// extension installed from its VSIX. Run by test/ui/run.mjs, which prepares the user data, extensions and
// workspace folders (GOVREPORT_UI_*). The steps build on each other (one page, one report), in order.
// Expected texts come from the checking core (compiled by tsc to out/server/src/core), i.e. what the
// extension must show, not what it happens to show.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countsOf, seedReport, workbench } from './workbench-lib.mjs';

const SEED = '000_05e50274e597e28a.txt';
const workspace = process.env.GOVREPORT_UI_WORKSPACE;
const userDataDir = process.env.GOVREPORT_UI_USER_DATA;
const extensionsDir = process.env.GOVREPORT_UI_EXTENSIONS;
if (!workspace || !userDataDir || !extensionsDir) throw new Error('run the UI tests through test/ui/run.mjs');

const { expected, finding } = seedReport(workspace, SEED);
const rowTotal = finding('table3-row-total');
const lookalike = finding('section-numeral-lookalike');
const lookalikeFix = lookalike.fixes.find((x) => x.preferred) ?? lookalike.fixes[0];

const T = 30_000;
const { page, launch, close, shot, editor, waitCounts, openFromExplorer, showProblems, hoverWrongTotal, assertRuleLinkOpensPage, runCommand } = workbench(T, 'ui');

describe('VS Code in a browser, extension installed from the VSIX', () => {
  before(() => launch({ userDataDir, extensionsDir, workspace }));
  after(() => close());

  it('opens a sample report from the Explorer', () =>
    shot('open', async () => {
      await openFromExplorer(SEED, '薛城区卫健局2021年度政府信息公开工作报告');
    }));

  it(`the Problems panel lists its ${expected.length} findings, in Chinese`, () =>
    shot('problems', async () => {
      const panel = await showProblems();
      await panel.getByText(rowTotal.message.zh).waitFor({ timeout: T });
      await panel.getByText(lookalike.message.zh).waitFor({ timeout: T });
      await waitCounts(countsOf(expected));
    }));

  it('hovering the wrong total (line 108) shows the computed value', () =>
    shot('hover', async () => {
      const text = await hoverWrongTotal();
      assert.ok(text.includes(rowTotal.message.zh) || text.includes('总计'), text);
      await page().keyboard.press('Escape');
    }));

  it(`Ctrl+. and Enter applies "${lookalikeFix.title.zh}" and the count drops`, () =>
    shot('quickfix', async () => {
      await editor().click();
      await page().keyboard.press('Escape'); // close the problem peek of the hover step, if any
      // line 2 " —、总体情况": Home after End = the first non-blank character, the look-alike numeral
      await page().keyboard.press('Control+G');
      await page().keyboard.type('2');
      await page().keyboard.press('Enter');
      await page().keyboard.press('End');
      await page().keyboard.press('Home');
      await page().keyboard.press('Control+.');
      const widget = page().locator('.action-widget');
      await widget.getByText(lookalikeFix.title.zh).waitFor({ timeout: T });
      const focused = widget.locator('.monaco-list-row.focused');
      assert.match(await focused.innerText(), new RegExp(lookalikeFix.title.zh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the preferred fix is the selected one');
      await page().keyboard.press('Enter');
      await editor().locator('.view-lines', { hasText: '一、总体情况' }).waitFor({ timeout: T });
      await page().locator('.markers-panel').getByText(lookalike.message.zh).waitFor({ state: 'detached', timeout: T });
      await waitCounts(countsOf(expected.filter((e) => e.rule !== 'section-numeral-lookalike')));
    }));

  it('the Outline view lists the six sections', () =>
    shot('outline', async () => {
      await runCommand('Explorer: Focus on Outline View', 'Focus on Outline View');
      const pane = page().locator('.pane', { has: page().locator('.pane-header', { hasText: /outline/i }) });
      await pane.locator('.monaco-list-row').first().waitFor({ timeout: T });
      // Room for the whole list (it is virtualised): fold the folder view, collapse the outline to its top level.
      const folders = page().locator('.pane-header', { hasText: /^workspace/i }).first();
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

  it('the rule link in the hover opens the rule page shipped in the VSIX, rendered, without the network', () =>
    shot('rule-page', () => assertRuleLinkOpensPage(108, 'table3-row-total')));
});
