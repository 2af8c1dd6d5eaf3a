/**
 * PDF text extracted out of reading order (plain `pdftotext`, no -layout: labels after their numbers, cells
 * column by column): a table that cannot be read row by row gives one information and no other table finding;
 * what is read from such text is what the same PDF's -layout text gives. Real files: 03 (洪泽区 2023), 20 (淮安市
 * 2024), 21 (洪泽区 2024), with their -layout versions 02, 01, 04 (provenance in test/fixtures/real/SOURCES.md).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, RULE_METAS, type LintResult } from '../../server/src/core';
import { FIXTURES } from '../helpers';

const REAL = path.join(FIXTURES, 'real');
const check = (name: string): LintResult => lint(fs.readFileSync(path.join(REAL, name), 'utf8'));
const TABLE_RULES = new Set(RULE_METAS.filter((m) => m.tableRule).map((m) => m.id));

const PAIRS: [string, string][] = [
  ['03_hongze-qzf-rawpdf_2023.txt', '02_hongze-qzf_2023.txt'],
  ['20_huaian-szf-rawpdf_2024.txt', '01_huaian-szf_2024.txt'],
  ['21_hongze-qzf-rawpdf_2024.txt', '04_hongze-qzf_2024.txt'],
];

for (const [raw, layout] of PAIRS) {
  test(`${raw}: an unreadable table gives one information and no other table finding`, () => {
    const r = check(raw);
    const unreadable = r.report.tables.filter((t) => t.unreadable);
    assert.ok(unreadable.length >= 1, 'at least one table of this text cannot be read row by row');
    for (const t of unreadable) {
      const inside = r.findings.filter((f) => TABLE_RULES.has(f.ruleId) && f.range.start >= t.range.start && f.range.start < t.range.end);
      assert.deepEqual(inside.map((f) => `${f.ruleId}/${f.severity}`), ['table-row-cell-count/info'], `table ${t.kind}`);
    }
    // the false findings this text used to give: label typos and non-numeric cells made of label fragments
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'table-label-typo' || f.ruleId === 'table-non-numeric-cell').map((f) => f.message.zh), []);
  });

  test(`${raw}: every row read from the raw text has the values of the -layout text (${layout})`, () => {
    const rows = (res: LintResult) => {
      const m = new Map<string, string>();
      for (const t of res.report.tables) {
        if (t.unreadable) continue;
        for (const x of t.rows) if (x.aligned) m.set(`${t.kind}:${x.def.key}`, x.cells.map((c) => c.value).join(' '));
      }
      return m;
    };
    const a = rows(check(layout));
    const b = rows(check(raw));
    for (const [k, v] of b) assert.equal(v, a.get(k), k);
  });
}

test('淮安市 2024, plain pdftotext: table 2 (one cell per paragraph) is read completely, as in the -layout text', () => {
  const r = check('20_huaian-szf-rawpdf_2024.txt');
  const t2 = r.report.tables.find((t) => t.kind === 'T2')!;
  assert.ok(!t2.unreadable);
  assert.deepEqual(t2.rows.map((x) => `${x.def.key}=${x.cells.map((c) => c.value).join(' ')}`), [
    'T2.规章=1 0 11',
    'T2.行政规范性文件=8 26 66',
    'T2.行政许可=447228',
    'T2.行政处罚=3985758',
    'T2.行政强制=88283',
    'T2.行政事业性收费=96171.6',
  ]);
  // table 4: the 15 numbers are scattered among the header words: one information, nothing computed
  const t4 = r.report.tables.find((t) => t.kind === 'T4')!;
  assert.ok(t4.unreadable);
  assert.deepEqual(r.findings.filter((f) => f.ruleId.startsWith('table4')), []);
});
