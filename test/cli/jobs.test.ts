/**
 * `--jobs`: checking in worker threads gives byte-identical output to checking in-process (all formats, cross-year
 * pairs, every encoding and layout, errors, unreadable files); a worker that dies costs only the file it was
 * checking and never hangs the command; workers that cannot start fall back to in-process checking.
 *
 * Failures are injected with a preload script (`NODE_OPTIONS=--require hook.cjs`), which Node also runs in every
 * worker thread: it logs which thread reads which report file, and makes reads of a few file names misbehave.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findPreviousYear, parseDocument, type Report } from '../../server/src/core';
import { decodeBytes } from '../../server/src/cli/decode';
import { MIN_FILES_FOR_WORKERS, pairPreviousYears, workerCount } from '../../server/src/cli/main';
import { pairFiles } from '../../server/src/core';
import { generateReport } from '../gen/report';
import { cli, tempDir, type RunResult } from './_cli';
import { writeCorpus } from './_corpus';

const HOOK = String.raw`
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const wt = require('node:worker_threads');
if (!wt.isMainThread && process.env.GOVREPORT_TEST_KILL_WORKERS === '1') process.exit(3);
const log = process.env.GOVREPORT_TEST_READ_LOG;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const name = typeof file === 'string' ? path.basename(file) : '';
  if (/\.(txt|md)$/.test(name)) {
    if (log) fs.appendFileSync(log, wt.threadId + '\t' + name + '\n');
    if (name === 'unreadable.txt') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    if (name === 'explode.txt') return null; // the decoder then throws: an exception of the check itself
    if (!wt.isMainThread && name === 'crash-exit.txt') process.exit(7);
    if (!wt.isMainThread && name === 'crash-async.txt') setImmediate(() => { throw new Error('asynchronous failure'); });
    if (!wt.isMainThread && process.env.GOVREPORT_TEST_ASYNC_EVERY === '1') setImmediate(() => { throw new Error('every worker dies'); });
  }
  return readFileSync.call(this, file, ...rest);
};
`;

function hookEnv(dir: string, extra: Record<string, string> = {}): { env: Record<string, string>; log: string } {
  const hook = path.join(dir, 'hook.cjs');
  if (!fs.existsSync(hook)) fs.writeFileSync(hook, HOOK);
  const log = path.join(dir, `reads-${Math.random().toString(36).slice(2)}.log`);
  return { env: { NODE_OPTIONS: `--require ${hook}`, GOVREPORT_TEST_READ_LOG: log, ...extra }, log };
}

/** Thread ids that read report files (0 = the main thread), and how many reads each. */
function readers(log: string): Map<number, number> {
  const m = new Map<number, number>();
  if (!fs.existsSync(log)) return m;
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    if (!line) continue;
    const id = Number(line.split('\t')[0]);
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}

function assertSame(a: RunResult, b: RunResult, what: string): void {
  assert.equal(b.status, a.status, `${what}: exit code`);
  assert.ok(a.stdout === b.stdout, `${what}: stdout differs (${a.stdout.length} vs ${b.stdout.length} characters)`);
  assert.equal(b.stderr, a.stderr, `${what}: stderr`);
}

