#!/usr/bin/env node
// npm start: the extension in a real VS Code with the sample reports open.
//  1. builds the extension (node scripts/build.mjs);
//  2. copies the sample reports (test/fixtures/seeds/*.txt) into a fresh folder .vscode-test/start/samples
//     (a temporary folder for --smoke);
//  3. desktop VS Code (`code` on PATH): `code --extensionDevelopmentPath=<repo> --wait <samples>`;
//     otherwise: packages the VSIX (scripts/package.mjs), installs it into the cached code-server
//     (scripts/editor/install.mjs installs that on first use) and serves VS Code on http://127.0.0.1:<port>/.
//  Stays in the foreground until Ctrl+C (or until the desktop window is closed).
// Options: --smoke (also when CI=true): start code-server, check /healthz, print the address, exit 0.
//          --port <n> (or PORT): port for code-server (default 8080, or a free one when 8080 is taken).
//          --web: use code-server even when `code` is on PATH.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_DIR, EditorInstallError, ensureEditor } from './editor/install.mjs';
import { freePort, installVsix, startCodeServer, workbenchUrl, writeUserSettings } from './editor/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke') || /^(1|true)$/i.test(process.env.CI ?? '');
const web = smoke || argv.includes('--web');
const portArg = argv.includes('--port') ? argv[argv.indexOf('--port') + 1] : process.env.PORT;
const say = (m) => console.log(`[start] ${m}`);
const die = (m) => {
  console.error(`[start] FAILED: ${m}`);
  process.exit(1);
};

const node = (what, args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal})`);
};

// 1. build
node('build', ['scripts/build.mjs']);

// 2. the sample reports, fresh copies
// The smoke check works in a temporary folder, so it never disturbs a running `npm start`.
const home = smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-start-')) : path.join(CACHE_DIR, 'start');
const samples = path.join(home, 'samples');
fs.rmSync(samples, { recursive: true, force: true });
fs.mkdirSync(samples, { recursive: true });
const seeds = path.join(root, 'test', 'fixtures', 'seeds');
const reports = fs.readdirSync(seeds).filter((f) => f.endsWith('.txt'));
for (const f of reports) fs.copyFileSync(path.join(seeds, f), path.join(samples, f));
say(`${reports.length} sample reports in ${samples}`);

// 3a. desktop VS Code
const codeOnPath = !web && spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (codeOnPath) {
  say(`opening desktop VS Code: code --extensionDevelopmentPath=${root} ${samples}  (close the window or press Ctrl+C to end)`);
  const child = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, samples, ...reports.slice(0, 1).map((f) => path.join(samples, f))], {
    stdio: 'inherit',
  });
  process.on('SIGINT', () => child.kill('SIGINT'));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await serveCodeServer();
}

// 3b. code-server on 127.0.0.1
async function serveCodeServer() {
  let editor;
  try {
    editor = ensureEditor();
  } catch (e) {
    die(`VS Code (code-server) could not be installed:\n${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
  }
  const vsix = path.join(home, 'govreport-lint.vsix');
  node('package the extension', ['scripts/package.mjs', '--out', vsix]);
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  writeUserSettings(userDataDir);
  try {
    say(installVsix(editor, { userDataDir, extensionsDir, vsix }));
  } catch (e) {
    die(e.message);
  }
  const list = spawnSync(process.execPath, [editor.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], {
    encoding: 'utf8',
  });
  if (!/govreport\.govreport-lint@/.test(list.stdout)) die(`the extension is not listed after installing it:\n${list.stdout}${list.stderr}`);

  let port = portArg ? Number(portArg) : 8080;
  if (!portArg && !(await portIsFree(port))) port = await freePort();
  let server;
  try {
    server = await startCodeServer({ userDataDir, extensionsDir, port, logFile: path.join(home, 'code-server.log') });
  } catch (e) {
    die(`VS Code (code-server) did not start: ${e.message}`);
  }
  const url = workbenchUrl(server.base, { folder: samples });
  const line = '─'.repeat(Math.min(100, url.length + 4));
  console.log(`\n${line}\n  govreport-lint in VS Code ${editor.vscodeVersion} (code-server ${editor.marker.codeServer}), sample reports open:\n\n    ${url}\n\n  ${smoke ? 'Smoke check: /healthz answered.' : 'Open it in a browser on this machine (or forward the port). Ctrl+C stops it.'}\n  Server log: ${server.logFile}\n${line}\n`);
  if (smoke) {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
    say('smoke check passed');
    process.exit(0);
  }
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping VS Code`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const exited = await server.exitPromise;
  if (stopping) return;
  die(`code-server exited (${JSON.stringify(exited)}); see ${server.logFile}`);
}

async function portIsFree(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
