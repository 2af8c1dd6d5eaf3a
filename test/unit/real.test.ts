/**
 * Real reports the parser was not written against (test/fixtures/real, provenance in SOURCES.md): each gives
 * exactly the findings of its *.expected.json, which follow the finding-by-finding review in REVIEW.md (true
 * positives kept, false positives fixed, missed defects added).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, parseReport } from '../../server/src/core';
import { FIXTURES, sameFindings, summarize, type Expected } from '../helpers';

const REAL = path.join(FIXTURES, 'real');
const files = fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort();

for (const f of files) {
  test(`real report ${f}`, () => {
    const expected: Expected[] = JSON.parse(fs.readFileSync(path.join(REAL, f.replace(/\.txt$/, '.expected.json')), 'utf8'));
    const r = lint(fs.readFileSync(path.join(REAL, f), 'utf8'));
    assert.deepEqual(r.failures, []);
    const cmp = sameFindings(summarize(r), expected);
    assert.ok(cmp.ok, cmp.diff);
  });
}

test('real reports: every table of a readable layout is read (no table-missing outside glued text)', () => {
  for (const f of files) {
    const r = lint(fs.readFileSync(path.join(REAL, f), 'utf8'));
    if (r.report.glued) continue;
    assert.deepEqual(r.report.tables.map((t) => t.kind).sort(), ['T2', 'T3', 'T4'], f);
  }
});

test('洪泽区 2024 with its 2023 report as the previous year: the carry-over agrees', () => {
  const prevText = fs.readFileSync(path.join(REAL, '02_hongze-qzf_2023.txt'), 'utf8');
  const r = lint(fs.readFileSync(path.join(REAL, '04_hongze-qzf_2024.txt'), 'utf8'), {
    previousYear: { report: parseReport(prevText), name: '02_hongze-qzf_2023.txt', uri: 'file:///02.txt' },
  });
  assert.deepEqual(r.findings.filter((x) => x.ruleId.startsWith('cross-year')).map((x) => x.ruleId), []);
});