test('~300 varied files: --jobs 4, the default and --jobs 1 give identical json, stylish and sarif output', (t) => {
  const tmp = tempDir(t);
  const corpus = path.join(tmp, 'reports');
  const stats = writeCorpus(corpus, { files: 300, seed: 7 });
  assert.equal(stats.files.length, 300);
  assert.ok(stats.pairedFiles >= 10 && stats.seedCopies >= 10 && stats.withErrors >= 50, JSON.stringify(stats));
  assert.ok((stats.byEncoding.gbk ?? 0) + (stats.byEncoding.gb18030 ?? 0) >= 10, 'GBK files');
  assert.deepEqual(Object.keys(stats.byLayout).sort(), ['L1', 'L2', 'L3', 'L4', 'L5']);
  assert.deepEqual(Object.keys(stats.byFormat).sort(), ['F2019', 'F2021']);

  for (const format of ['json', 'stylish', 'sarif']) {
    const one = hookEnv(tmp);
    const inProcess = cli(['--format', format, '--jobs', '1', 'reports'], { cwd: tmp, env: one.env });
    assert.equal(inProcess.status, 1, inProcess.stderr);
    assert.equal(inProcess.stderr, '');
    assert.deepEqual([...readers(one.log).keys()], [0], '--jobs 1 reads every file in the main thread');

    const four = hookEnv(tmp);
    const parallel = cli(['--format', format, '--jobs', '4', 'reports'], { cwd: tmp, env: four.env });
    assertSame(inProcess, parallel, `${format} --jobs 4`);
    const threads = readers(four.log);
    assert.equal(threads.get(0), undefined, '--jobs 4: no report is read in the main thread');
    assert.equal(threads.size, 4, `--jobs 4: four workers read files (${[...threads.entries()].join(' ')})`);

    const dflt = hookEnv(tmp);
    const byDefault = cli(['--format', format, 'reports'], { cwd: tmp, env: dflt.env });
    assertSame(inProcess, byDefault, `${format} default jobs`);
    if (os.availableParallelism() > 1) assert.equal(readers(dflt.log).get(0), undefined, 'default: workers check the files');

    if (format === 'json') {
      const results = JSON.parse(parallel.stdout) as { filePath: string; encoding: string; messages: { ruleId: string }[] }[];
      assert.equal(results.length, 300);
      assert.deepEqual(
        results.map((r) => r.filePath),
        stats.files.slice().sort((a, b) => (path.dirname(a) === path.dirname(b) ? (a < b ? -1 : 1) : path.dirname(a) < path.dirname(b) ? -1 : 1)),
        'input order: folders, then names',
      );
      const rules = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
      for (const rule of ['cross-year-carryover', 'cross-year-valid-count', 'table3-column-balance', 'section-missing', 'typo-known', 'encoding-suspect']) {
        assert.ok(rules.has(rule), `the corpus produces ${rule}`);
      }
      const encodings = new Set(results.map((r) => r.encoding));
      for (const e of ['utf8', 'gbk', 'utf8bom', 'utf16le', 'binary']) assert.ok(encodings.has(e), `encoding ${e}`);
    }
    if (format === 'stylish') assert.match(parallel.stdout, /（上年报告：p\d+-\d{4}\.md）/);
  }
});

test('options apply in the workers too: --rule, --quiet, --lang en, --max-warnings, -o', (t) => {
  const tmp = tempDir(t);
  writeCorpus(path.join(tmp, 'reports'), { files: 120, seed: 3 });
  const args = ['--rule', 'cross-year-carryover=info,typo-known=off', '--lang', 'en', '--max-warnings', '5', 'reports'];
  for (const extra of [[], ['--quiet'], ['--format', 'json']]) {
    const a = cli([...extra, ...args, '--jobs', '1'], { cwd: tmp });
    const b = cli([...extra, ...args, '-j', '3'], { cwd: tmp });
    assertSame(a, b, extra.join(' ') || 'stylish');
    assert.match(a.stdout, extra.includes('--format') ? /"ruleId":"cross-year-carryover","severity":"info"/ : /problems? \(/);
    assert.doesNotMatch(a.stdout, /typo-known/);
  }
  cli(['-o', 'one.sarif', '--format', 'sarif', '--jobs', '1', 'reports'], { cwd: tmp });
  cli(['-o', 'two.sarif', '--format', 'sarif', '--jobs', '2', 'reports'], { cwd: tmp });
  assert.ok(fs.readFileSync(path.join(tmp, 'one.sarif')).equals(fs.readFileSync(path.join(tmp, 'two.sarif'))));
});

/** A folder of `n` small reports plus the given special files. */
function smallFolder(dir: string, n: number, special: readonly string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const text = generateReport({ seed: i + 1, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[i % 5], agency: `第${i}号局`, t3: i % 4 === 0 ? { new: [1, 0, 0, 0, 0, 0, 2] } : undefined });
    fs.writeFileSync(path.join(dir, `r${String(i).padStart(3, '0')}.txt`), text);
  }
  for (const name of special) fs.writeFileSync(path.join(dir, name), generateReport({ seed: 99, agency: name }));
}

