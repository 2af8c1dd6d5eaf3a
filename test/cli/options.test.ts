/** Options around the output: --quiet, --max-warnings, --output-file, --help, --version, colours, the launcher. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, SEEDS } from '../helpers';
import { RULE_METAS } from '../../server/src/core';
import { BIN, cli, cliJson, SEED_000, SEED_004, tempDir } from './_cli';

const S000 = `test/fixtures/seeds/${SEED_000}`;
const S004 = `test/fixtures/seeds/${SEED_004}`;

test('--quiet reports errors only', () => {
  const { results, status } = cliJson(['--quiet', S000]);
  assert.deepEqual(results[0].messages.map((m) => m.ruleId), ['table3-row-total']);
  assert.deepEqual([results[0].errorCount, results[0].warningCount, results[0].infoCount], [1, 0, 0]);
  assert.equal(status, 1);
  const s = cli(['--quiet', S004]);
  assert.equal(s.status, 0);
  assert.doesNotMatch(s.stdout, /typo-known/);
});

test('--max-warnings: exit 1 only when the warnings exceed the limit', () => {
  // seed 004: no error, 3 warnings
  assert.equal(cli(['--max-warnings', '3', S004]).status, 0);
  const over = cli(['--max-warnings', '2', S004]);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /警告数 3 超过 --max-warnings 上限 2/);
  assert.equal(cli(['--max-warnings', '0', '--rule', 'typo-known=off,table-row-cell-count=info,fee-statement-missing=info', S004]).status, 0);
});

test('--output-file writes the report to a file and nothing to stdout', (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'sub', 'result.json');
  const r = cli(['--format', 'json', '--output-file', out, S000]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const json = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(json[0].messages.length, 8);
  const styl = path.join(dir, 'result.txt');
  cli(['-o', styl, S000], { env: { FORCE_COLOR: '1' } });
  const text = fs.readFileSync(styl, 'utf8');
  assert.match(text, /✖ 8 个问题/);
  assert.doesNotMatch(text, /\u001b\[/, 'no colours in files');
});

test('colours: only when forced or on a terminal, never with NO_COLOR', () => {
  const forced = cli([S000], { env: { FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[31m错误/);
  const off = cli([S000], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.doesNotMatch(off.stdout, /\u001b\[/);
  assert.doesNotMatch(cli([S000]).stdout, /\u001b\[/);
});

test('--help prints Chinese and English usage; --lang en only English; --version the package version', () => {
  const h = cli(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /用法：govreport-lint \[选项\]/);
  assert.match(h.stdout, /Usage: govreport-lint \[options\]/);
  for (const opt of ['--format', '--lang', '--rule', '--fix', '--quiet', '--output-file', '--max-warnings', '--version']) assert.ok(h.stdout.includes(opt), opt);
  const en = cli(['-h', '--lang', 'en']);
  assert.match(en.stdout, /Usage:/);
  assert.doesNotMatch(en.stdout, /用法/);
  // the rule pages: the local folder they are installed in, which holds a page per rule
  const docs = path.join(ROOT, 'docs', 'rules');
  assert.ok(h.stdout.includes(`规则说明（每条规则一页，Markdown，随本程序安装）：${docs}`), h.stdout);
  assert.ok(en.stdout.includes(`Rules (one Markdown page per rule, installed with this program): ${docs}`), en.stdout);
  assert.doesNotMatch(h.stdout, /https?:\/\//, 'no web address');
  for (const m of RULE_METAS) assert.ok(fs.existsSync(path.join(docs, `${m.id}.md`)), m.id);
  const v = cli(['--version']);
  assert.equal(v.status, 0);
  assert.equal(v.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
});

test('the launcher says to build first when the bundle is missing', (t) => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(BIN, path.join(dir, 'bin', 'govreport-lint.js'));
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'govreport-lint.js'), S000], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /npm run build/);
  assert.equal(r.stdout, '');
  assert.match(fs.readFileSync(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('output to a closed pipe ends quietly', (t) => {
  // enough output to overflow the pipe buffer once the reader has gone
  const dir = tempDir(t);
  const text = fs.readFileSync(path.join(ROOT, S000));
  for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `r${i}.txt`), text);
  const script = `{ "${process.execPath}" "${BIN}" --format sarif "${dir}"; echo "rc:$?" >&2; } | head -c 10 >/dev/null`;
  const r = spawnSync('/bin/sh', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  assert.match(r.stderr, /rc:[01]\n/);
  assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
});

test('a FIFO, a device or a socket on the command line is refused with a clear message and exit code 2, never read', (t) => {
  const dir = tempDir(t);
  const report = path.join(dir, 'report.txt');
  fs.writeFileSync(report, fs.readFileSync(path.join(SEEDS, SEED_000)));
  const special: string[] = [];
  if (process.platform !== 'win32') {
    const fifo = path.join(dir, 'fifo.txt');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status === 0) special.push(fifo);
    if (fs.existsSync('/dev/zero')) special.push('/dev/zero');
  }
  if (!special.length) return t.skip('no FIFO or device on this system');
  for (const p of special) {
    // spawnSync's timeout (60 s) would end a reader that blocks on the FIFO or reads /dev/zero forever
    const r = cli([p, report]);
    assert.equal(r.status, 2, `${p}: exit code (stderr: ${r.stderr})`);
    assert.match(r.stderr, /不是普通文件（(命名管道|字符设备)），拒绝读取/, p);
  }
  const en = cli(['--lang', 'en', special[0]]);
  assert.equal(en.status, 2);
  assert.match(en.stderr, /Not a regular file \((a FIFO|a character device)\); refused to read/);
});
