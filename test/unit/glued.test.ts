/**
 * One-line text (crawled web pages saved as text, test/fixtures/real/09, 10, 12, 13): rows found by their labels,
 * glued digits split only where exactly one split satisfies the table's own identities (core/glued.ts).
 */

import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type LintResult } from '../../server/src/core';
import type { Row, Table } from '../../server/src/core/model';
import { FIXTURES } from '../helpers';
import { consistentT3, consistentT4, generateReport, rng, T3_KEYS_2019, T3_KEYS_2021 } from '../gen/report';
import { validSpan } from '../../server/src/core/glued';
import { glue } from '../gen/glued';

const REAL = path.join(FIXTURES, 'real');
const real = (name: string): string => fs.readFileSync(path.join(REAL, name), 'utf8');

function table(r: LintResult, kind: Table['kind']): Table {
  const t = r.report.tables.find((x) => x.kind === kind);
  assert.ok(t, `table ${kind} read`);
  return t;
}
function row(t: Table, key: string): Row | undefined {
  return t.rows.find((x) => x.def.key === key);
}
function values(t: Table, key: string): (number | undefined)[] | undefined {
  return row(t, key)?.cells.map((c) => c.value);
}
// findings other than the glued rows' informations; 10's narrative holds a real doubled 审核审核 (REVIEW §7), which is no
// table finding
const others = (r: LintResult) => r.findings.filter((f) => f.ruleId !== 'table-glued-row' && f.ruleId !== 'doubled-word').map((f) => f.ruleId);
const glued = (r: LintResult) => r.findings.filter((f) => f.ruleId === 'table-glued-row').map((f) => f.message.zh);