test('unreadable files and exceptions of a check are reported per file, the same in workers as in-process', (t) => {
  const tmp = tempDir(t);
  smallFolder(path.join(tmp, 'reports'), 90, ['unreadable.txt', 'explode.txt']);
  for (const format of ['json', 'stylish']) {
    const a = cli(['--format', format, '--jobs', '1', 'reports'], { cwd: tmp, env: hookEnv(tmp).env });
    const w = hookEnv(tmp);
    const b = cli(['--format', format, '--jobs', '4', 'reports'], { cwd: tmp, env: w.env });
    assertSame(a, b, format);
    assert.equal(a.status, 2);
    assert.ok(readers(w.log).size >= 2 && !readers(w.log).has(0), 'checked in workers');
    assert.match(a.stderr, /govreport-lint: 无法读取：\S+unreadable\.txt（EACCES）\n/);
    assert.match(a.stderr, /govreport-lint: 检查 \S+explode\.txt 时出错，已跳过：Cannot read properties of null/);
    if (format === 'json') {
      const names = (JSON.parse(a.stdout) as { filePath: string }[]).map((r) => path.basename(r.filePath));
      assert.equal(names.length, 90, 'the two failed files are left out, the others are all there');
      assert.ok(!names.includes('explode.txt') && !names.includes('unreadable.txt'));
    }
  }
  // --fix pairs before checking, by reading every file: an exception there too is the file's, not the run's
  const fix = cli(['--fix', '--format', 'json', '--jobs', '4', 'reports'], { cwd: tmp, env: hookEnv(tmp).env });
  assert.equal(fix.status, 2, fix.stderr);
  assert.match(fix.stderr, /检查 \S+explode\.txt 时出错，已跳过：Cannot read properties of null/);
  assert.equal((JSON.parse(fix.stdout) as unknown[]).length, 90);
});

test('a worker that exits while checking a file: that file is reported, all others are checked, no hang', (t) => {
  const tmp = tempDir(t);
  smallFolder(path.join(tmp, 'reports'), 80, ['crash-exit.txt', 'crash-async.txt']);
  const a = cli(['--format', 'json', '--jobs', '1', 'reports'], { cwd: tmp, env: hookEnv(tmp).env });
  assert.equal(a.status, 1, a.stderr);
  const t0 = Date.now();
  const b = cli(['--format', 'json', '--jobs', '4', 'reports'], { cwd: tmp, env: hookEnv(tmp).env });
  assert.notEqual(b.status, null, 'the CLI finished (was not killed by the test timeout)');
  assert.ok(Date.now() - t0 < 30_000, 'no hang');
  assert.equal(b.status, 2, b.stderr);
  const lines = b.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, b.stderr);
  assert.match(lines[0], /^govreport-lint: 检查 \S+crash-exit\.txt 的工作线程意外退出（退出码 7），已跳过该文件。$/);
  // crash-async.txt kills its worker only after its result was sent: nothing of it is lost
  const all = JSON.parse(a.stdout) as { filePath: string }[];
  const expected = all.filter((r) => path.basename(r.filePath) !== 'crash-exit.txt');
  assert.equal(expected.length, all.length - 1);
  assert.deepEqual(JSON.parse(b.stdout), expected, 'every other file, in order, with the in-process results');

  const en = cli(['--lang', 'en', '--jobs', '2', 'reports'], { cwd: tmp, env: hookEnv(tmp).env });
  assert.equal(en.status, 2);
  assert.match(en.stderr, /The worker thread checking \S+crash-exit\.txt stopped unexpectedly \(exit code 7\); the file was skipped\./);
});

test('workers that die after every batch: the CLI still finishes, with the same output', (t) => {
  const tmp = tempDir(t);
  smallFolder(path.join(tmp, 'reports'), 100, []);
  const a = cli(['--format', 'json', '--jobs', '1', 'reports'], { cwd: tmp });
  const t0 = Date.now();
  const w = hookEnv(tmp, { GOVREPORT_TEST_ASYNC_EVERY: '1' });
  const b = cli(['--format', 'json', '--jobs', '3', 'reports'], { cwd: tmp, env: w.env });
  assert.ok(Date.now() - t0 < 30_000, 'no hang');
  assertSame(a, b, 'dying workers');
  assert.ok(readers(w.log).size >= 3 && !readers(w.log).has(0), 'checked by workers that were replaced');
});

test('workers that cannot start: the files are checked in-process, same output', (t) => {
  const tmp = tempDir(t);
  smallFolder(path.join(tmp, 'reports'), 70, []);
  const a = cli(['--format', 'json', '--jobs', '1', 'reports'], { cwd: tmp });
  const t0 = Date.now();
  const w = hookEnv(tmp, { GOVREPORT_TEST_KILL_WORKERS: '1' });
  const b = cli(['--format', 'json', '--jobs', '3', 'reports'], { cwd: tmp, env: w.env });
  assert.ok(Date.now() - t0 < 30_000, 'no hang');
  assertSame(a, b, 'fallback');
  assert.deepEqual([...readers(w.log).keys()], [0], 'read in the main thread after the workers died');
});

