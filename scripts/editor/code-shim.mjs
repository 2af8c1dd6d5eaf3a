#!/usr/bin/env node
// A stand-in for the VS Code executable, for @vscode/test-electron's runTests({ vscodeExecutablePath: <this file> }).
// VS Code desktop cannot be downloaded on these machines, so this starts the cached code-server (real VS Code
// 1.100.3, see install.mjs) on 127.0.0.1, opens its workbench in headless Debian chromium through playwright-core
// with the extension development / tests paths as vscode-remote:// URIs (so the tests run in the Node extension
// host, where a language server can be spawned), relays the test output and exits with the tests' result:
// 0 when the tests module's run() resolved, 1 when it rejected, crashed or timed out.
//
// Arguments read (all others, e.g. Electron-only flags from runTests, are ignored):
//   <folder>  --extensionDevelopmentPath=<p> (repeatable)  --extensionTestsPath=<p>  --user-data-dir=<d>  --extensions-dir=<d>
// Environment: GOVREPORT_EDITOR_TIMEOUT_S (overall limit, default 600), GOVREPORT_SHIM_DEBUG=1 (also relay page console),
// everything else is passed on to code-server and so to the extension host (runTests' extensionTestsEnv).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEditor, EditorInstallError, ROOT } from './install.mjs';
import { launchChromium, startCodeServer, tailOf, workbenchUrl, writeUserSettings } from './server.mjs';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[shim ${elapsed()}] ${msg}`);
const debug = !!process.env.GOVREPORT_SHIM_DEBUG;

function parseArgs(argv) {
  const o = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (name) => {
      if (a === name) return argv[++i];
      if (a.startsWith(name + '=')) return a.slice(name.length + 1);
      return undefined;
    };
    let v;
    if ((v = val('--extensionDevelopmentPath')) !== undefined) o.devPaths.push(path.resolve(v));
    else if ((v = val('--extensionTestsPath')) !== undefined) o.testsPath = path.resolve(v);
    else if ((v = val('--user-data-dir')) !== undefined) o.userDataDir = path.resolve(v);
    else if ((v = val('--extensions-dir')) !== undefined) o.extensionsDir = path.resolve(v);
    else if (!a.startsWith('-')) o.folder = path.resolve(a);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const timeoutS = Number(process.env.GOVREPORT_EDITOR_TIMEOUT_S || 600);
let server;
let browser;
let finishing = false;

async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  if (why) say(why);
  try {
    await browser?.close();
  } catch {}
  try {
    await server?.stop();
  } catch {}
  if (code !== 0 && server?.logFile) {
    console.log(`[shim] --- last lines of the code-server log (${server.logFile}) ---\n${tailOf(server.logFile, 30)}\n[shim] --- end ---`);
  }
  say(`exit ${code}`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => finish(130, `received ${sig}, stopping`));

async function main() {
  if (!opts.testsPath) throw new Error('no --extensionTestsPath=<path> given: this shim only runs extension tests');
  if (!fs.existsSync(opts.testsPath)) throw new Error(`--extensionTestsPath does not exist: ${opts.testsPath}`);
  if (opts.folder && !fs.existsSync(opts.folder)) throw new Error(`workspace folder does not exist: ${opts.folder}`);
  const editor = ensureEditor();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-shim-'));
  const userDataDir = opts.userDataDir ?? path.join(tmp, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(tmp, 'extensions');
  writeUserSettings(userDataDir);

  const timer = setTimeout(() => {
    void timeoutFailure();
  }, timeoutS * 1000);
  timer.unref();

  server = await startCodeServer({ userDataDir, extensionsDir, env: process.env });
  say(`code-server ${editor.marker.codeServer} (VS Code ${editor.vscodeVersion}) ready on ${server.base}`);
  server.exitPromise.then((e) => finish(1, `code-server exited unexpectedly (${JSON.stringify(e)})`));

  browser = await launchChromium(editor);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let exitCode;
  await page.exposeFunction('codeAutomationExit', async (code, logs) => {
    exitCode = Number(code) || 0;
    if (exitCode !== 0 && Array.isArray(logs)) saveLogs(logs);
    await finish(exitCode, `tests finished, run() ${exitCode === 0 ? 'resolved' : 'rejected'}`);
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The workbench's log, which includes the extension host's console (the tests' reporter); drop known noise.
    const text = Array.isArray(args) ? args.join(' ') : String(args ?? '');
    if (debug || !NOISE.some((re) => re.test(text))) relay(type, text);
  });
  page.on('pageerror', (e) => debug && console.log(`[page error] ${e.message}`));
  page.on('console', (m) => debug && console.log(`[page ${m.type()}] ${m.text()}`));
  browser.on('disconnected', () => finish(exitCode ?? 1, 'the browser disconnected'));

  const url = workbenchUrl(server.base, { folder: opts.folder, extensionDevelopmentPaths: opts.devPaths, extensionTestsPath: opts.testsPath });
  say(`opening the workbench ${debug ? url : server.base}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  say('workbench loaded, extension tests running');

  async function timeoutFailure() {
    try {
      const dir = path.join(ROOT, 'test-results');
      fs.mkdirSync(dir, { recursive: true });
      const shot = path.join(dir, `vscode-timeout-${Date.now()}.png`);
      await page.screenshot({ path: shot, timeout: 5000 });
      say(`screenshot: ${shot}`);
    } catch {}
    await finish(1, `TIMEOUT: the tests did not finish within ${timeoutS} s (GOVREPORT_EDITOR_TIMEOUT_S)`);
  }
}

/** Workbench log lines that say nothing about the tests (offline gallery, connection setup, built-in caches). */
const NOISE = [
  /open-vsx\.org/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /File not found: .*vsda/,
  /^Extensions? (are )?(being )?(auto-)?updat/i,
];

function relay(type, text) {
  (type === 'error' ? console.error : console.log)(type === 'error' || type === 'warn' ? `[${type}] ${text}` : text);
}

function saveLogs(logs) {
  try {
    const dir = path.join(ROOT, 'test-results', 'vscode-logs');
    for (const { relativePath, contents } of logs) {
      const file = path.join(dir, relativePath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, contents);
    }
    console.log(`[shim] VS Code logs saved in ${dir}`);
  } catch {}
}

main().catch((e) => finish(1, `ERROR: ${e instanceof EditorInstallError ? e.message : e?.stack || e}`));
