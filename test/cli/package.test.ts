/**
 * The command line as a package people install: `npm pack` (which builds first, `prepack`) gives a tarball of the
 * CLI bundles and nothing of the sources, tests or tools; installed from that tarball into an empty prefix, offline,
 * `govreport-lint` checks the sample reports with the expected findings.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, SEEDS, seedNames } from '../helpers';
import { byBase, expectedKeys, keys, tempDir, type JsonResult } from './_cli';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npm(args: readonly string[], cwd: string): { stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(NPM, [...args], { cwd, env, encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

test('npm pack builds the CLI and ships only it; installed offline from the tarball it checks the samples', { timeout: 600_000 }, (t) => {
  const dir = tempDir(t);
  // the output of the prepack build comes first on stdout, then npm's JSON
  const out = npm(['pack', '--json', '--pack-destination', dir], ROOT).stdout;
  assert.match(out, /built server\/out\/cli\.js/, 'prepack builds the bundles');
  const packed = JSON.parse(out.slice(out.search(/^\[/m))) as { filename: string; files: { path: string }[]; size: number }[];
  const files = packed[0].files.map((f) => f.path).sort();
  for (const f of [
    'package.json',
    'bin/govreport-lint.js',
    'server/out/cli.js',
    'server/out/cli-worker.js',
    'server/out/readers/docx.js',
    'server/out/readers/html.js',
    'server/out/readers/pdf.js',
    'README.md',
    'LICENSE',
    'schemas/govreportrc.schema.json',
    'docs/rules/table3-row-total.md',
  ]) {
    assert.ok(files.includes(f), `${f} is in the package (${files.join(', ')})`);
  }
  // the rule pages (docs/rules/*.md) are shipped: --help names their folder and SARIF links them
  const pages = files.filter((f) => /^docs\/rules\/[a-z0-9-]+\.md$/i.test(f));
  const stray = files.filter((f) => !pages.includes(f) && (/^(test|scripts|bench|docs|client\/src|server\/src|out|node_modules)\//.test(f) || /\.(ts|map|mjs)$/.test(f)));
  assert.deepEqual(stray, [], 'no sources, tests, tools or source maps');
  assert.ok(files.length - pages.length <= 16, `a handful of files besides the rule pages, not ${files.length - pages.length}`);
  t.diagnostic(`tarball: ${packed[0].size} bytes, ${files.length} files: ${files.join(' ')}`);

  const prefix = path.join(dir, 'prefix');
  npm(['install', '--offline', '--no-audit', '--no-fund', '-g', '--prefix', prefix, path.join(dir, packed[0].filename)], dir);
  const bin = path.join(prefix, process.platform === 'win32' ? 'govreport-lint.cmd' : path.join('bin', 'govreport-lint'));
  assert.ok(fs.existsSync(bin), `${bin} installed`);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  delete env.NODE_TEST_CONTEXT;
  const version = spawnSync(bin, ['--version'], { cwd: dir, env, encoding: 'utf8' });
  assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  const r = spawnSync(bin, ['--format', 'json', '--no-config', SEEDS], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1, 'seeds 000 and 001 have errors');
  const results = JSON.parse(r.stdout) as JsonResult[];
  for (const name of seedNames()) assert.deepEqual(keys(byBase(results, name).messages), expectedKeys(name), name);
});
