/**
 * Every layout real reports come in, in both formats: generated reports with random consistent tables are
 * read cell by cell and give no finding; derived variants of the samples give their exact findings.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, tableOf, rowOf } from '../../server/src/core';
import { generateReport, consistentT3, consistentT4, T3_KEYS_2019, T3_KEYS_2021, type GenLayout } from '../gen/report';
import { lintText, readFixture, sameFindings, summarize, type Expected } from '../helpers';

const LAYOUTS: GenLayout[] = ['L1', 'L2', 'L3', 'L4', 'L5'];

for (const format of ['F2021', 'F2019'] as const) {
  for (const layout of LAYOUTS) {
    test(`${format} ${layout}: every cell is read and a consistent report has no finding`, () => {
      for (const seed of [0, 3, 11, 29]) {
        const text = generateReport({ format, layout, seed });
        const r = lint(text);
        assert.deepEqual(summarize(r), [], `seed ${seed}`);
        assert.equal(r.report.format.detected, format);
        const t3 = tableOf(r.report, 'T3')!;
        assert.equal(t3.layout, layout);
        const want = consistentT3(format, seed);
        for (const k of format === 'F2021' ? T3_KEYS_2021 : T3_KEYS_2019) {
          const row = rowOf(t3, k);
          assert.ok(row, `row ${k}`);
          assert.deepEqual(row.cells.map((c) => c.value), want[k], `row ${k} seed ${seed}`);
        }
        const t4 = tableOf(r.report, 'T4')!;
        assert.deepEqual(t4.rows[0].cells.map((c) => c.value), consistentT4(seed));
        assert.equal(tableOf(r.report, 'T2')!.rows.length, format === 'F2021' ? 6 : 8);
      }
    });
  }
}

/** L1 with a pipe after each cell instead of the tab before it, and `||` where rows were separated (web converters). */
function pipeAfterEachCell(l1: string): string {
  let inTable = false;
  return l1
    .split('\n')
    .map((l) => {
      if (l.startsWith('\t')) {
        inTable = true;
        return l.slice(1) + ' |';
      }
      if (l === '' && inTable) return '||';
      inTable = false;
      return l;
    })
    .join('\n');
}

/** L4 without the leading pipe of each row (GFM allows it). */
function withoutLeadingPipes(l4: string): string {
  return l4.replace(/^\| ?/gm, '');
}

for (const format of ['F2021', 'F2019'] as const) {
  for (const [name, make] of [
    ['a pipe after each cell, one cell per line', () => pipeAfterEachCell(generateReport({ format, layout: 'L1', seed: 7 }))],
    ['pipe rows without the leading pipe', () => withoutLeadingPipes(generateReport({ format, layout: 'L4', seed: 7 }))],
  ] as const) {
    test(`${format}, ${name}: every cell is read and a consistent report has no finding`, () => {
      const text = make();
      assert.ok(!text.includes('\t'), 'no tab left');
      const r = lint(text);
      assert.deepEqual(summarize(r), []);
      const t3 = tableOf(r.report, 'T3')!;
      const want = consistentT3(format, 7);
      for (const k of format === 'F2021' ? T3_KEYS_2021 : T3_KEYS_2019) {
        assert.deepEqual(rowOf(t3, k)?.cells.map((c) => c.value), want[k], `row ${k}`);
      }
      assert.deepEqual(tableOf(r.report, 'T4')!.rows[0].cells.map((c) => c.value), consistentT4(7));
      assert.equal(tableOf(r.report, 'T2')!.rows.length, format === 'F2021' ? 6 : 8);
    });
  }
}

test('a pipe after each cell: a lone pipe is an empty cell, a changed total is found on its line', () => {
  const base = pipeAfterEachCell(generateReport({ format: 'F2021', layout: 'L1', seed: 7 }));
  const lines = base.split('\n');
  const label = lines.findIndex((l) => l.startsWith('二、上年结转政府信息公开申请数量'));
  // its first cell left empty (`|`), its total raised by one
  const blank = lines.slice();
  blank[label + 1] = '|';
  const rb = lint(blank.join('\n'));
  assert.deepEqual(
    summarize(rb).map((f) => [f.rule, f.line]),
    [['table-blank-cell', label + 1 + 1]],
    JSON.stringify(summarize(rb)),
  );
  const total = lines.slice();
  total[label + 7] = String(Number(total[label + 7].replace(' |', '')) + 1) + ' |';
  const rt = lint(total.join('\n'));
  const rules = summarize(rt).map((f) => f.rule);
  assert.ok(rules.includes('table3-row-total'), rules.join());
  assert.equal(summarize(rt).find((f) => f.rule === 'table3-row-total')!.line, label + 7 + 1);
});

