#!/usr/bin/env node
// Installs a real VS Code for the tests and `npm start`, on first use, into a gitignored cache folder:
//   <repo>/.vscode-test/code-server-4.100.3/   (override the parent folder with GOVREPORT_EDITOR_CACHE)
// code-server 4.100.3 from npm = VS Code 1.100.3 (server + web workbench, Node extension host), the last
// release that runs on Node 20. It is installed with the "no apt package" sequence of
// ../shared/docs/vscode-in-ci.md (install with --ignore-scripts, then rebuild only the native modules that
// are used), because code-server's own postinstall downloads ripgrep from GitHub and needs libkrb5-dev.
// The browser is Debian's chromium (/usr/bin/chromium), installed with apt-get when running as root.
//
// Idempotent: a marker file with the versions is written last; when it is present and valid nothing is done.
// Usage: node scripts/editor/install.mjs [--force] [--verbose]
// Import: `ensureEditor()` installs when needed and returns `locateEditor()`'s answer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const NODE_MAJOR = '20';
const MARKER_NAME = '.govreport-editor.json';
const MARKER_SCHEMA = 2;
const NATIVE_MODULES = ['@vscode/spdlog', 'node-pty', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = path.resolve(process.env.GOVREPORT_EDITOR_CACHE || path.join(ROOT, '.vscode-test'));
export const INSTALL_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const PARTIAL_DIR = `${INSTALL_DIR}.partial`;
const LOCK_DIR = `${INSTALL_DIR}.lock`;
const LOG_FILE = path.join(CACHE_DIR, `install-code-server-${CODE_SERVER_VERSION}.log`);

/** The browser: GOVREPORT_CHROMIUM if set, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.GOVREPORT_CHROMIUM || '/usr/bin/chromium';
}

const log = (msg) => console.log(`[editor] ${msg}`);

export class EditorInstallError extends Error {}

function fail(msg) {
  throw new EditorInstallError(msg);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Where the installed editor is, or undefined when it is not (completely) installed.
 * { dir, entry (code-server's node entry point), vscodeVersion, chromium, rg, marker }
 */
export function locateEditor() {
  const marker = readJson(path.join(INSTALL_DIR, MARKER_NAME));
  if (!marker || marker.schema !== MARKER_SCHEMA || marker.codeServer !== CODE_SERVER_VERSION) return undefined;
  const entry = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) return undefined;
  const chromium = chromiumPath();
  if (!isExecutable(chromium)) return undefined;
  return { dir: INSTALL_DIR, entry, vscodeVersion: marker.vscode, chromium, rg: marker.rg, marker };
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

let verbose = false;

/** Runs a command, output to the install log (and the console with --verbose); throws with the log's tail on failure. */
function run(what, cmd, args, { cwd, env } = {}) {
  const t0 = Date.now();
  log(`${what} …`);
  fs.appendFileSync(LOG_FILE, `\n$ (cd ${cwd ?? process.cwd()} && ${cmd} ${args.join(' ')})\n`);
  const fd = fs.openSync(LOG_FILE, 'a');
  let r;
  try {
    r = spawnSync(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', verbose ? 'inherit' : fd, verbose ? 'inherit' : fd],
    });
  } finally {
    fs.closeSync(fd);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error || r.status !== 0) {
    let tail = '';
    try {
      tail = fs.readFileSync(LOG_FILE, 'utf8').split('\n').slice(-40).join('\n');
    } catch {}
    fail(
      `${what} failed (${r.error ? r.error.message : `exit code ${r.status ?? r.signal}`}) after ${secs} s.\n` +
        `--- last lines of ${LOG_FILE} ---\n${tail}\n--- end ---`,
    );
  }
  log(`${what}: done in ${secs} s`);
}

