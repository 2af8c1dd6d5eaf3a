/**
 * Input decoding: GBK / GB18030, UTF-16 (with and without BOM), UTF-8 with BOM, CRLF copies give the findings of
 * the original at the same positions and report their encoding; binary, empty and non-report inputs give one
 * clear finding and no crash.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { decodeBytes, encodeText, roundTrips } from '../../server/src/cli/decode';
import { decodeToText } from '../../server/src/shared/decode';
import { byBase, cli, cliJson, exactKeys, expectedKeys, keys, SEED_000, SEED_001, SEED_004, seedText, tempDir } from './_cli';

function utf16be(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
}

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

test('encoded copies of the seeds give the original findings at the same positions and report the encoding', (t) => {
  const dir = tempDir(t);
  const t000 = seedText(SEED_000);
  const t001 = seedText(SEED_001);
  const t004 = seedText(SEED_004);
  // seed 000 holds U+2002 and U+00A0, which GBK lacks: its Chinese-encoding copy is GB18030
  const copies: [string, Buffer, string, string][] = [
    ['001-gbk.txt', iconv.encode(t001, 'gbk'), 'gbk', SEED_001],
    ['004-gbk.txt', iconv.encode(t004, 'gbk'), 'gbk', SEED_004],
    ['000-gb18030.txt', iconv.encode(t000, 'gb18030'), 'gb18030', SEED_000],
    ['000-utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t000, 'utf16le')]), 'utf16le', SEED_000],
    ['001-utf16le-nobom.txt', Buffer.from(t001, 'utf16le'), 'utf16le', SEED_001],
    ['000-utf16be-bom.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t000)]), 'utf16be', SEED_000],
    ['000-utf8-bom.txt', Buffer.concat([BOM8, Buffer.from(t000, 'utf8')]), 'utf8bom', SEED_000],
    ['000-crlf.txt', Buffer.from(t000.replace(/\n/g, '\r\n'), 'utf8'), 'utf8', SEED_000],
    ['001-gbk-crlf.txt', iconv.encode(t001.replace(/\n/g, '\r\n'), 'gbk'), 'gbk', SEED_001],
    ['000-utf8-bom-crlf.txt', Buffer.concat([BOM8, Buffer.from(t000.replace(/\n/g, '\r\n'), 'utf8')]), 'utf8bom', SEED_000],
  ];
  for (const [name, bytes] of copies) fs.writeFileSync(path.join(dir, name), bytes);
  const originals = cliJson([`test/fixtures/seeds/${SEED_000}`, `test/fixtures/seeds/${SEED_001}`, `test/fixtures/seeds/${SEED_004}`]).results;
  const { results } = cliJson([dir]);
  assert.equal(results.length, copies.length);
  for (const [name, , encoding, seed] of copies) {
    const r = byBase(results, name);
    assert.equal(r.encoding, encoding, name);
    assert.deepEqual(keys(r.messages), expectedKeys(seed), name);
    assert.deepEqual(exactKeys(r.messages), exactKeys(byBase(originals, seed).messages), `${name}: same positions`);
    assert.deepEqual(r.messages.map((m) => m.message), byBase(originals, seed).messages.map((m) => m.message), `${name}: same messages`);
  }
  // stylish names the encoding of non-UTF-8 files only
  const s = cli([path.join(dir, '001-gbk.txt'), path.join(dir, '000-utf16le-bom.txt'), path.join(dir, '000-utf8-bom.txt')]);
  assert.match(s.stdout, /001-gbk\.txt {2}（编码：GBK）/);
  assert.match(s.stdout, /000-utf16le-bom\.txt {2}（编码：UTF-16LE）/);
  assert.match(s.stdout, /000-utf8-bom\.txt\n/);
  const en = cli(['--lang', 'en', path.join(dir, '000-gb18030.txt')]);
  assert.match(en.stdout, /000-gb18030\.txt {2}\(encoding: GB18030\)/);
});

test('binary input (random bytes with NULs) gives one finding, exit code by its severity, no crash', (t) => {
  const dir = tempDir(t);
  const bin = path.join(dir, 'scan.txt');
  const bytes = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >> 16;
  }
  bytes[10] = 0;
  bytes[1001] = 0;
  fs.writeFileSync(bin, bytes);
  const def = cliJson([bin]);
  assert.equal(def.stderr, '');
  assert.equal(def.results.length, 1);
  const r = def.results[0];
  assert.equal(r.encoding, 'binary');
  assert.equal(r.messages.length, 1);
  assert.deepEqual([r.messages[0].ruleId, r.messages[0].severity, r.messages[0].line, r.messages[0].column], ['encoding-suspect', 'warning', 1, 1]);
  assert.match(r.messages[0].message, /不是文本文件/);
  assert.equal(def.status, 0, 'a warning does not fail');
  const err = cliJson(['--rule', 'encoding-suspect=error', bin]);
  assert.equal(err.results[0].messages[0].severity, 'error');
  assert.equal(err.status, 1);
  const off = cliJson(['--rule', 'encoding-suspect=off', bin]);
  assert.deepEqual(off.results[0].messages, []);
  const stylish = cli([bin]);
  assert.equal(stylish.status, 0);
  assert.match(stylish.stdout, /1:1 +警告 +文件不是文本文件（含二进制数据），无法作为年度报告检查。 +encoding-suspect/);
  // --fix leaves a binary file alone
  cli(['--fix', bin]);
  assert.ok(fs.readFileSync(bin).equals(bytes));
});

test('mostly control characters without NUL is binary too; damaged UTF-8 is reported by the core as mis-decoded', (t) => {
  const dir = tempDir(t);
  const ctl = path.join(dir, 'ctl.txt');
  fs.writeFileSync(ctl, Buffer.from(Array.from({ length: 300 }, (_, i) => 1 + (i % 8))));
  const c = cliJson([ctl]);
  assert.equal(c.results[0].encoding, 'binary');
  assert.deepEqual(keys(c.results[0].messages), ['encoding-suspect@1']);
  // a UTF-8 report with two stray bytes: decoded as UTF-8 (lossy), not as GBK mojibake
  const damaged = path.join(dir, 'damaged.txt');
  const good = Buffer.from(seedText(SEED_004), 'utf8');
  const bad = Buffer.concat([good.subarray(0, 200), Buffer.from([0xff, 0xfe, 0x41]), good.subarray(200)]);
  fs.writeFileSync(damaged, bad);
  const d = cliJson(['--fix', damaged]);
  assert.equal(d.results[0].encoding, 'utf8');
  assert.deepEqual(d.results[0].messages.map((m) => m.ruleId), ['encoding-suspect']);
  assert.match(d.results[0].messages[0].message, /编码错误/);
  assert.ok(fs.readFileSync(damaged).equals(bad), 'never rewritten');
});

test('an empty file and a folder of non-report Markdown files: one not-a-report note each, exit 0', (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'README.md'), '# 项目说明\n\n本仓库保存各单位的年报草稿。\n\n- 使用 UTF-8 编码\n');
  fs.writeFileSync(path.join(dir, 'docs', 'CHANGELOG.md'), '# Changelog\n\n## 0.1.0\n\n- first release\n');
  const { results, status, stderr } = cliJson([dir]);
  assert.equal(stderr, '');
  assert.equal(status, 0);
  assert.deepEqual(results.map((r) => path.relative(dir, r.filePath)), [path.join('docs', 'CHANGELOG.md'), path.join('docs', 'README.md'), 'empty.txt']);
  for (const r of results) {
    assert.deepEqual(r.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['not-a-report', 'info', 1, 1]], r.filePath);
    assert.equal(r.encoding, 'utf8');
  }
  const s = cli([dir]);
  assert.match(s.stdout, /✖ 3 个问题（0 个错误，0 个警告，3 个提示）/);
  const off = cliJson(['--rule', 'not-a-report=off', dir]);
  assert.ok(off.results.every((r) => r.messages.length === 0));
});

test('decoder: detection and exact round trip of every encoding', () => {
  const text = seedText(SEED_001);
  const cases: [Buffer, string, boolean][] = [
    [Buffer.from(text, 'utf8'), 'utf8', false],
    [Buffer.concat([BOM8, Buffer.from(text, 'utf8')]), 'utf8bom', true],
    [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf16le', true],
    [Buffer.from(text, 'utf16le'), 'utf16le', false],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'utf16be', true],
    [utf16be(text), 'utf16be', false],
    [iconv.encode(text, 'gbk'), 'gbk', false],
    [iconv.encode(text + '\u2002', 'gb18030'), 'gb18030', false],
  ];
  for (const [bytes, encoding, bom] of cases) {
    const d = decodeBytes(bytes);
    // one decoder: the language server reads the same bytes as the same text
    assert.equal(decodeToText(bytes), d.kind === 'text' ? d.text : undefined, `the editor decodes ${encoding} as the CLI does`);
    assert.equal(d.kind, 'text', encoding);
    if (d.kind !== 'text') continue;
    assert.equal(d.encoding, encoding);
    assert.equal(d.bom, bom, encoding);
    assert.ok(d.text === text || d.text === text + '\u2002', encoding);
    assert.equal(d.lossless, true, encoding);
    assert.ok(encodeText(d.text, d.encoding, d.bom).equals(bytes), `${encoding} round trip`);
  }
  assert.deepEqual(decodeBytes(Buffer.from([0x41, 0x00, 0x00, 0x42, 0x43])), { kind: 'binary', reason: 'nul' });
  assert.equal(decodeToText(Buffer.from([0x41, 0x00, 0x00, 0x42, 0x43])), undefined, 'binary is no text for the editor either');
  // the guards of --fix: damaged bytes are not lossless, characters GBK lacks do not round-trip
  const damaged = decodeBytes(Buffer.concat([Buffer.from(text.slice(0, 100)), Buffer.from([0xff]), Buffer.from(text.slice(100))]));
  assert.ok(damaged.kind === 'text' && damaged.encoding === 'utf8' && !damaged.lossless && damaged.text.includes('\ufffd'));
  assert.equal(decodeToText(Buffer.concat([Buffer.from(text.slice(0, 100)), Buffer.from([0xff]), Buffer.from(text.slice(100))])), damaged.text);
  assert.equal(roundTrips(encodeText('年报😀', 'gbk', false), '年报😀', 'gbk', false), false);
  assert.equal(roundTrips(encodeText('年报😀', 'gb18030', false), '年报😀', 'gb18030', false), true);
  assert.equal(roundTrips(encodeText('年报', 'utf8bom', true), '年报', 'utf8bom', true), true);
  assert.equal(roundTrips(Buffer.from('年报'), '年报', 'utf8bom', true), false, 'BOM lost');
  const empty = decodeBytes(Buffer.alloc(0));
  assert.equal(empty.kind === 'text' && empty.text, '');
});
