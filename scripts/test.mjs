#!/usr/bin/env node
// Runs every test suite of the project in order; exits non-zero when one fails.
//  0. the lint gate (ESLint with typescript-eslint and eslint-plugin-regexp)
//  1. node:test suites compiled by tsc into out/test (core, CLI, LSP, robustness)
//  2. the real-editor and browser UI suites (added by their own scripts, see below)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv.slice(2);

function files(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const suites = [];
// the lint gate first (eslint.config.mjs: typescript-eslint type-checked rules, eslint-plugin-regexp with
// super-linear backtracking as errors); `node scripts/test.mjs lint` runs it alone
suites.push({ name: 'lint', cmd: process.execPath, args: [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.'] });
for (const name of ['unit', 'cli', 'lsp', 'robustness']) {
  const f = files(path.join(root, 'out', 'test', name));
  if (f.length) suites.push({ name, cmd: process.execPath, args: ['--test', '--test-reporter=spec', ...f] });
}
for (const [name, script] of [
  ['vscode', 'test/vscode/run.mjs'],
  ['ui', 'test/ui/run.mjs'],
  ['web', 'test/web/run.mjs'],
]) {
  if (existsSync(path.join(root, script))) suites.push({ name, cmd: process.execPath, args: [script] });
}

let failed = [];
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  console.log(`\n=== ${s.name} ===`);
  const t0 = Date.now();
  const r = spawnSync(s.cmd, s.args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== ${s.name}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed.push(s.name);
}
if (failed.length) {
  console.error(`\nFailed suites: ${failed.join(', ')}`);
  process.exit(1);
}