// npm settings for every npm call: root needs unsafe-perm for scripts; node-pty's rebuild runs `npx node-gyp`.
const NPM_ENV = {
  npm_config_unsafe_perm: 'true',
  npm_config_yes: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function chromiumVersion(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // Debian's wrapper prints a harmless "[: …: unexpected operator" line on stderr.
  const m = /(\d+\.\d+\.\d+\.\d+)/.exec(r.stdout || '');
  return m ? m[1] : (r.stdout || '').trim() || 'unknown';
}

function aptHasCandidate(pkg) {
  const r = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8' });
  return r.status === 0 && /Candidate: (?!\(none\))\S+/.test(r.stdout);
}

function ensureChromium() {
  const bin = chromiumPath();
  if (isExecutable(bin)) {
    log(`browser: ${bin} (${chromiumVersion(bin)})`);
    return bin;
  }
  if (process.env.GOVREPORT_CHROMIUM) fail(`GOVREPORT_CHROMIUM=${bin} is not an executable file.`);
  if (!isRoot()) {
    fail(
      `${bin} is missing and this script is not running as root, so it cannot install it.\n` +
        `Install Debian's browser once with:  sudo apt-get install -y chromium\n` +
        `(or point GOVREPORT_CHROMIUM at a Chromium binary).`,
    );
  }
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptHasCandidate('chromium')) run('apt-get update (package lists are missing)', 'apt-get', ['update'], { env: aptEnv });
  try {
    run('apt-get install -y chromium', 'apt-get', ['install', '-y', 'chromium'], { env: aptEnv });
  } catch (e) {
    // Stale package lists give 404s: refresh them once and retry.
    log('apt-get install failed; refreshing the package lists and retrying');
    run('apt-get update', 'apt-get', ['update'], { env: aptEnv });
    run('apt-get install -y chromium', 'apt-get', ['install', '-y', 'chromium'], { env: aptEnv });
  }
  if (!isExecutable(bin)) fail(`apt-get installed chromium but ${bin} is still missing.`);
  log(`browser: ${bin} (${chromiumVersion(bin)})`);
  return bin;
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { force: true, recursive: true });
  fs.symlinkSync(target, linkPath);
}

function installCodeServer() {
  fs.rmSync(PARTIAL_DIR, { recursive: true, force: true });
  fs.mkdirSync(PARTIAL_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(PARTIAL_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'govreport-editor-cache',
        private: true,
        description: 'code-server for govreport-lint tests, installed by scripts/editor/install.mjs. Do not edit.',
        devDependencies: { 'code-server': CODE_SERVER_VERSION },
      },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(path.join(PARTIAL_DIR, '.npmrc'), 'unsafe-perm=true\nyes=true\naudit=false\nfund=false\n');

  run(`npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`, npm, ['install', '--ignore-scripts', '--no-package-lock'], {
    cwd: PARTIAL_DIR,
    env: NPM_ENV,
  });
  const cs = path.join(PARTIAL_DIR, 'node_modules', 'code-server');
  const csPkg = readJson(path.join(cs, 'package.json'));
  if (!csPkg || csPkg.version !== CODE_SERVER_VERSION) fail(`npm did not install code-server ${CODE_SERVER_VERSION} into ${cs}`);

  // argon2 (password hashing, loaded at start even with --auth none) is a native module.
  const argonHome = fs.existsSync(path.join(cs, 'node_modules', 'argon2')) ? cs : PARTIAL_DIR;
  run('npm rebuild argon2', npm, ['rebuild', 'argon2'], { cwd: argonHome, env: NPM_ENV });

  const vscodeDir = path.join(cs, 'lib', 'vscode');
  run('npm install --omit=dev --ignore-scripts (lib/vscode)', npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: vscodeDir,
    env: NPM_ENV,
  });
  run(`npm rebuild ${NATIVE_MODULES.join(' ')} (lib/vscode)`, npm, ['rebuild', ...NATIVE_MODULES], { cwd: vscodeDir, env: NPM_ENV });

  // ripgrep: Debian's binary when present, otherwise a stub (search features return nothing; nothing here needs them).
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  const rgPath = path.join(rgDir, 'rg');
  fs.rmSync(rgPath, { force: true });
  let rg;
  if (isExecutable('/usr/bin/rg')) {
    fs.copyFileSync('/usr/bin/rg', rgPath);
    rg = 'debian /usr/bin/rg';
  } else {
    fs.writeFileSync(rgPath, '#!/bin/sh\n# stub installed by scripts/editor/install.mjs (no ripgrep on this machine)\nexit 2\n');
    rg = 'stub';
  }
  fs.chmodSync(rgPath, 0o755);
  log(`rg: ${rg}`);

  // The links code-server's postinstall.sh would have made.
  symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  run('npm install --omit=dev --ignore-scripts (lib/vscode/extensions)', npm, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: path.join(vscodeDir, 'extensions'),
    env: NPM_ENV,
  });

  const vscodeVersion = readJson(path.join(vscodeDir, 'package.json'))?.version ?? 'unknown';
  // Smoke check: the server starts far enough to print its version.
  const v = spawnSync(process.execPath, [path.join(cs, 'out', 'node', 'entry.js'), '--version'], { encoding: 'utf8', timeout: 60_000 });
  if (v.status !== 0 || !v.stdout.includes(CODE_SERVER_VERSION)) {
    fail(`the installed code-server does not start: \`code-server --version\` exited ${v.status}\n${v.stdout}\n${v.stderr}`);
  }
  return { vscodeVersion, rg };
}

