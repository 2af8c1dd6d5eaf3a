/**
 * The grids of tables 2–4 (core/views/grid.ts): the shape of the printed tables (official headers, every row
 * of the format in order, absent rows marked), the cells as read, the failing identities with their computed
 * value, blank and non-numeric cells, and the findings on cells and rows.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentGrids, lint, type GridBlock, type GridReport, type GridRow, type GridTable } from '../../server/src/core';
import { readFixture } from '../helpers';

const SEED_000 = '000_05e50274e597e28a.txt';
const SEED_001 = '001_0ce65c396658d36e.txt';
const SEED_002 = '002_1e18ee42ea4018a5.txt';

function grids(text: string, rules: Record<string, 'off' | 'error' | 'warning' | 'info'> = {}, withFindings = true): GridReport[] {
  const r = lint(text, { rules });
  return documentGrids(r.reports, withFindings ? r.findings : undefined);
}

function table(g: GridReport, kind: GridTable['kind']): GridTable {
  const t = g.tables.find((x) => x.kind === kind);
  assert.ok(t, `no ${kind}`);
  return t;
}

function row(t: GridTable, key: string): GridRow {
  for (const b of t.blocks) for (const r of b.rows) if (r.key === key) return r;
  assert.fail(`no row ${key} in ${t.kind}`);
}

/** The width of a header row counted with its spans and the cells above it that span down into it. */
function headerWidths(b: GridBlock): number[] {
  const carry: number[] = [];
  return b.header.map((cells, k) => {
    const w = (carry[k] ?? 0) + cells.reduce((n, c) => n + c.colSpan, 0);
    for (const c of cells) for (let d = 1; d < c.rowSpan; d++) carry[k + d] = (carry[k + d] ?? 0) + c.colSpan;
    return w;
  });
}