test('平潭 2021 (glued, F2021): every row of tables 3 and 4 is read, with the values a reader sees', () => {
  const r = lint(real('10_pingtan-glued_2021.txt'));
  assert.ok(r.report.glued);
  const t3 = table(r, 'T3');
  assert.equal(t3.layout, 'glued');
  assert.equal(t3.rows.length, 25);
  // unique by digit count: 7 digits for 7 cells
  assert.deepEqual(values(t3, 'r3_7'), [6, 0, 0, 0, 0, 0, 6]);
  assert.deepEqual(values(t3, 'carry_out'), [1, 0, 0, 0, 0, 0, 1]);
  // `640020470`: only 64,0,0,2,0,4,70 has the row total
  assert.deepEqual(values(t3, 'new'), [64, 0, 0, 2, 0, 4, 70]);
  // `270020130` and `220000325` have two splits each with the row total; the column sums leave one pair
  assert.deepEqual(values(t3, 'r1'), [27, 0, 0, 2, 0, 1, 30]);
  assert.deepEqual(values(t3, 'r4_1'), [22, 0, 0, 0, 0, 3, 25]);
  assert.deepEqual(table(r, 'T4').rows[0].cells.map((c) => c.value), [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
  // table 2: 行政规范性文件 `693665` has 10 splits and no identity: not read, said once
  const t2 = table(r, 'T2');
  assert.equal(row(t2, 'T2.行政规范性文件'), undefined);
  assert.deepEqual(values(t2, 'T2.规章'), [0, 0, 0]);
  assert.deepEqual(values(t2, 'T2.行政许可'), [2293]);
  const notes = glued(r);
  assert.equal(notes.length, 6, notes.join('\n'));
  assert.ok(notes.some((m) => m.includes('“行政规范性文件”') && m.includes('有10种拆分') && m.includes('未读取')));
  assert.ok(notes.some((m) => m.includes('“（一）予以公开”') && m.includes('列合计') && m.includes('27 0 0 2 0 1 30')));
  // no other finding: the report is consistent
  assert.deepEqual(others(r), []);
});

test('平潭 2020 (glued, F2019): 总计 20/21 against results 26/27 is found, on the total row', () => {
  const r = lint(real('09_pingtan-glued_2020.txt'));
  const t3 = table(r, 'T3');
  assert.deepEqual(values(t3, 'total'), [20, 0, 0, 0, 0, 1, 21]);
  assert.deepEqual(values(t3, 'r6'), [4, 0, 0, 0, 0, 0, 4]);
  const f = r.findings.filter((x) => x.ruleId === 'table3-results-total');
  assert.deepEqual(f.map((x) => x.message.zh), ['（七）总计“自然人”为20，但各办理结果之和为26。', '（七）总计“总计”为21，但各办理结果之和为27。']);
  const total = row(t3, 'total')!;
  assert.equal(r.report.text.slice(total.cells[0].range.start, total.cells[0].range.end), '20');
});

test('a changed total on a row whose digits split one way only is found on that row', () => {
  const text = real('10_pingtan-glued_2021.txt').replace('3.其他1000001', '3.其他1000002');
  const r = lint(text);
  const t3 = table(r, 'T3');
  assert.deepEqual(values(t3, 'r6_3'), [1, 0, 0, 0, 0, 0, 2]);
  const f = r.findings.find((x) => x.ruleId === 'table3-row-total');
  assert.ok(f, others(r).join());
  assert.equal(f.range.start, text.indexOf('3.其他1000002') + '3.其他100000'.length);
  // the column sums no longer hold: the two rows that needed them are not read, and say so; nothing is guessed
  assert.equal(row(t3, 'r1'), undefined);
  assert.equal(row(t3, 'r4_1'), undefined);
  assert.ok(glued(r).some((m) => m.includes('“（一）予以公开”') && m.includes('未读取')));
  assert.deepEqual(others(r), ['table3-row-total']);
});

test('ambiguous runs give one information per row and no other table finding', () => {
  // 9 digits for 7 cells, several splits with the row total, in two rows of the same column sums
  const text = real('10_pingtan-glued_2021.txt')
    .replace('（一）予以公开270020130', '（一）予以公开111000112')
    .replace('1.本机关不掌握相关政府信息220000325', '1.本机关不掌握相关政府信息111000112');
  const r = lint(text);
  const t3 = table(r, 'T3');
  assert.equal(row(t3, 'r1'), undefined);
  assert.equal(row(t3, 'r4_1'), undefined);
  const notes = glued(r).filter((m) => m.includes('“（一）予以公开”') || m.includes('“1.本机关不掌握相关政府信息”'));
  assert.equal(notes.length, 2);
  for (const m of notes) assert.match(m, /未读取/);
  // the identities that would need those rows are not evaluated: no table finding at all
  assert.deepEqual(others(r), []);
});

test('near miss: digits that split one way only are read without any information', () => {
  const r = lint(real('13_pingtan-glued_2019.txt'));
  const t3 = table(r, 'T3');
  assert.deepEqual(values(t3, 'r1'), [7, 0, 0, 0, 0, 0, 7]); // `（一）予以公开7000007`
  assert.deepEqual(values(t3, 'r6'), [0, 0, 0, 0, 0, 0, 0]); // `0 0 0 0 0 00`
  assert.ok(!glued(r).some((m) => m.includes('“（一）予以公开”')));
  assert.deepEqual(table(r, 'T4').rows[0].cells.map((c) => c.value), Array(15).fill(0));
});

test('generated reports glued into one line: every row read has exactly its printed values (never a guess)', () => {
  let rows = 0;
  let read = 0;
  for (const format of ['F2021', 'F2019'] as const) {
    for (let seed = 1; seed <= 40; seed++) {
      const t3 = consistentT3(format, seed);
      const t4 = consistentT4(seed);
      const r = lint(glue(generateReport({ format, layout: 'L3', seed })));
      assert.ok(r.report.glued, `${format}/${seed} glued`);
      rows += (format === 'F2021' ? T3_KEYS_2021 : T3_KEYS_2019).length;
      for (const t of r.report.tables) {
        for (const x of t.rows) {
          const want = t.kind === 'T3' ? t3[x.def.key] : t.kind === 'T4' ? t4 : undefined;
          if (want) assert.deepEqual(x.cells.map((c) => c.value), want, `${format}/${seed} ${x.def.key}`);
          if (t.kind === 'T3') read++;
        }
      }
      assert.deepEqual(others(r), [], `${format}/${seed}`);
    }
  }
  assert.ok(read >= rows * 0.95, `${read} of ${rows} rows read`);
});

test('glued digits: a very long run is not searched without bound (linear time)', () => {
  const base = real('10_pingtan-glued_2021.txt');
  const long = base.replace('（一）予以公开270020130', `（一）予以公开${'1'.repeat(5000)}`);
  const r = lint(long);
  assert.ok(glued(r).some((m) => m.includes('“（一）予以公开”') && m.includes('未读取')));
});

describe('validSpan: the split search checks a cut without making the substring', () => {
  // the cell patterns it stands for, as the search used to test them on each substring
  const patterns = {
    count: /^(?:0|[1-9]\d{0,8}|[1-9]\d{0,2}(?:,\d{3})+)$/,
    amount: /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/,
    change: /^[+\-]?(?:0|[1-9]\d{0,8})$/,
  } as const;

  it('agrees with the cell patterns on every cut of 20,000 random groups', () => {
    const rand = rng(7);
    const alphabet = '0123456789000111,,.-+';
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const len = 1 + Math.floor(rand() * 18);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      for (let a = 0; a < s.length; a++) {
        for (let b = a + 1; b <= s.length; b++) {
          for (const kind of ['count', 'amount', 'change'] as const) {
            const expected = patterns[kind].test(s.slice(a, b));
            if (expected) valid++;
            assert.equal(validSpan(s, a, b, kind), expected, `${kind} ${JSON.stringify(s.slice(a, b))}`);
          }
        }
      }
    }
    assert.ok(valid > 10_000, `only ${valid} valid cuts: the random groups do not exercise the valid forms`);
  });

  it('accepts the forms reports write and refuses the others', () => {
    const ok = (t: string, kind: 'count' | 'amount' | 'change'): boolean => validSpan(t, 0, t.length, kind);
    assert.ok(ok('0', 'count') && ok('705', 'count') && ok('1,234,567', 'count') && ok('999999999', 'count'));
    assert.ok(!ok('05', 'count') && !ok('1234567890', 'count') && !ok('12,34', 'count') && !ok('1.5', 'count'));
    assert.ok(ok('0.5', 'amount') && ok('83.42', 'amount') && !ok('1.1234567', 'amount') && !ok('.5', 'amount'));
    assert.ok(ok('-3', 'change') && ok('+12', 'change') && ok('-0', 'change') && !ok('+', 'change') && !ok('1,000', 'change'));
  });
});