function acquireLock() {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      let alive = false;
      if (pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {}
      }
      if (!alive) {
        fs.rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) fail(`another install (pid ${pid}) holds ${LOCK_DIR} for too long`);
      log(`waiting for another install (pid ${pid}) …`);
      spawnSync('sleep', ['2']);
    }
  }
}

/** Installs whatever is missing; returns locateEditor()'s answer. Throws EditorInstallError on failure. */
export function ensureEditor({ force = false, verbose: v = false } = {}) {
  verbose = v;
  const t0 = Date.now();
  if (!force) {
    const found = locateEditor();
    if (found) return found;
  }
  const major = process.versions.node.split('.')[0];
  if (major !== NODE_MAJOR) {
    fail(`code-server ${CODE_SERVER_VERSION} needs Node ${NODE_MAJOR}; this is Node ${process.versions.node}.`);
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const release = acquireLock();
  try {
    if (!force) {
      const found = locateEditor(); // another process may have finished meanwhile
      if (found) return found;
    }
    fs.writeFileSync(LOG_FILE, `install started ${new Date().toISOString()}\n`);
    log(`installing the test editor into ${path.relative(process.cwd(), INSTALL_DIR) || INSTALL_DIR} (log: ${LOG_FILE})`);
    const chromium = ensureChromium();
    let marker = readJson(path.join(INSTALL_DIR, MARKER_NAME));
    const haveServer =
      !force && marker?.schema === MARKER_SCHEMA && marker.codeServer === CODE_SERVER_VERSION && fs.existsSync(path.join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'));
    if (!haveServer) {
      const { vscodeVersion, rg } = installCodeServer();
      marker = { schema: MARKER_SCHEMA, codeServer: CODE_SERVER_VERSION, vscode: vscodeVersion, node: process.versions.node, rg };
      fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
      fs.renameSync(PARTIAL_DIR, INSTALL_DIR);
    }
    marker = {
      ...marker,
      chromium: `${chromium} ${chromiumVersion(chromium)}`,
      installedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - t0) / 100) / 10,
    };
    fs.writeFileSync(path.join(INSTALL_DIR, MARKER_NAME), JSON.stringify(marker, null, 2) + '\n');
    const found = locateEditor();
    if (!found) fail(`install finished but the editor cannot be located in ${INSTALL_DIR}`);
    log(`ready: code-server ${CODE_SERVER_VERSION} (VS Code ${marker.vscode}), ${marker.chromium}, rg: ${marker.rg} — ${marker.seconds} s`);
    return found;
  } finally {
    release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const force = process.argv.includes('--force');
  try {
    const before = force ? undefined : locateEditor();
    const found = ensureEditor({ force, verbose: process.argv.includes('--verbose') });
    if (before) log(`already installed: code-server ${CODE_SERVER_VERSION} (VS Code ${found.vscodeVersion}) in ${found.dir}; browser ${found.chromium}`);
  } catch (e) {
    console.error(`[editor] ERROR: ${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
    console.error('[editor] The real-editor tests and `npm start` need this editor; fix the problem above and run again.');
    process.exit(1);
  }
}
