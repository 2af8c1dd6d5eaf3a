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
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteRunner } from '../ui/run-lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { root, die, editor, build, install, runTests } = suiteRunner({ here, label: 'web-tests', suite: 'the web extension tests' });

const ed = editor();
build();
for (const f of ['client/out/browser/extension.js', 'server/out/browser/server.js', 'out/server/src/core/index.js']) {
  if (!fs.existsSync(path.join(root, f))) die(`${f} is missing: run \`node scripts/build.mjs && npx tsc -p .\``);
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (manifest.browser !== './client/out/browser/extension.js') die(`package.json has no "browser" entry (${manifest.browser})`);
const extensionId = `${manifest.publisher}.${manifest.name}`;

const { tmp, userDataDir, extensionsDir } = install(ed, 'web', {
  // Chinese messages, as the users see them; the editor's own display language is English.
  'govreport.language': 'zh',
  'workbench.editor.enablePreview': false,
  // The extension has both entries; this makes the workbench pick `browser` and the web worker extension host.
  'remote.extensionKind': { [extensionId]: ['web'] },
});

const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
const SEED = '000_05e50274e597e28a.txt';
fs.copyFileSync(path.join(root, 'test', 'fixtures', 'seeds', SEED), path.join(workspace, SEED));
// a second report that stays closed: only the client's file serving lets the web-worker server see it
const CLOSED = '001_0ce65c396658d36e.txt';
fs.mkdirSync(path.join(workspace, 'archive'));
fs.copyFileSync(path.join(root, 'test', 'fixtures', 'seeds', CLOSED), path.join(workspace, 'archive', CLOSED));

runTests(
  {
    GOVREPORT_WEB_USER_DATA: userDataDir,
    GOVREPORT_WEB_EXTENSIONS: extensionsDir,
    GOVREPORT_WEB_WORKSPACE: workspace,
    GOVREPORT_WEB_SEED: SEED,
    GOVREPORT_WEB_CLOSED: path.join('archive', CLOSED),
    GOVREPORT_WEB_EXTENSION_ID: extensionId,
  },
  tmp,
  'user data, logs and workspace',
);
