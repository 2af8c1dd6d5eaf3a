// What the suites that drive VS Code's workbench (code-server in Debian's chromium, playwright-core) share: the
// browser UI tests (test/ui/workbench.test.mjs) and the web extension tests (test/web/workbench.test.mjs).
// Expected texts come from the checking core (compiled by tsc to out/server/src/core): what the extension must show.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { locateEditor } from '../../scripts/editor/install.mjs';
import { launchChromium, startCodeServer, workbenchUrl } from '../../scripts/editor/server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const results = path.join(root, 'test-results');

/**
 * A sample report as the tests see it: `expected`, its findings in test/fixtures/seeds/<seed>.expected.json;
 * `finding(rule)`, the core's finding of that rule on the copy in the workspace (asserted to exist).
 */
export function seedReport(workspace, seed) {
  const expected = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'seeds', path.basename(seed).replace('.txt', '.expected.json')), 'utf8'));
  const lint = core.lint(fs.readFileSync(path.join(workspace, seed), 'utf8'));
  const finding = (rule) => {
    const f = lint.findings.find((x) => x.ruleId === rule);
    assert.ok(f, `the core gives no ${rule} on ${seed}`);
    return f;
  };
  return { expected, finding };
}

/** Errors, warnings and infos among findings (as the status bar counts them). */
export function countsOf(findings) {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) c[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
  return c;
}

/**
 * One code-server, chromium and page for a suite (`launch` in its `before`, `close` in its `after`; `server()` and
 * `page()` once started), and the steps and waits on that workbench. `T`: the timeout of each wait; `prefix`: of the
 * screenshots of failed steps in test-results/ (`<prefix>-<step>.png`).
 */
