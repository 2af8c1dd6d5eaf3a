// Starting and stopping the cached code-server (see install.mjs) on 127.0.0.1; shared by the runTests shim,
// the browser UI tests and `npm start`. Facts behind every flag: ../shared/docs/vscode-in-ci.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { EditorInstallError, locateEditor } from './install.mjs';

/** Settings every automated or demo session starts with (written before the server starts). */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
};

/** Writes <userDataDir>/User/settings.json: BASE_SETTINGS, then what is already there, then `extra`. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {}
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...existing, ...extra }, null, 2) + '\n');
  return file;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function get(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

/** Polls GET /healthz until it answers 200 (code-server is ready) or the timeout passes. */
export async function waitHealthy(base, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) return false;
    const r = await get(`${base}/healthz`);
    if (r.status === 200) return true;
    await new Promise((res) => setTimeout(res, 150));
  }
  return false;
}

export function installVsix(editor, { userDataDir, extensionsDir, vsix }) {
  const r = spawnSync(
    process.execPath,
    [editor.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) {
    throw new Error(`installing ${vsix} into ${extensionsDir} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout.trim();
}

/**
 * Starts code-server as a detached process group bound to 127.0.0.1:<free port>, waits for /healthz.
 * Returns { port, base, child, logFile, stop() }. Its output goes to logFile (default <userDataDir>/code-server.log),
 * or to this process's stdio with `inherit: true`.
 */
export async function startCodeServer({ userDataDir, extensionsDir, env = process.env, logFile, inherit = false, port, healthTimeoutMs = 60_000 }) {
  const editor = locateEditor();
  if (!editor) throw new EditorInstallError('the test editor is not installed: run `node scripts/editor/install.mjs` first');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  port ??= await freePort();
  const base = `http://127.0.0.1:${port}`;
  const configFile = path.join(userDataDir, 'code-server-config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  logFile ??= path.join(userDataDir, 'code-server.log');
  const out = inherit ? 'inherit' : fs.openSync(logFile, 'a');
  const args = [
    editor.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out], env });
  if (typeof out === 'number') fs.closeSync(out);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  child.on('error', (e) => (exited = { code: -1, error: e }));

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 3000);
    await exitPromise;
    clearTimeout(t);
    // Children of the group (extension host, language server) that outlived the server.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };

  const ok = await waitHealthy(base, healthTimeoutMs, () => !exited);
  if (!ok) {
    await stop();
    const tail = inherit ? '' : `\n--- ${logFile} ---\n${tailOf(logFile)}`;
    throw new Error(
      exited
        ? `code-server exited before answering ${base}/healthz (${JSON.stringify(exited)})${tail}`
        : `code-server did not answer ${base}/healthz within ${healthTimeoutMs / 1000} s${tail}`,
    );
  }
  return { port, base, child, logFile, editor, stop, exited: () => exited, exitPromise };
}

export function tailOf(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The workbench URL: a folder (or an empty window) plus the `payload` (extension development / tests paths). */
export function workbenchUrl(base, { folder, extensionDevelopmentPaths = [], extensionTestsPath } = {}) {
  const authority = new URL(base).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload = extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  // folder: readable (slashes kept), the rest percent-encoded
  const q = [folder ? `folder=${encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/')}` : 'ew=true'];
  if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${base}/?${q.join('&')}`;
}

/** Launches Debian's chromium headless through playwright-core (root: playwright passes --no-sandbox itself). */
export async function launchChromium(editor, { headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: editor.chromium,
    headless,
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
  });
}