test('--fix with many files stays in-process and fixes exactly as --jobs 1', (t) => {
  const tmp = tempDir(t);
  const make = (dir: string) => {
    smallFolder(dir, 70, []);
    // typos to fix in every tenth file
    for (let i = 0; i < 70; i += 10) {
      const f = path.join(dir, `r${String(i).padStart(3, '0')}.txt`);
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('政府信息公开条例', '政府信息公开条列'));
    }
  };
  make(path.join(tmp, 'a'));
  make(path.join(tmp, 'b'));
  const a = cli(['--fix', '--format', 'json', '--jobs', '1', 'a'], { cwd: tmp });
  const w = hookEnv(tmp);
  const b = cli(['--fix', '--format', 'json', '--jobs', '4', 'b'], { cwd: tmp, env: w.env });
  assert.equal(b.status, a.status);
  assert.equal(b.stdout, a.stdout.replaceAll(`${path.sep}a${path.sep}`, `${path.sep}b${path.sep}`));
  assert.deepEqual([...readers(w.log).keys()], [0]);
  assert.equal((JSON.parse(a.stdout) as { fixed: unknown[] }[]).filter((r) => r.fixed.length > 0).length, 7);
  for (const name of fs.readdirSync(path.join(tmp, 'a'))) {
    assert.ok(fs.readFileSync(path.join(tmp, 'a', name)).equals(fs.readFileSync(path.join(tmp, 'b', name))), name);
  }
});

test('--jobs must be a positive integer', () => {
  for (const bad of ['0', 'x', '-1', '1.5', '']) {
    const r = cli([`--jobs=${bad}`, 'test/fixtures/seeds']);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--jobs 应为正整数/);
  }
  assert.match(cli(['--help']).stdout, /-j, --jobs <n>/);
});

test('workerCount: in-process for --jobs 1, --fix and small inputs; at most one worker per 32 files', () => {
  assert.equal(workerCount(1, 10_000, false), 0);
  assert.equal(workerCount(8, 10_000, true), 0);
  assert.equal(workerCount(8, MIN_FILES_FOR_WORKERS - 1, false), 0);
  assert.equal(workerCount(8, MIN_FILES_FOR_WORKERS, false), 2);
  assert.equal(workerCount(4, 300, false), 4);
  assert.equal(workerCount(undefined, 10_000, false), os.availableParallelism() > 1 ? os.availableParallelism() : 0);
});

test('pairing from keys equals pairing whole reports with findPreviousYear (the former algorithm)', (t) => {
  const tmp = tempDir(t);
  const { files } = writeCorpus(path.join(tmp, 'reports'), { files: 200, seed: 11 });
  // the previous-year file of an agency also inside a later file, and a file with both years
  const extra = path.join(tmp, 'reports', 'zz-extra.txt');
  fs.writeFileSync(extra, generateReport({ agency: '配对7号卫健局', year: 2021, seed: 5 }) + '\n' + generateReport({ agency: '配对7号卫健局', year: 2022, seed: 6 }));
  const all = [...files, extra];
  const reference = new Map<string, string[]>();
  const candidates: { report: Report; path: string }[] = [];
  for (const file of all) {
    const d = decodeBytes(fs.readFileSync(file));
    if (d.kind === 'text') for (const report of parseDocument(d.text)) candidates.push({ report, path: file });
  }
  for (const c of candidates) {
    const prev = findPreviousYear(c.report, candidates);
    if (!prev || prev.path === c.path) continue;
    const list = reference.get(c.path) ?? [];
    if (!list.includes(prev.path)) list.push(prev.path);
    reference.set(c.path, list);
  }
  assert.ok(reference.size >= 8, `pairs found: ${reference.size}`);
  assert.deepEqual(pairPreviousYears(all), reference);

  const k = (key: string, year: number) => ({ key, regions: [], year });
  assert.deepEqual(
    pairFiles([
      { path: 'a', keys: [k('A', 2022), null] },
      { path: 'b', keys: [k('A', 2021), k('B', 2020)] },
      { path: 'c', keys: [k('A', 2021), k('B', 2021)] },
      { path: 'd', keys: [k('B', 2020), k('B', 2021)] },
    ]),
    new Map([
      ['a', ['b']], // the first 2021 report of A wins
      ['c', ['b']],
      // d: B 2021's first 2020 report is in b
      ['d', ['b']],
    ]),
  );
  assert.deepEqual(pairFiles([{ path: 'x', keys: [k('A', 2020), k('A', 2021)] }, { path: 'y', keys: [k('A', 2020)] }]), new Map(), 'the own file comes first');
});
