// The web extension in VS Code's web worker extension host (code-server's web workbench in Debian's chromium),
// installed from the VSIX. Run by test/web/run.mjs, which prepares the user data (with `remote.extensionKind`
// set to "web" for the extension), the extensions and the workspace (GOVREPORT_WEB_*). The steps build on each
// other (one page, one report), in order. Expected texts come from the checking core (compiled by tsc to
// out/server/src/core): what the extension must show.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { countsOf, root, seedReport, workbench } from '../ui/workbench-lib.mjs';
import { assertWrongTotal, openPreviewFromTitle } from '../ui/preview-lib.mjs';

const workspace = process.env.GOVREPORT_WEB_WORKSPACE;
const userDataDir = process.env.GOVREPORT_WEB_USER_DATA;
const extensionsDir = process.env.GOVREPORT_WEB_EXTENSIONS;
const SEED = process.env.GOVREPORT_WEB_SEED;
const CLOSED = process.env.GOVREPORT_WEB_CLOSED;
const extensionId = process.env.GOVREPORT_WEB_EXTENSION_ID;
if (!workspace || !userDataDir || !extensionsDir || !SEED || !CLOSED || !extensionId) throw new Error('run the web tests through test/web/run.mjs');

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const displayName = manifest.displayName;
const { expected, finding } = seedReport(workspace, SEED);
const rowTotal = finding('table3-row-total');
const lookalike = finding('section-numeral-lookalike');
// The message a user sees for the look-alike numeral (stated literally, and it must be the core's).
const LOOKALIKE_ZH = '标题序号“—”（U+2014）不是汉字“一”。';
assert.equal(lookalike.message.zh, LOOKALIKE_ZH);

const T = 30_000;
const { page, server, launch, close, shot, waitCounts, openFromExplorer, showProblems, hoverWrongTotal, assertRuleLinkOpensPage, runCommand } = workbench(T, 'web');

// ------------------------------------------------------------------ watching for a Node language server

/** Command lines of this machine's processes (Linux /proc). */
function processes() {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      out.push({ pid: Number(pid), cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
/** The desktop language server as the Node extension host would start it from the installed extension. */
const nodeServerScript = path.join(extensionsDir, `${extensionId}-${manifest.version}`, 'server', 'out', 'server.js');
const nodeServers = [];
let scans = 0;
let watcher;
function scan() {
  scans++;
  for (const p of processes()) if (p.cmd.includes(nodeServerScript) && !nodeServers.some((x) => x.pid === p.pid)) nodeServers.push(p);
}

/** URLs the page (and its workers) requested that name a file of the installed extension. */
const extensionRequests = [];

describe('VS Code for the web: the extension in the web worker extension host', () => {
  before(() =>
    launch(
      { userDataDir, extensionsDir, workspace },
      {
        beforeServer: () => {
          scan();
          watcher = setInterval(scan, 100);
        },
        onPage: (p) =>
          p.on('request', (r) => {
            // files of remote extensions come through `…/vscode-remote-resource?path=<absolute path>&tkn=…`
            const file = new URL(r.url()).searchParams.get('path');
            const dir = path.join(extensionsDir, `${extensionId}-${manifest.version}`) + path.sep;
            if (file?.startsWith(dir)) extensionRequests.push(file.slice(dir.length).split(path.sep).join('/'));
          }),
      },
    ));
  after(async () => {
    clearInterval(watcher);
    await close();
  });

  it('opens the sample report from the Explorer', () =>
    shot('open', async () => {
      await openFromExplorer(SEED, '薛城区卫健局2021年度政府信息公开工作报告');
    }));

  it(`the Problems panel lists its ${expected.length} findings, in Chinese`, () =>
    shot('problems', async () => {
      assert.equal(expected.length, 8);
      const panel = await showProblems();
      await panel.getByText(LOOKALIKE_ZH).waitFor({ timeout: T });
      await panel.getByText(rowTotal.message.zh).waitFor({ timeout: T });
      await waitCounts(countsOf(expected));
    }));

  it('hovering the wrong total (line 108) shows the computed value', () =>
    shot('hover', async () => {
      await hoverWrongTotal();
      await page().keyboard.press('Escape');
    }));

  it('the rule link in the hover opens the rule page shipped in the VSIX, rendered, without the network', () =>
    shot('rule-page', () => assertRuleLinkOpensPage(108, 'table3-row-total')));

  it('the table preview (from the editor title) shows the wrong table-3 total in red with the computed 0', () =>
    shot('preview', async () => {
      const frame = await openPreviewFromTitle(page(), T);
      await assertWrongTotal(frame, T);
      // back to the report's group for the next steps
      await page().keyboard.press('Control+1');
    }));

  it('"Check All Reports in Workspace" lists the findings of a closed report (the client serves the files)', () =>
    shot('check-workspace', async () => {
      const closed = seedReport(workspace, CLOSED);
      assert.equal(closed.expected.length, 7);
      await runCommand('Check All Reports in Workspace', 'Check All Reports in Workspace');
      // the badge and the status bar count every file's problems: the open report's 8 and the closed one's 7
      await waitCounts(countsOf([...expected, ...closed.expected]));
    }));

  it('Running Extensions shows the extension in the web worker host (and the built-in Git in the remote Node host)', () =>
    shot('running-extensions', async () => {
      await runCommand('Developer: Show Running Extensions', 'Show Running Extensions');
      const rows = page().locator('.runtime-extensions-editor .monaco-list-row');
      const ours = rows.filter({ hasText: displayName });
      await ours.first().waitFor({ timeout: T });
      const text = await ours.first().innerText();
      assert.match(text, /web worker/i, `the extension's row does not say "web worker":\n${text}`);
      // the same view labels an extension of the remote (Node) extension host with the host's address
      const remote = new URL(server().base).host;
      assert.ok(!text.includes(remote), text);
      const all = await rows.allInnerTexts();
      const gitText = all.find((t) => t.startsWith('Git\n'));
      assert.ok(gitText && gitText.includes(remote) && !/web worker/i.test(gitText), `the built-in Git extension's row:\n${JSON.stringify(all)}`);
    }));

  it('the browser bundle was loaded, and no Node extension host or language server ran the extension', () =>
    shot('no-node', async () => {
      scan();
      // the watcher works: it sees code-server's own process, whose command line names the extensions folder
      assert.ok(scans > 10, `only ${scans} process scans`);
      assert.ok(
        processes().some((p) => p.pid === server().child.pid && p.cmd.includes(extensionsDir)),
        'the process scan does not see code-server (the check below would prove nothing)',
      );
      assert.deepEqual(nodeServers, [], `a Node language server was started from ${nodeServerScript}`);
      // the workbench fetched the browser entry of the installed extension, never the desktop one
      assert.ok(extensionRequests.includes('client/out/browser/extension.js'), `requests: ${JSON.stringify(extensionRequests)}`);
      assert.ok(!extensionRequests.includes('client/out/extension.js'), `requests: ${JSON.stringify(extensionRequests)}`);
      // the remote (Node) extension host ran, activated other extensions, and never this one
      const logs = [];
      const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name === 'remoteexthost.log') logs.push(p);
        }
      };
      walk(path.join(userDataDir, 'logs'));
      assert.ok(logs.length > 0, `no remoteexthost.log under ${userDataDir}/logs`);
      const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      assert.match(text, /_doActivateExtension vscode\./, 'the Node extension host log shows no activations at all');
      assert.doesNotMatch(text, new RegExp(`_doActivateExtension ${extensionId.replace('.', '\\.')}\\b`, 'i'));
    }));
});
