/**
 * A real published web page (test/fixtures/originals/SOURCES.md): every table cell as printed, the expected
 * findings, the same findings as the hand-rendered text of the same page (test/fixtures/real/08), and the same
 * text when the page comes as GBK without any <meta>.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { readOriginal } from '../../server/src/readers/index';
import { FIXTURES, lintText, summarize } from '../helpers';

const PAGE = path.join(FIXTURES, 'originals', 'sh-szfbgt_2019.html');
const HAND = path.join(FIXTURES, 'real', '08_sh-szfbgt-tsv_2019.txt');

/** A row's cells without merged-cell padding before the label, blanks (`&nbsp;`, U+00A0) as ''. */
function cells(line: string): string[] {
  const f = line.split('\t').map((c) => c.trim());
  while (f.length && f[0] === '') f.shift();
  return f;
}

/** The data rows of a text: 3 cells or more ending in a number or a blank, header rows left out. */
function dataRows(text: string): string[][] {
  return text
    .split('\n')
    .map(cells)
    .filter((f) => f.length >= 3 && /^(\d[\d.,]*元?)?$/.test(f[f.length - 1]) && !f.includes('商业企业') && !f.includes('结果维持'));
}

test('real page 上海市人民政府办公厅 2019: every cell of T2, T3 and T4 as printed (the hand-rendered text of the same page agrees)', async () => {
  const r = await readOriginal('sh-szfbgt_2019.html', fs.readFileSync(PAGE));
  assert.deepEqual(r.notices, []);
  const read = dataRows(r.text);
  const hand = dataRows(fs.readFileSync(HAND, 'utf8'));
  assert.deepEqual(read, hand);
  // 8 T2 rows (3 cells or fewer), 23 T3 rows of 7 values, the T4 row of 15
  const t3 = read.filter((row) => row.length >= 8 && row.length <= 9);
  assert.equal(t3.length, 23);
  for (const row of t3) assert.equal(row.slice(-7).length, 7);
  const t4 = read.filter((row) => row.length === 15 && /^\d/.test(row[0]));
  assert.deepEqual(t4, [['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']]);
  assert.ok(read.some((row) => row.join('|') === '政府集中采购|6|251000元'));
  assert.ok(read.some((row) => row.join('|') === '（七）总计|767|35|||2|1|805'));
  // the source map: T3 is the page's second table, its rows counted from the header
  const lines = r.text.split('\n');
  const total = lines.findIndex((l) => l.includes('（七）总计'));
  assert.deepEqual(r.lines[total], { table: 2, row: 25, cells: [1, 2, 4, 5, 6, 7, 8, 9, 10] });
});

test('real page 上海市人民政府办公厅 2019: the expected findings, the same as on its hand-rendered text', async () => {
  const r = await readOriginal('sh-szfbgt_2019.html', fs.readFileSync(PAGE));
  const result = lintText(r.text);
  const got = summarize(result).map((f) => ({ rule: f.rule, line: f.line, severity: f.severity }));
  const expected = (JSON.parse(fs.readFileSync(PAGE.replace(/\.html$/, '.expected.json'), 'utf8')) as { rule: string; line: number; severity: string; table?: number; row?: number }[]);
  assert.deepEqual(got, expected.map(({ rule, line, severity }) => ({ rule, line, severity })));
  for (const e of expected) if (e.table !== undefined) assert.deepEqual([r.lines[e.line - 1].table, r.lines[e.line - 1].row], [e.table, e.row]);
  // the hand-made text: the same findings, keyed by the row's first cell instead of the line number
  const key = (text: string, line: number): string => cells(text.split('\n')[line - 1] ?? '')[0] ?? '';
  const handText = fs.readFileSync(HAND, 'utf8');
  const fromPage = summarize(result).map((f) => `${f.rule}:${f.severity}:${key(r.text, f.line)}`).sort();
  const fromHand = summarize(lintText(handText)).map((f) => `${f.rule}:${f.severity}:${key(handText, f.line)}`).sort();
  assert.deepEqual(fromPage, fromHand);
  assert.equal(fromPage.length, 26);
});

test('real page re-encoded as GBK, with no <meta> and with a gb2312 <meta>: the same text', async () => {
  const html = fs.readFileSync(PAGE, 'utf8');
  const utf8 = (await readOriginal('a.html', Buffer.from(html, 'utf8'))).text;
  const gbk = iconv.encode(html, 'gbk');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the GBK bytes are not UTF-8');
  assert.equal((await readOriginal('a.html', gbk)).text, utf8);
  const meta = iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${html}</body></html>`, 'gbk');
  assert.equal((await readOriginal('a.htm', meta)).text, utf8);
});
