#!/usr/bin/env node
// The web extension in a real browser, with no Node extension host involved in running it: code-server 4.100.3
// (VS Code 1.100.3) serves the web workbench, the packaged VSIX is installed, and the user setting
// `remote.extensionKind: { "govreport.govreport-lint": ["web"] }` makes the workbench run the extension in its
// web worker extension host (the manifest's `browser` entry, client/out/browser/extension.js), which starts the
// language server server/out/browser/server.js in a web worker of its own. Debian's chromium (playwright-core)
// drives the workbench like a user; test/web/*.test.mjs assert what the Problems panel and a hover show, and that
// the web worker host ran it (Running Extensions says "web worker", the Node extension host's log never
// activated the extension, no Node language server process was ever started).
// 1. installs the editor on first use; 2. builds + compiles (skipped under `npm test`, whose pretest did both);
// 3. packages the VSIX (scripts/package.mjs) and installs it into a fresh --extensions-dir; 4. runs the tests.
// Exits non-zero with a clear message; it never skips. Screenshots of failures go to test-results/.
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
const say = (m) => console.log(`[web-tests ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
const die = (m) => {
  console.error(`[web-tests] FAILED: ${m}`);
  process.exit(1);
};
const step = (what, args) => {
  const s = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal})`);
  say(`${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
};

let editor;
try {
  editor = ensureEditor();
  say(`editor: code-server ${editor.marker.codeServer} (VS Code ${editor.vscodeVersion}), browser ${editor.chromium}`);
} catch (e) {
  die(`the test editor cannot be installed, so the web extension tests cannot run:\n${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
}

if (process.env.npm_lifecycle_event !== 'test') {
  step('build (node scripts/build.mjs)', ['scripts/build.mjs']);
  step('compile (tsc -p .)', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
}
for (const f of ['client/out/browser/extension.js', 'server/out/browser/server.js', 'out/server/src/core/index.js']) {
  if (!fs.existsSync(path.join(root, f))) die(`${f} is missing: run \`node scripts/build.mjs && npx tsc -p .\``);
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (manifest.browser !== './client/out/browser/extension.js') die(`package.json has no "browser" entry (${manifest.browser})`);
const extensionId = `${manifest.publisher}.${manifest.name}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-web-'));
const vsix = path.join(tmp, 'govreport-lint.vsix');
step('package the VSIX (scripts/package.mjs)', ['scripts/package.mjs', '--out', vsix]);
const userDataDir = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');
writeUserSettings(userDataDir, {
  // Chinese messages, as the users see them; the editor's own display language is English.
  'govreport.language': 'zh',
  'workbench.editor.enablePreview': false,
  // The extension has both entries; this makes the workbench pick `browser` and the web worker extension host.
  'remote.extensionKind': { [extensionId]: ['web'] },
});
try {
  say(installVsix(editor, { userDataDir, extensionsDir, vsix }));
} catch (e) {
  die(e.message);
}

const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
const SEED = '000_05e50274e597e28a.txt';
fs.copyFileSync(path.join(root, 'test', 'fixtures', 'seeds', SEED), path.join(workspace, SEED));

const tests = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
if (tests.length === 0) die(`no *.test.mjs in ${here}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    GOVREPORT_WEB_USER_DATA: userDataDir,
    GOVREPORT_WEB_EXTENSIONS: extensionsDir,
    GOVREPORT_WEB_WORKSPACE: workspace,
    GOVREPORT_WEB_SEED: SEED,
    GOVREPORT_WEB_EXTENSION_ID: extensionId,
  },
});
if (r.status === 0) {
  fs.rmSync(tmp, { recursive: true, force: true });
  say('passed');
  process.exit(0);
}
console.error(`[web-tests] FAILED (exit ${r.status ?? r.signal}); screenshots in ${path.join(root, 'test-results')}; user data, logs and workspace kept in ${tmp}`);
process.exit(1);
