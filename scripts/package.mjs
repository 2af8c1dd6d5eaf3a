#!/usr/bin/env node
// npm run package: the VSIX users install — minified bundles, packaged offline with vsce.
// Usage: node scripts/package.mjs [--out <file.vsix>] [--keep-staging]
//
// The working tree's bundles (client/out, server/out: unminified, with source maps, used by the tests and
// `npm start`) are left alone: the tree is copied (without node_modules, .git, build outputs, caches) into a
// staging folder, `node scripts/build.mjs --minify` runs there (node_modules is a link to the repository's),
// then `npx vsce package --no-dependencies` packs the staging folder, so the repository's `.vscodeignore`
// whitelist decides what goes in, exactly as in the repository itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const out = path.resolve(outArg ?? path.join(root, 'govreport-lint.vsix'));
const keep = args.includes('--keep-staging');
const t0 = Date.now();
const say = (m) => console.log(`[package] ${m}`);
const die = (m) => {
  console.error(`[package] FAILED: ${m}`);
  process.exit(1);
};

/** Not copied into the staging folder: build outputs, caches, dependencies, VCS data, test output. */
const SKIP = new Set(['.git', 'node_modules', 'out', '.vscode-test', '.vscode-test-web', 'test-results', '.cache', 'client/out', 'server/out', 'bench/results']);

const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-package-'));
try {
  fs.cpSync(root, staging, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(root, src).split(path.sep).join('/');
      if (rel === '') return true;
      if (SKIP.has(rel) || rel.endsWith('.vsix') || rel.endsWith('/node_modules')) return false;
      return true;
    },
  });
  // Dependencies for esbuild: the repository's node_modules (also those of the workspaces, if any).
  for (const dir of ['', 'client', 'server']) {
    const nm = path.join(root, dir, 'node_modules');
    if (fs.existsSync(nm)) fs.symlinkSync(nm, path.join(staging, dir, 'node_modules'));
  }
  const run = (what, cmd, argv) => {
    const s = Date.now();
    const r = spawnSync(cmd, argv, { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_yes: 'false' } });
    if (r.status !== 0) die(`${what} failed (exit ${r.status ?? r.signal}); staging folder kept in ${staging}`);
    say(`${what}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  run('build minified bundles (node scripts/build.mjs --minify)', process.execPath, ['scripts/build.mjs', '--minify']);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  run(`npx vsce package --no-dependencies -o ${path.relative(process.cwd(), out) || out}`, 'npx', ['--no', 'vsce', 'package', '--no-dependencies', '-o', out]);
  if (!fs.existsSync(out)) die(`vsce reported success but ${out} does not exist`);
  say(`${out}: ${(fs.statSync(out).size / 1024).toFixed(1)} KB, ${((Date.now() - t0) / 1000).toFixed(1)} s in total`);
} finally {
  if (keep) say(`staging folder kept: ${staging}`);
  else fs.rmSync(staging, { recursive: true, force: true });
}