test('CRLF line ends: same findings on the same lines, ranges cover the same text', () => {
  for (const name of ['000_05e50274e597e28a.txt', '001_0ce65c396658d36e.txt', '004_7590363eed79dbcf.txt']) {
    const lf = readFixture('seeds', name);
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = lintText(lf);
    const b = lintText(crlf);
    assert.deepEqual(summarize(b), summarize(a), name);
    a.findings.forEach((f, i) => {
      const g = b.findings[i];
      assert.equal(crlf.slice(g.range.start, g.range.end).replace(/\r/g, ''), lf.slice(f.range.start, f.range.end), `${name} ${f.ruleId}`);
    });
  }
});

test('a byte-order mark changes nothing', () => {
  for (const name of ['000_05e50274e597e28a.txt', '003_31cf96be23961926.txt']) {
    const t = readFixture('seeds', name);
    assert.deepEqual(summarize(lintText('\ufeff' + t)), summarize(lintText(t)), name);
  }
});

test('full-width digits in the tables are read as numbers', () => {
  const t = readFixture('seeds', '000_05e50274e597e28a.txt');
  const full = t.replace(/^\t(\d+)$/gm, (_, d: string) => '\t' + d.replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x))));
  assert.notEqual(full, t);
  assert.deepEqual(summarize(lintText(full)), summarize(lintText(t)));
  for (const format of ['F2021', 'F2019'] as const) {
    assert.deepEqual(summarize(lint(generateReport({ format, layout: 'L2', seed: 4, fullWidthDigits: true }))), []);
  }
});

test('seed 002 as a Markdown pipe table, one cell per line, and space-separated text: still clean', () => {
  const t = readFixture('seeds', '002_1e18ee42ea4018a5.txt');
  const pipes = t.replace(/^([^\t\n\r\u2028\u2029]*\t.*)$/gm, (line) => '| ' + line.split('\t').join(' | ') + ' |');
  const perLine = t.replace(/^([^\t\n\r\u2028\u2029]*\t.*)$/gm, (line) => line.split('\t').filter((c) => c !== '').map((c) => '\t' + c).join('\n') + '\n');
  const spaced = t.replace(/^([^\t\n\r\u2028\u2029]*\t.*)$/gm, (line) => line.split('\t').filter((c) => c !== '').join(' '));
  for (const [name, variant] of [['pipes', pipes], ['one cell per line', perLine], ['spaces', spaced]] as const) {
    const r = lintText(variant);
    assert.deepEqual(summarize(r), [], name);
    assert.equal(tableOf(r.report, 'T3')!.rows.length, 25, name);
  }
});

test('seed 002 with one total changed: exactly the identities that involve it', () => {
  const t = readFixture('seeds', '002_1e18ee42ea4018a5.txt');
  const changed = t.replace('(七) 总计\t\t0\t0\t0\t0\t0\t0\t0', '(七) 总计\t\t0\t0\t0\t0\t0\t0\t3');
  assert.notEqual(changed, t);
  const expected: Expected[] = [
    { rule: 'table3-row-total', line: 64, severity: 'error' },
    { rule: 'table3-results-total', line: 64, severity: 'error' },
    { rule: 'table3-column-balance', line: 65, severity: 'error' },
  ];
  const cmp = sameFindings(summarize(lintText(changed)), expected);
  assert.ok(cmp.ok, cmp.diff);
});

test('seed 002 with one heading deleted: section-missing at the next heading', () => {
  const t = readFixture('seeds', '002_1e18ee42ea4018a5.txt');
  const deleted = t.replace('五、存在的主要问题及改进情况\n', '\n');
  const cmp = sameFindings(summarize(lintText(deleted)), [{ rule: 'section-missing', line: 92, severity: 'error' }]);
  assert.ok(cmp.ok, cmp.diff);
});

