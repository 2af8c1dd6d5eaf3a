/**
 * `--fix`: applies exactly the safe fixes, changes nothing else (byte for byte, in the file's own encoding, BOM
 * and line endings), is idempotent, reports what it fixed, leaves no temporary files.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { SEEDS } from '../helpers';
import { cli, cliJson, SEED_000, SEED_001, SEED_002, seed000Fixed, seed001Fixed, seedText, tempDir } from './_cli';

function write(dir: string, name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

test('--fix on seed 000 fixes the look-alike dash, the heading variants, the typo and the sub-heading, nothing else', (t) => {
  const dir = tempDir(t);
  const file = write(dir, 'report.txt', fs.readFileSync(path.join(SEEDS, SEED_000)));
  const first = cliJson(['--fix', file]);
  const after = fs.readFileSync(file, 'utf8');
  assert.equal(after, seed000Fixed(), 'the file holds exactly the five fixes');
  assert.notEqual(after, seedText(SEED_000));
  const r = first.results[0];
  assert.deepEqual(
    r.fixed!.map((f) => `${f.ruleId}@${f.line}`),
    ['section-numeral-lookalike@2', 'section-heading-variant@16', 'section-heading-variant@350', 'typo-known@351', 'subsection-numbering@410'],
  );
  assert.match(r.fixed![0].message, /将序号改为“一”/);
  // what remains has no safe fix: the row-total error and the blank rows
  assert.deepEqual(r.messages.map((m) => `${m.ruleId}@${m.line}`), ['table3-row-total@108', 'table-blank-cell@332', 'table-blank-cell@341']);
  assert.equal(first.status, 1);
  assert.deepEqual(fs.readdirSync(dir), ['report.txt'], 'no temporary file left behind');

  const before = fs.readFileSync(file);
  const mtime = fs.statSync(file).mtimeMs;
  const second = cliJson(['--fix', file]);
  assert.deepEqual(second.results[0].fixed, []);
  assert.ok(fs.readFileSync(file).equals(before), 'a second --fix changes nothing');
  assert.equal(fs.statSync(file).mtimeMs, mtime, 'and does not even rewrite the file');
});

test('--fix reports in stylish output what it fixed', (t) => {
  const dir = tempDir(t);
  const file = write(dir, 'report.txt', seedText(SEED_000));
  const r = cli(['--fix', file]);
  assert.match(r.stdout, /已自动修复 5 处：/);
  assert.match(r.stdout, /351 +将“政复议”改为“行政复议” +typo-known/);
  assert.match(r.stdout, /✔ 已在 1 个文件中自动修复 5 处。/);
  assert.match(r.stdout, /✖ 3 个问题（1 个错误，2 个警告，0 个提示）/);
  assert.doesNotMatch(r.stdout, /可用 --fix 自动修复/);
});

test('--fix on a GBK copy writes GBK back (and inserts the missing heading)', (t) => {
  const dir = tempDir(t);
  const file = write(dir, 'gbk.txt', iconv.encode(seedText(SEED_001), 'gbk'));
  const r = cliJson(['--fix', file]);
  assert.equal(r.results[0].encoding, 'gbk');
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.equals(iconv.encode(seed001Fixed(), 'gbk')), 'GBK bytes of the fixed text');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'not converted to UTF-8');
  assert.deepEqual(r.results[0].fixed!.map((f) => f.ruleId), ['subsection-numbering', 'subsection-numbering', 'section-missing', 'section-heading-variant']);
  assert.deepEqual(r.results[0].messages.map((m) => `${m.ruleId}@${m.line}`), ['table-row-cell-count@76', 'table-row-cell-count@77', 'table-truncated@95']);
});

test('--fix keeps GB18030, UTF-16 + BOM, UTF-8 BOM + CRLF byte for byte outside the fixes', (t) => {
  const dir = tempDir(t);
  const orig = seedText(SEED_000);
  const fixed = seed000Fixed();
  const crlf = (s: string): string => s.replace(/\n/g, '\r\n');
  const bom8 = Buffer.from([0xef, 0xbb, 0xbf]);
  const bom16 = Buffer.from([0xff, 0xfe]);
  const cases: [string, Buffer, Buffer][] = [
    ['gb18030.txt', iconv.encode(orig, 'gb18030'), iconv.encode(fixed, 'gb18030')],
    ['utf16.txt', Buffer.concat([bom16, Buffer.from(orig, 'utf16le')]), Buffer.concat([bom16, Buffer.from(fixed, 'utf16le')])],
    ['bom-crlf.txt', Buffer.concat([bom8, Buffer.from(crlf(orig))]), Buffer.concat([bom8, Buffer.from(crlf(fixed))])],
    ['gbk-crlf.txt', iconv.encode(crlf(seedText(SEED_001)), 'gbk'), iconv.encode(crlf(seed001Fixed()), 'gbk')],
  ];
  for (const [name, bytes] of cases) write(dir, name, bytes);
  fs.chmodSync(path.join(dir, 'utf16.txt'), 0o640);
  const r = cliJson(['--fix', dir]);
  assert.equal(r.stderr, '');
  for (const [name, , expected] of cases) {
    assert.ok(fs.readFileSync(path.join(dir, name)).equals(expected), name);
  }
  assert.equal(fs.statSync(path.join(dir, 'utf16.txt')).mode & 0o777, 0o640, 'file mode kept');
  assert.deepEqual(fs.readdirSync(dir).sort(), cases.map((c) => c[0]).sort(), 'no temporary files');
});

test('--fix --quiet fixes errors only; a clean file is not touched', (t) => {
  const dir = tempDir(t);
  const file = write(dir, 'r.txt', seedText(SEED_001));
  const r = cliJson(['--fix', '--quiet', file]);
  assert.deepEqual(r.results[0].fixed!.map((f) => f.ruleId), ['section-missing']);
  const lines = seedText(SEED_001).split('\n');
  lines.splice(96, 0, '四、政府信息公开行政复议、行政诉讼情况');
  assert.equal(fs.readFileSync(file, 'utf8'), lines.join('\n'));
  const clean = write(dir, 'clean.txt', seedText(SEED_002));
  const mtime = fs.statSync(clean).mtimeMs;
  const c = cliJson(['--fix', clean]);
  assert.equal(c.status, 0);
  assert.deepEqual(c.results[0].fixed, []);
  assert.equal(fs.statSync(clean).mtimeMs, mtime);
});

test('--fix through a symbolic link fixes the target and keeps the link', (t) => {
  const dir = tempDir(t);
  const target = write(dir, 'target.txt', seedText(SEED_000));
  const link = path.join(dir, 'link.txt');
  fs.symlinkSync(target, link);
  cliJson(['--fix', link]);
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(fs.readFileSync(target, 'utf8'), seed000Fixed());
});

test('--fix refuses to write a read-only file and exits 2 (as root too: no write permission bits, no rewrite)', (t) => {
  const dir = tempDir(t);
  const file = write(dir, 'ro.txt', seedText(SEED_000));
  fs.chmodSync(file, 0o444);
  const r = cliJson(['--fix', file]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /未写入修复/);
  assert.equal(fs.readFileSync(file, 'utf8'), seedText(SEED_000));
  assert.deepEqual(r.results[0].fixed, []);
});

test('the atomic writer refuses a file that changed since it was read, and leaves no temporary file', async (t) => {
  const { writeAtomically, FixWriteError } = await import('../../server/src/cli/fix');
  const dir = tempDir(t);
  const file = write(dir, 'r.txt', 'new content by someone else');
  assert.throws(
    () => writeAtomically(file, Buffer.from('fixed'), Buffer.from('what the checker read')),
    (e: unknown) => e instanceof FixWriteError && e.reason === 'changed',
  );
  assert.equal(fs.readFileSync(file, 'utf8'), 'new content by someone else');
  writeAtomically(file, Buffer.from('fixed'), Buffer.from('new content by someone else'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'fixed');
  assert.deepEqual(fs.readdirSync(dir), ['r.txt']);
});
