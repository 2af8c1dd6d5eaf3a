#!/usr/bin/env node
// The real-editor suite: the mocha tests in test/vscode/suite run inside a real VS Code (code-server 4.100.3 =
// VS Code 1.100.3, Node extension host) through @vscode/test-electron's runTests() and scripts/editor/code-shim.mjs.
// 1. installs the editor on first use (scripts/editor/install.mjs), 2. builds the extension and compiles the
// tests (skipped under `npm test`, whose pretest did both), 3. copies the sample reports into a fresh workspace,
// 4. runs the tests. Exits non-zero with a clear message on any failure; it never skips.
// Environment: GOVREPORT_TEST_GREP=<regexp> runs only matching tests; GOVREPORT_EDITOR_TIMEOUT_S (default 600).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { ensureEditor, EditorInstallError } from '../../scripts/editor/install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const say = (m) => console.log(`[vscode-tests ${secs()} s] ${m}`);
const die = (m) => {
  console.error(`[vscode-tests] FAILED: ${m}`);
  process.exit(1);
};

// 1. the editor
try {
  const ed = ensureEditor();
  say(`editor: code-server ${ed.marker.codeServer} (VS Code ${ed.vscodeVersion}), browser ${ed.chromium}`);
} catch (e) {
  die(`the test editor cannot be installed, so the real-editor tests cannot run:\n${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
}

// 2. build + compile (npm test's pretest already ran `npm run build && npm run compile-tests`)
const step = (what, cmd, args) => {
  const s = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal})`);
  say(`${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
};
if (process.env.npm_lifecycle_event !== 'test') {
  step('build (node scripts/build.mjs)', process.execPath, ['scripts/build.mjs']);
  step('compile tests (tsc -p .)', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
}
for (const f of ['client/out/extension.js', 'server/out/server.js']) {
  if (!fs.existsSync(path.join(root, f))) die(`${f} is missing: the extension is not built (node scripts/build.mjs)`);
}
const testsIndex = path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
if (!fs.existsSync(testsIndex)) die(`${path.relative(root, testsIndex)} is missing: the tests are not compiled (npx tsc -p .)`);

// 3. a fresh workspace with the sample reports
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-vscode-'));
const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
const seeds = path.join(root, 'test', 'fixtures', 'seeds');
const samples = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'));
if (samples.length === 0) die(`no sample reports in ${seeds}`);
for (const f of samples) fs.copyFileSync(path.join(seeds, f), path.join(workspace, f));
// The editor's display language is English; the users' language (and the default message language) is Chinese.
fs.mkdirSync(path.join(workspace, '.vscode'));
fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'govreport.language': 'zh' }, null, 2) + '\n');
say(`workspace ${workspace} with ${samples.length} sample reports`);

// 4. run
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: path.join(root, 'scripts', 'editor', 'code-shim.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: testsIndex,
    launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
    extensionTestsEnv: {
      GOVREPORT_TEST_WORKSPACE: workspace,
      GOVREPORT_TEST_SEEDS: seeds,
      ...(process.env.GOVREPORT_TEST_GREP ? { GOVREPORT_TEST_GREP: process.env.GOVREPORT_TEST_GREP } : {}),
    },
  });
} catch (e) {
  code = 1;
  console.error(`[vscode-tests] FAILED: ${e?.message || e} — see the mocha output above; VS Code's logs are in test-results/vscode-logs when it reported a failure.`);
}
if (code === 0) fs.rmSync(tmp, { recursive: true, force: true });
else console.error(`[vscode-tests] workspace and user data kept in ${tmp}`);
say(code === 0 ? 'passed' : 'FAILED');
process.exit(code);
