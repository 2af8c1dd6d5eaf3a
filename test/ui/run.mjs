#!/usr/bin/env node
// Browser UI tests: what a user sees and does in VS Code with the extension installed from its VSIX.
// 1. installs the editor on first use (scripts/editor/install.mjs); 2. builds + compiles (skipped under
// `npm test`, whose pretest did both); 3. `npm start --smoke` (scripts/start.mjs: build, package, install,
// serve, /healthz); 4. packages the VSIX (scripts/package.mjs) and installs it into a fresh --extensions-dir;
// 5. runs test/ui/*.test.mjs with node:test; they start code-server on 127.0.0.1 and drive Debian's chromium
// with playwright-core. Screenshots of failures go to test-results/. Exits non-zero with a clear message.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEditor, EditorInstallError } from '../../scripts/editor/install.mjs';
import { installVsix, writeUserSettings } from '../../scripts/editor/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const t0 = Date.now();
const say = (m) => console.log(`[ui-tests ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
const die = (m) => {
  console.error(`[ui-tests] FAILED: ${m}`);
  process.exit(1);
};
const step = (what, args, env) => {
  const s = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal})`);
  say(`${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
};

let editor;
try {
  editor = ensureEditor();
  say(`editor: code-server ${editor.marker.codeServer} (VS Code ${editor.vscodeVersion}), browser ${editor.chromium}`);
} catch (e) {
  die(`the test editor cannot be installed, so the UI tests cannot run:\n${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
}

if (process.env.npm_lifecycle_event !== 'test') {
  step('build (node scripts/build.mjs)', ['scripts/build.mjs']);
  step('compile (tsc -p .)', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
}
if (!fs.existsSync(path.join(root, 'out', 'server', 'src', 'core', 'index.js'))) die('out/server/src/core/index.js is missing: run `npx tsc -p .`');

step('npm start --smoke', ['scripts/start.mjs', '--smoke']);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ui-'));
const vsix = path.join(tmp, 'govreport-lint.vsix');
step('package the VSIX (scripts/package.mjs)', ['scripts/package.mjs', '--out', vsix]);
const userDataDir = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');
// Chinese messages, as the users (Chinese officials) see them; the editor's own display language is English.
writeUserSettings(userDataDir, { 'govreport.language': 'zh', 'workbench.editor.enablePreview': false });
try {
  say(installVsix(editor, { userDataDir, extensionsDir, vsix }));
} catch (e) {
  die(e.message);
}

const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
const seeds = path.join(root, 'test', 'fixtures', 'seeds');
for (const f of fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'))) fs.copyFileSync(path.join(seeds, f), path.join(workspace, f));

const tests = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
if (tests.length === 0) die(`no *.test.mjs in ${here}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, GOVREPORT_UI_USER_DATA: userDataDir, GOVREPORT_UI_EXTENSIONS: extensionsDir, GOVREPORT_UI_WORKSPACE: workspace },
});
if (r.status === 0) {
  fs.rmSync(tmp, { recursive: true, force: true });
  say('passed');
  process.exit(0);
}
console.error(`[ui-tests] FAILED (exit ${r.status ?? r.signal}); screenshots in ${path.join(root, 'test-results')}; user data and workspace kept in ${tmp}`);
process.exit(1);