test('seed 000: the grids have the printed shape of the 2021 format', () => {
  const [g] = grids(readFixture('seeds', SEED_000));
  assert.equal(g.format, 'F2021');
  assert.equal(g.agency, '薛城区卫健局');
  assert.equal(g.year, 2021);
  assert.deepEqual(g.tables.map((t) => [t.kind, t.present]), [['T2', true], ['T3', true], ['T4', true]]);
  // T2: four sub-tables, captioned as the format prints them
  assert.deepEqual(table(g, 'T2').blocks.map((b) => b.caption), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  // T3: one block, 25 rows of the 2021 format, 7 columns, headers 申请人情况 › 自然人 / 法人或其他组织 › … / 总计
  const t3 = table(g, 'T3');
  assert.equal(t3.blocks.length, 1);
  const b = t3.blocks[0];
  assert.deepEqual(b.columns, ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
  assert.equal(b.rows.length, 25);
  assert.deepEqual(headerWidths(b), [7, 7, 7]);
  assert.deepEqual(b.header[2].map((h) => h.text), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.deepEqual(row(t3, 'r3_1').path, ['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密']);
  assert.deepEqual(row(t3, 'new').path, ['一、本年新收政府信息公开申请数量']);
  for (const r of b.rows) assert.ok(r.path.length <= b.stubDepth, r.key);
  // T4: one row of 15 cells under 行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉 › leaves
  const b4 = table(g, 'T4').blocks[0];
  assert.equal(b4.stubDepth, 0);
  assert.deepEqual(headerWidths(b4), [15, 15, 15]);
  assert.equal(b4.rows[0].cells.length, 15);
});

test('seed 000: the wrong total of （一）予以公开 is marked with its computed value; blank rows are blank', () => {
  const [g] = grids(readFixture('seeds', SEED_000));
  const t3 = table(g, 'T3');
  const r1 = row(t3, 'r1');
  const c7 = r1.cells.find((c) => c.column === 'c7');
  assert.ok(c7);
  assert.equal(c7.place.line, 108);
  assert.equal(c7.raw, '2');
  assert.deepEqual(c7.failures.map((f) => [f.rule, f.stated, f.computed]), [['table3-row-total', 2, 0]]);
  assert.ok(c7.formulas.some((f) => f.zh.includes('报告中为 2')), JSON.stringify(c7.formulas));
  assert.deepEqual(c7.rules, ['table3-row-total']);
  // the table lists the same failure, and no other
  assert.deepEqual(t3.failures.map((f) => [f.row, f.column, f.place.line]), [['r1', 'c7', 108]]);
  // the other cells of the row are plain numbers
  for (const c of r1.cells.filter((x) => x.column !== 'c7')) assert.deepEqual([c.state, c.failures.length, c.rules.length], ['number', 0, 0], c.column);
  // （七）总计 and 结转下年度: seven blank cells each, on lines 332–338 and 341–347, reported by table-blank-cell
  for (const [key, first] of [['total', 332], ['carry_out', 341]] as const) {
    const r = row(t3, key);
    assert.deepEqual(r.cells.map((c) => c.state), Array(7).fill('blank'), key);
    assert.deepEqual(r.cells.map((c) => c.place.line), [0, 1, 2, 3, 4, 5, 6].map((k) => first + k), key);
    for (const c of r.cells) assert.deepEqual(c.rules, ['table-blank-cell'], key);
  }
});

test('seed 001: rows that cannot be aligned keep their cells as written; rows lost to truncation are listed', () => {
  const [g] = grids(readFixture('seeds', SEED_001));
  assert.equal(g.format, 'F2019');
  assert.equal(table(g, 'T2').blocks.length, 5, 'five sub-tables in the 2019 format');
  const t3 = table(g, 'T3');
  for (const key of ['r1', 'r2']) {
    const r = row(t3, key);
    assert.equal(r.aligned, false);
    assert.equal(r.expected, 7);
    assert.equal(r.cells.length, 6);
    assert.deepEqual(r.cells.map((c) => c.column), ['#1', '#2', '#3', '#4', '#5', '#6']);
    assert.deepEqual(r.rules, ['table-row-cell-count']);
  }
  assert.deepEqual(
    t3.blocks[0].rows.filter((r) => r.state !== 'present').map((r) => [r.key, r.state]),
    [['r5_4', 'truncated'], ['r5_5', 'truncated'], ['r6', 'truncated'], ['total', 'truncated'], ['carry_out', 'truncated']],
  );
  // the orphan T4 row is read (section 四's heading is what is missing, not the table's cells)
  const t4 = row(table(g, 'T4'), 'T4');
  assert.equal(t4.cells.length, 15);
  for (const c of t4.cells) assert.deepEqual(c.rules, [], 'section-missing is not a finding on the cells');
});

/** Seed 002 (clean) with a T4 value changed, and a T3 row with a non-numeric and a blank cell. */
function damaged002(): string {
  const lines = readFixture('seeds', SEED_002).split('\n');
  assert.match(lines[71], /^0(\t0){14}$/);
  lines[71] = lines[71].replace(/^0/, '3');
  assert.match(lines[47], /4\. 保护第三方合法权益(\t0){7}$/);
  lines[47] = lines[47].replace(/(\t0){7}$/, '\t0\t0\t0\t0\t两\t\t0');
  return lines.join('\n');
}

test('seed 002 damaged: a wrong T4 block total, a non-numeric and a blank cell are marked', () => {
  const [clean] = grids(readFixture('seeds', SEED_002));
  for (const t of clean.tables) {
    assert.deepEqual(t.failures, [], t.kind);
    for (const b of t.blocks) for (const r of b.rows) {
      assert.equal(r.state, 'present', r.key);
      for (const c of r.cells) assert.equal(c.state, 'number', `${r.key}/${c.column}`);
    }
  }
  const [g] = grids(damaged002());
  const t4 = table(g, 'T4');
  assert.deepEqual(t4.failures.map((f) => [f.rule, f.column, f.stated, f.computed, f.formula]), [['table4-block-total', '5', 0, 3, '3 + 0 + 0 + 0']]);
  const cells = row(t4, 'T4').cells;
  assert.deepEqual(cells.filter((c) => c.failures.length).map((c) => c.columnLabel), ['行政复议/总计']);
  const r = row(table(g, 'T3'), 'r3_4');
  assert.equal(r.aligned, true);
  assert.deepEqual(r.cells.map((c) => c.state), ['number', 'number', 'number', 'number', 'text', 'blank', 'number']);
  assert.equal(r.cells[4].raw, '两');
  assert.deepEqual(r.cells[4].rules, ['table-non-numeric-cell']);
  assert.deepEqual(r.cells[5].rules, ['table-blank-cell']);
  // the row total cannot be computed with unknown cells: not marked wrong
  assert.deepEqual(r.cells[6].failures, []);
});

test('with findings, a failing identity whose rule is off is not marked; without findings it is', () => {
  const text = damaged002();
  const [off] = grids(text, { 'table4-block-total': 'off' });
  assert.deepEqual(table(off, 'T4').failures, []);
  const [all] = grids(text, { 'table4-block-total': 'off' }, false);
  assert.equal(table(all, 'T4').failures.length, 1);
});

test('the grids are plain data (survive JSON) and a document of two reports gives two grids', () => {
  const text = readFixture('seeds', SEED_000) + '\n\n' + readFixture('seeds', SEED_002);
  const g = grids(text);
  assert.equal(g.length, 2);
  assert.deepEqual(JSON.parse(JSON.stringify(g)), g);
  assert.equal(g[1].agency, '卫东区卫生健康委员会');
  assert.ok(g[1].firstLine > g[0].lastLine);
  // each report's grid takes only its own findings
  assert.equal(table(g[0], 'T3').failures.length, 1);
  assert.equal(table(g[1], 'T3').failures.length, 0);
});

test('a text without tables gives absent tables, not a crash', () => {
  const [g] = grids('某某局2021年政府信息公开工作年度报告\n\n一、总体情况\n\n无。\n');
  assert.deepEqual(g.tables.map((t) => [t.kind, t.present, t.blocks.length]), [['T2', false, 0], ['T3', false, 0], ['T4', false, 0]]);
  assert.equal(g.notAReport, undefined, 'a title and a heading: a report');
  const [none] = grids('# 项目说明\n\n本仓库保存各单位的年报草稿。\n');
  assert.equal(none.notAReport, true);
});
