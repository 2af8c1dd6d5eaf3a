// What the runners of the suites that drive code-server in chromium share (test/ui/run.mjs, test/web/run.mjs):
// installing the editor, building, packaging the VSIX and installing it into a fresh --extensions-dir with the
// suite's user settings, running the suite's *.test.mjs with node:test. Every failure exits non-zero with a
// clear message (`[<label>] FAILED: …`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEditor, EditorInstallError } from '../../scripts/editor/install.mjs';
import { installVsix, writeUserSettings } from '../../scripts/editor/server.mjs';

/**
 * The steps of a runner whose tests are the *.test.mjs in `here`. `label`: of its output lines ("ui-tests");
 * `suite`: what cannot run when the editor cannot be installed ("the UI tests").
 */
export function suiteRunner({ here, label, suite }) {
  const root = path.resolve(here, '..', '..');
  const t0 = Date.now();
  const say = (m) => console.log(`[${label} ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`);
  const die = (m) => {
    console.error(`[${label}] FAILED: ${m}`);
    process.exit(1);
  };
  const step = (what, args, env) => {
    const s = Date.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal})`);
    say(`${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };

  /** The test editor, installed on first use (scripts/editor/install.mjs). */
  function editor() {
    try {
      const ed = ensureEditor();
      say(`editor: code-server ${ed.marker.codeServer} (VS Code ${ed.vscodeVersion}), browser ${ed.chromium}`);
      return ed;
    } catch (e) {
      return die(`the test editor cannot be installed, so ${suite} cannot run:\n${e instanceof EditorInstallError ? e.message : e?.stack || e}`);
    }
  }

  /** Builds and compiles, unless run by `npm test`, whose pretest did both. */
  function build() {
    if (process.env.npm_lifecycle_event !== 'test') {
      step('build (node scripts/build.mjs)', ['scripts/build.mjs']);
      step('compile (tsc -p .)', [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
    }
  }

  /**
   * Packages the VSIX (scripts/package.mjs) into a fresh temporary folder `govreport-<name>-…` and installs it into
   * its extensions folder, with these user settings in its user data folder.
   */
  function install(ed, name, settings) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `govreport-${name}-`));
    const vsix = path.join(tmp, 'govreport-lint.vsix');
    step('package the VSIX (scripts/package.mjs)', ['scripts/package.mjs', '--out', vsix]);
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    writeUserSettings(userDataDir, settings);
    try {
      say(installVsix(ed, { userDataDir, extensionsDir, vsix }));
    } catch (e) {
      die(e.message);
    }
    return { tmp, userDataDir, extensionsDir };
  }

  /**
   * Runs the suite with `env` added to the environment, and exits: 0 with `tmp` removed, or 1 saying where the
   * screenshots are and that `tmp` (`kept`: what it holds) is kept.
   */
  function runTests(env, tmp, kept) {
    const tests = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
    if (tests.length === 0) die(`no *.test.mjs in ${here}`);
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...tests], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    if (r.status === 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      say('passed');
      process.exit(0);
    }
    console.error(`[${label}] FAILED (exit ${r.status ?? r.signal}); screenshots in ${path.join(root, 'test-results')}; ${kept} kept in ${tmp}`);
    process.exit(1);
  }

  return { root, say, die, step, editor, build, install, runTests };
}
