#!/usr/bin/env node
// Browser UI tests: what a user sees and does in VS Code with the extension installed from its VSIX.
// 1. installs the editor on first use (scripts/editor/install.mjs); 2. builds + compiles (skipped under
// `npm test`, whose pretest did both); 3. `npm start --smoke` (scripts/start.mjs: build, package, install,
// serve, /healthz); 4. packages the VSIX (scripts/package.mjs) and installs it into a fresh --extensions-dir;
// 5. runs test/ui/*.test.mjs with node:test; they start code-server on 127.0.0.1 and drive Debian's chromium
// with playwright-core. Screenshots of failures go to test-results/. Exits non-zero with a clear message.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteRunner } from './run-lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { root, die, step, editor, build, install, runTests } = suiteRunner({ here, label: 'ui-tests', suite: 'the UI tests' });

const ed = editor();
build();
if (!fs.existsSync(path.join(root, 'out', 'server', 'src', 'core', 'index.js'))) die('out/server/src/core/index.js is missing: run `npx tsc -p .`');

step('npm start --smoke', ['scripts/start.mjs', '--smoke']);

// Chinese messages, as the users (Chinese officials) see them; the editor's own display language is English.
const { tmp, userDataDir, extensionsDir } = install(ed, 'ui', { 'govreport.language': 'zh', 'workbench.editor.enablePreview': false });

const workspace = path.join(tmp, 'workspace');
fs.mkdirSync(workspace);
const seeds = path.join(root, 'test', 'fixtures', 'seeds');
for (const f of fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'))) fs.copyFileSync(path.join(seeds, f), path.join(workspace, f));

runTests({ GOVREPORT_UI_USER_DATA: userDataDir, GOVREPORT_UI_EXTENSIONS: extensionsDir, GOVREPORT_UI_WORKSPACE: workspace }, tmp, 'user data and workspace');