export function workbench(T, prefix) {
  let server;
  let browser;
  let page_;
  const page = () => page_;

  /**
   * Starts code-server on the prepared folders, then chromium with one page, which goes to the workbench with the
   * workspace folder open. `beforeServer` runs before code-server starts; `onPage` sees the page before it loads.
   */
  async function launch({ userDataDir, extensionsDir, workspace }, { beforeServer, onPage } = {}) {
    const ed = locateEditor();
    assert.ok(ed, 'the editor is not installed');
    beforeServer?.();
    server = await startCodeServer({ userDataDir, extensionsDir });
    browser = await launchChromium(ed);
    page_ = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    onPage?.(page_);
    await page_.goto(workbenchUrl(server.base, { folder: workspace }), { waitUntil: 'domcontentloaded' });
  }
  /** Closes the browser and stops code-server, as far as they were started. */
  async function close() {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }

  /** Runs a step; on failure keeps a screenshot in test-results/ and rethrows. */
  async function shot(name, fn) {
    try {
      await fn();
    } catch (e) {
      fs.mkdirSync(results, { recursive: true });
      const file = path.join(results, `${prefix}-${name.replace(/[^\w-]+/g, '-')}.png`);
      await page()?.screenshot({ path: file }).catch(() => undefined);
      e.message += `\n(screenshot: ${file})`;
      throw e;
    }
  }

  const editor = () => page().locator('.editor-instance .monaco-editor').first();
  /** The number on the PROBLEMS tab of the panel (all errors, warnings and infos). */
  async function problemsBadge() {
    const tab = page().locator('.part.panel .composite-bar .action-item', { hasText: /problems/i }).first();
    return Number((await tab.locator('.badge-content').innerText({ timeout: 2000 }).catch(() => '0')).trim() || '0');
  }
  /** The status bar's problems entry, e.g. aria-label "Errors: 1, Warnings: 5, Infos: 2". */
  async function statusCounts() {
    const label = (await page().locator('[id="status.problems"]').getAttribute('aria-label', { timeout: 2000 }).catch(() => '')) ?? '';
    const n = (re) => Number(re.exec(label)?.[1] ?? 0);
    return { errors: n(/Errors?: (\d+)/i), warnings: n(/Warnings?: (\d+)/i), infos: n(/Infos?: (\d+)/i) };
  }
  /** Waits until the PROBLEMS badge and the status bar show these counts. */
  async function waitCounts(want) {
    const total = want.errors + want.warnings + want.infos;
    const deadline = Date.now() + T;
    let last;
    while (Date.now() < deadline) {
      last = { badge: await problemsBadge(), ...(await statusCounts()) };
      if (last.badge === total && last.errors === want.errors && last.warnings === want.warnings && last.infos === want.infos) return;
      await page().waitForTimeout(100);
    }
    assert.deepEqual(last, { badge: total, ...want }, 'problem counts (PROBLEMS tab badge, status bar)');
  }

  /** Waits for the workbench, clicks the file in the Explorer and waits until the editor shows `text`. */
  async function openFromExplorer(name, text) {
    await page().locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page().getByRole('treeitem', { name }).click({ timeout: T });
    await editor().locator('.view-lines', { hasText: text }).waitFor({ timeout: T });
  }

  /** Clicks into the editor, opens the Problems panel (Ctrl+Shift+M) and returns it. */
  async function showProblems() {
    await editor().click();
    await page().keyboard.press('Control+Shift+M');
    return page().locator('.markers-panel');
  }

  /** Shows the hover (Ctrl+K Ctrl+I) one character before the end of a line; waits for one with `hasText`, returns its text. */
  async function hoverBeforeLineEnd(line, hasText) {
    await editor().click();
    await page().keyboard.press('Control+G');
    await page().keyboard.type(String(line));
    await page().keyboard.press('Enter');
    await page().keyboard.press('End');
    await page().keyboard.press('ArrowLeft');
    await page().keyboard.press('Control+K');
    await page().keyboard.press('Control+I');
    const hover = page().locator('.monaco-hover').filter({ hasText }).first();
    await hover.waitFor({ timeout: T });
    return hover.innerText();
  }

  /**
   * The hover on the wrong total of the sample report (000_05e50274e597e28a.txt, line 108): it shows the computed
   * value as the result, and the stated one. Returns the hover's text.
   */
  async function hoverWrongTotal() {
    const text = await hoverBeforeLineEnd(108, '报告中为');
    // The six applicant cells sum to 0; the report states 2.
    assert.match(text, /=\s*0(?!\d|\s*[+\-−×*/])/, `computed value 0 not shown as the result:\n${text}`);
    assert.match(text, /2/, text);
    return text;
  }

  /**
   * Clicks the rule link (the diagnostic's code) in the hover of line `line` and waits for the rule's page in the
   * Markdown preview: returns the preview's tab label and the page's first heading, and the requests the page
   * made meanwhile to hosts other than code-server's (there must be none: the page is the extension's file).
   */
  async function openRuleLinkInHover(line, rule) {
    const local = new URL(server.base).host;
    const elsewhere = [];
    const onRequest = (r) => {
      const u = new URL(r.url());
      // `<authority>.vscode-resource.vscode-cdn.net` is how webviews name local resources: the webview's service
      // worker answers them from the workbench (here the Markdown preview's own scripts and styles in code-server)
      const webviewResource = u.hostname.endsWith('.vscode-resource.vscode-cdn.net');
      if (/^https?:$|^wss?:$/.test(u.protocol) && u.host !== local && !webviewResource) elsewhere.push(r.url());
    };
    page().on('request', onRequest);
    try {
      await hoverBeforeLineEnd(line, rule);
      await page().locator('.monaco-hover a.code-link', { hasText: rule }).first().click({ timeout: T });
      const tab = page().locator('.tabs-container .tab', { hasText: `${rule}.md` }).first();
      await tab.waitFor({ timeout: T });
      const heading = page().frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('h1').first();
      await heading.waitFor({ timeout: T });
      return { tab: await tab.innerText(), heading: await heading.innerText(), elsewhere };
    } finally {
      page().off('request', onRequest);
    }
  }

  /**
   * The step both workbench suites take: the rule link in the hover of `line` opens the rule's page shipped in
   * the extension, rendered, without requests to other hosts; the page's tab is closed again.
   */
  async function assertRuleLinkOpensPage(line, rule) {
    const { tab, heading, elsewhere } = await openRuleLinkInHover(line, rule);
    assert.ok(tab.includes(`${rule}.md`), `tab: ${tab}`);
    assert.equal(heading, rule);
    assert.deepEqual(elsewhere, [], 'requests to other hosts');
    await page().keyboard.press('Control+W');
  }

  /** Runs a command from the palette (F1): types `title`, waits for the row with `rowText`, presses Enter. */
  async function runCommand(title, rowText) {
    await page().keyboard.press('F1');
    await page().keyboard.type(title);
    await page().locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: T });
    await page().keyboard.press('Enter');
  }

  return {
    page,
    server: () => server,
    launch,
    close,
    shot,
    editor,
    problemsBadge,
    statusCounts,
    waitCounts,
    openFromExplorer,
    showProblems,
    hoverBeforeLineEnd,
    hoverWrongTotal,
    openRuleLinkInHover,
    assertRuleLinkOpensPage,
    runCommand,
  };
}
