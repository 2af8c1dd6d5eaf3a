/**
 * Entry point of the real-editor tests: VS Code's extension host `require`s this module and awaits `run()`
 * (the contract of `extensionTestsPath`). Runs every `*.test.js` next to it, in name order, with mocha 11 (TDD).
 */

import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The extension host forwards console output with its format arguments appended, unformatted: format here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(util.format(...args));
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  if (process.env.GOVREPORT_TEST_GREP) mocha.grep(new RegExp(process.env.GOVREPORT_TEST_GREP));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} of ${runner.total} real-editor test(s) failed`));
        else if (runner.stats && runner.stats.passes === 0) reject(new Error('no real-editor test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