test('seed 004 (PDF text) with the blank cell written as a dash: aligned, reported as blank', () => {
  const t = readFixture('seeds', '004_7590363eed79dbcf.txt');
  const dashed = t.replace('（一）予以公开 0 0 0 0 0 0\n', '（一）予以公开 0 0 0 0 0 0 —\n');
  const r = lintText(dashed);
  const cmp = sameFindings(summarize(r), [
    { rule: 'typo-known', line: 20 },
    { rule: 'table-blank-cell', line: 188, severity: 'warning' },
    { rule: 'fee-statement-missing', line: 360 },
  ]);
  assert.ok(cmp.ok, cmp.diff);
});

test('HTML table text with &nbsp; blanks', () => {
  const r2 = [...consistentT3('F2021', 2).r2];
  const text = generateReport({ format: 'F2021', layout: 'L5', seed: 2, t3: { r2: ['&nbsp;', ...r2.slice(1)] } });
  const cmp = sameFindings(summarize(lint(text)), [{ rule: 'table-blank-cell', line: 35, severity: 'warning' }]);
  assert.ok(cmp.ok, cmp.diff);
});

test('a concatenation of reports is split and each report checked on its own', () => {
  const names = ['000_05e50274e597e28a.txt', '001_0ce65c396658d36e.txt', '002_1e18ee42ea4018a5.txt', '003_31cf96be23961926.txt', '004_7590363eed79dbcf.txt'];
  const texts = names.map((n) => readFixture('seeds', n));
  for (const order of [names.map((_, i) => i), [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]]) {
    let joined = '';
    const expected: Expected[] = [];
    for (const i of order) {
      const offset = joined.split('\n').length - 1;
      expected.push(...summarize(lintText(texts[i])).map((e) => ({ ...e, line: e.line + offset, endLine: e.endLine! + offset })));
      joined += texts[i].endsWith('\n') ? texts[i] : texts[i] + '\n';
    }
    const r = lintText(joined);
    assert.equal(r.reports.length, 5, `order ${order}`);
    const cmp = sameFindings(summarize(r), expected);
    assert.ok(cmp.ok, `order ${order}\n${cmp.diff}`);
  }
});

test('a single report with a repeated 一 heading is not split', () => {
  const t = readFixture('seeds', '002_1e18ee42ea4018a5.txt').replace('五、存在的主要问题及改进情况', '一、总体情况');
  const r = lintText(t);
  assert.equal(r.reports.length, 1);
  assert.ok(summarize(r).some((f) => f.rule === 'section-duplicate'));
});

test('a note that mentions 政府信息公开 without a heading, a table or a report title is no report', () => {
  const r = lintText('关于政府信息公开条例的学习笔记\n今天学习了条例第四十九条。\n');
  assert.deepEqual(summarize(r).map((f) => f.rule), ['not-a-report']);
  const draft = lintText('某某县卫生健康局2024年政府信息公开工作年度报告\n');
  assert.ok(summarize(draft).some((f) => f.rule === 'section-missing'), 'a report title alone is a report being written');
});

test('an empty tab-separated form: every table is found, every row reported blank once', () => {
  const empty = (n: number) => Array.from({ length: n }, () => '');
  const keys = ['new', 'carry_in', 'r1', 'r2', 'r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8', 'r4_1', 'r4_2', 'r4_3', 'r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5', 'r6_1', 'r6_2', 'r6_3', 'total', 'carry_out'];
  const text = generateReport({ layout: 'L2', t3: Object.fromEntries(keys.map((k) => [k, empty(7)])), t4: empty(15), narrative: false });
  const r = lintText(text);
  const rules = summarize(r).map((f) => f.rule);
  assert.deepEqual([...new Set(rules)].sort(), ['table-blank-cell']);
  assert.equal(rules.length, 25 + 1, 'one per table-3 row and one for table 4');
  assert.deepEqual(r.report.tables.map((t) => t.kind).sort(), ['T2', 'T3', 'T4']);
});
