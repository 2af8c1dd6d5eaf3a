/**
 * The table preview's data (server/src/core/views/preview.ts) and its HTML (client/src/preview/render.ts) on the
 * sample reports: the six parts, the grids of tables 2–4 in both formats, the wrong total of sample 000 with its
 * computed value, blank and unaligned cells, ranges that point at the text of each cell.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, lint, parseDocument, previewData, reportSpan, type PreviewCell, type PreviewData, type PreviewRow, type PreviewTable } from '../../server/src/core';
import { cellAt, indexCells, renderPreview, tipLines } from '../../client/src/preview/render';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, readFixture, seedNames } from '../helpers';

const [SEED0, SEED1, , , SEED4] = seedNames();

function preview(text: string, lang: 'zh' | 'en' = 'zh', findings = lint(text).findings): PreviewData {
  return previewData('file:///r.txt', 7, text, parseDocument(text), { lang, findings });
}

function table(d: PreviewData, kind: 'T2' | 'T3' | 'T4', k = 0): PreviewTable {
  const t = d.reports[k].tables.find((x) => x.kind === kind);
  assert.ok(t, `${kind} in the preview`);
  return t;
}

function row(t: PreviewTable, key: string): PreviewRow {
  const r = t.blocks.flatMap((b) => b.rows).find((x) => x.key === key);
  assert.ok(r, `row ${key} of ${t.kind}`);
  return r;
}

/** The text a range covers. */
function textAt(text: string, r: NonNullable<PreviewCell['range']>): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

const text0 = readFixture('seeds', SEED0);

test('sample 000: the wrong total of （一）予以公开 (line 108) states 2, is marked with the computed 0 and made of the six applicant cells', () => {
  const d = preview(text0);
  assert.equal(d.version, 7);
  assert.equal(d.isReport, true);
  assert.equal(d.reports.length, 1);
  const t3 = table(d, 'T3');
  const r1 = row(t3, 'r1');
  assert.equal(r1.label, '（一）予以公开');
  assert.deepEqual(r1.path, ['三、本年度办理结果']);
  const total = r1.cells[6];
  assert.equal(total.raw, '2');
  assert.equal(total.value, 2);
  assert.equal(total.state, 'number');
  assert.equal(total.derived, true);
  assert.equal(total.computed, '0');
  assert.equal(total.range?.start.line, 107, 'line 108 (1-based)');
  assert.equal(total.severity, 'error');
  assert.ok(total.problems.some((p) => p.includes('（一）予以公开') && p.includes('2') && p.includes('0')), total.problems.join('\n'));
  assert.match(total.formulas[0], /^总计 = 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 = 0；报告中为 2 ✗$/);
  assert.deepEqual(total.operands, r1.cells.slice(0, 6).map((c) => c.id));
  // exactly one wrong cell in the whole preview (the only failing identity of sample 000)
  const wrong = d.reports[0].tables.flatMap((t) => t.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells))).filter((c) => c.computed !== undefined);
  assert.deepEqual(wrong.map((c) => c.id), [total.id]);
  // an operand knows the totals it feeds into
  assert.ok(r1.cells[5].feeds.some((f) => f.startsWith('总计 = ')), r1.cells[5].feeds.join('\n'));
});

test('sample 000: the six parts — 一 misnumbered (look-alike dash), 二 and 四 present with their variant titles', () => {
  const s = preview(text0).reports[0].sections;
  assert.deepEqual(s.map((x) => x.mark), ['misnumbered', 'present', 'present', 'present', 'present', 'present']);
  assert.deepEqual(s.map((x) => x.name), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  assert.equal(s[0].written, '—、总体情况');
  assert.match(s[0].notes[0], /“—”/);
  assert.equal(s[0].range?.start.line, 1);
  assert.ok(s[1].notes.some((n) => n.includes('主动公开政府信息情况统计表')), s[1].notes.join());
  assert.ok(s[3].notes.some((n) => n.includes('因政府信息公开工作被申请行政复议、提起行政诉讼情况')), s[3].notes.join());
  assert.deepEqual(s[2].notes, []);
});

test('sample 000: blank cells of （七）总计 and 结转下年度 are marked blank with their finding, and are not wrong', () => {
  const t3 = table(preview(text0), 'T3');
  for (const key of ['total', 'carry_out']) {
    const r = row(t3, key);
    assert.deepEqual(r.cells.map((c) => c.state), Array(7).fill('blank'), key);
    for (const c of r.cells) {
      assert.equal(c.computed, undefined);
      assert.ok(c.problems.some((p) => p.includes('空白单元格')), `${key}: ${c.problems.join()}`);
      assert.equal(c.severity, 'warning');
    }
  }
  // numbers beside them carry no blank-cell message
  assert.ok(row(t3, 'new').cells.every((c) => c.problems.length === 0));
});

test('every cell range of every sample points at the text of that cell; the grids follow the format', () => {
  for (const name of seedNames()) {
    const text = readFixture('seeds', name);
    const d = preview(text);
    let cells = 0;
    for (const t of d.reports[0].tables) {
      for (const b of t.blocks) {
        for (const r of b.rows) {
          assert.equal(r.cells.length, b.columns.length, `${name} ${r.key}: one cell per column`);
          for (const c of r.cells) {
            if (c.state === 'absent') continue;
            cells++;
            assert.ok(c.range, `${name} ${c.id} has a range`);
            if (c.state === 'number' || c.state === 'text' || c.state === 'unaligned') {
              if (c.raw !== '') assert.equal(textAt(text, c.range).trim(), c.raw, `${name} ${c.id}`);
            }
          }
        }
      }
    }
    assert.ok(cells > 40, `${name}: ${cells} cells`);
  }
});

test('table headers: table 3 as printed (申请人情况 over 7 columns, 法人或其他组织 over 5), table 4 with 15 leaves', () => {
  const d = preview(text0);
  const b3 = table(d, 'T3').blocks[0];
  assert.equal(b3.labelColumns, 3);
  assert.deepEqual(b3.header[0].map((h) => [h.label, h.colSpan, h.rowSpan]), [
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3],
    ['申请人情况', 7, 1],
  ]);
  assert.deepEqual(b3.header[1].map((h) => [h.label, h.colSpan, h.rowSpan]), [['自然人', 1, 2], ['法人或其他组织', 5, 1], ['总计', 1, 2]]);
  assert.deepEqual(b3.header[2].map((h) => h.label), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.equal(b3.rows.length, 25, 'every row of the 2021 format');
  assert.deepEqual(row(table(d, 'T3'), 'r3_1').path, ['三、本年度办理结果', '（三）不予公开']);
  const b4 = table(d, 'T4').blocks[0];
  assert.equal(b4.labelColumns, 0);
  assert.deepEqual(b4.header[0].map((h) => [h.label, h.colSpan]), [['行政复议', 5], ['行政诉讼', 10]]);
  assert.equal(b4.header[2].length, 10);
  assert.equal(b4.columns.length, 15);
  // 2021 table 2: four sub-tables
  assert.deepEqual(table(d, 'T2').blocks.map((b) => b.caption), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
  assert.deepEqual(table(d, 'T2').blocks[0].header[0].map((h) => h.label), ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
});

test('sample 001 (2019 format, truncated): five 2019 sub-tables, one （六）其他处理 row, unaligned rows, missing rows and part 四', () => {
  const text = readFixture('seeds', SEED1);
  const d = preview(text);
  const r = d.reports[0];
  assert.equal(r.format, 'F2019');
  assert.deepEqual(r.sections.map((s) => s.mark), ['present', 'present', 'present', 'missing', 'present', 'present']);
  const t2 = table(d, 'T2');
  assert.deepEqual(t2.blocks.map((b) => b.caption), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
  assert.deepEqual(t2.blocks[4].columns.map((c) => c.label), ['采购项目数量', '采购总金额']);
  assert.deepEqual(row(t2, 'T2.行政许可').cells.map((c) => c.raw), ['19', '减少 18', '1']);
  const t3 = table(d, 'T3');
  assert.equal(row(t3, 'r6').label, '（六）其他处理');
  assert.deepEqual(row(t3, 'r6').path, ['三、本年度办理结果']);
  const r1 = row(t3, 'r1');
  assert.match(r1.note ?? '', /^[^7]*7.*6/);
  assert.deepEqual(r1.cells.map((c) => c.state), [...Array(6).fill('unaligned'), 'absent']);
  for (const key of ['r5_4', 'r5_5', 'r6', 'total', 'carry_out']) {
    const x = row(t3, key);
    assert.equal(x.present, false, key);
    assert.ok(x.cells.every((c) => c.state === 'absent'), key);
  }
  assert.ok(t3.notes.some((n) => n.includes('5')), t3.notes.join());
  assert.ok(table(d, 'T4').notes.some((n) => n.includes('97')), 'the orphan table 4 row is on line 97');
});

test('a total whose rule is off is not marked wrong (as the inlay hints); without findings every failing total is', () => {
  const off = lint(text0, { rules: { 'table3-row-total': 'off' } }).findings;
  const r1 = row(table(preview(text0, 'zh', off), 'T3'), 'r1');
  assert.equal(r1.cells[6].computed, undefined);
  assert.match(r1.cells[6].formulas[0], /✗/, 'the formula still says it does not add up');
  const all = previewData('u', 1, text0, parseDocument(text0));
  assert.equal(row(table(all, 'T3'), 'r1').cells[6].computed, '0');
});

test('typing the fix (其他 of （一）予以公开 from 0 to 2, line 107) turns the total normal', () => {
  const lines = text0.split('\n');
  assert.equal(lines[106], '\t0');
  const start = lines.slice(0, 106).reduce((n, l) => n + l.length + 1, 0) + 1;
  const fixed = applyEdits(text0, [{ range: { start, end: start + 1 }, newText: '2' }]);
  const r1 = row(table(preview(fixed), 'T3'), 'r1');
  assert.equal(r1.cells[6].computed, undefined);
  assert.equal(r1.cells[6].severity, undefined);
  assert.match(r1.cells[6].formulas[0], /= 2 ✓$/);
});

test('English: interface words, notes and formulas in English', () => {
  const d = preview(text0, 'en');
  assert.equal(d.lang, 'en');
  assert.equal(d.ui.missing, 'missing');
  const t3 = table(d, 'T3');
  assert.match(t3.title, /^Table 3 · /);
  assert.match(row(t3, 'r1').cells[6].formulas[0], /the report says 2/);
  assert.match(d.reports[0].sections[0].notes[0], /not the character/);
});

test('a document that is no report: nothing to draw', () => {
  const plain = '购物清单\n苹果 3 个\n';
  const d = previewData('u', 1, plain, parseDocument(plain));
  assert.equal(d.isReport, false);
  assert.deepEqual(d.reports, []);
  assert.match(renderPreview(d), /未识别/);
});

test('sample 004 (PDF text): 2021 grids, the unaligned （一）予以公开 row and the other rows as numbers', () => {
  const d = preview(readFixture('seeds', SEED4));
  const t3 = table(d, 'T3');
  assert.deepEqual(row(t3, 'r1').cells.map((c) => c.state), [...Array(6).fill('unaligned'), 'absent']);
  assert.ok(row(t3, 'r6_3').cells.every((c) => c.state === 'number'));
  assert.equal(row(t3, 'r6_3').path[1], '（六）其他处理');
});

test('a document holding two reports: the list of both, the one at the line in full (its cell ids prefixed by its index)', () => {
  const text4 = readFixture('seeds', SEED4);
  const both = text0 + (text0.endsWith('\n') ? '' : '\n') + text4;
  const reports = parseDocument(both);
  assert.equal(reports.length, 2);
  const { findings } = lint(both);
  const first = previewData('u', 1, both, reports, { findings });
  assert.deepEqual(first.list.map((r) => [r.index, r.firstLine]), [[0, 0], [1, reports[1].firstLine]]);
  assert.match(first.list[0].title, /^薛城区卫健局2021年度/);
  assert.match(first.list[1].title, /绥滨县/);
  assert.equal(first.list[0].counts.errors, 1);
  assert.equal(first.reports.length, 1);
  assert.equal(first.reports[0].index, 0);
  assert.equal(row(table(first, 'T3'), 'r1').cells[6].computed, '0');
  const second = previewData('u', 1, both, reports, { findings, line: reports[1].firstLine + 30 });
  assert.equal(second.reports[0].index, 1);
  assert.match(second.reports[0].title ?? '', /绥滨县/);
  assert.ok(row(table(second, 'T3'), 'r1').cells.every((c) => c.id.startsWith('1:T3:r1:')));
  const firstRange = row(table(second, 'T3'), 'r1').cells[0].range;
  assert.ok(firstRange);
  assert.equal(firstRange.start.line > reports[1].firstLine, true, 'ranges in the whole document');
  // given only the report at the line (a large document's check keeps the others unparsed), the same answer
  const spans = reports.map((r) => reportSpan(r));
  const only = previewData('u', 1, both, [reports[1]], { findings, line: reports[1].firstLine + 30, spans });
  assert.deepEqual(only, second);
  assert.match(renderPreview(second), /class="report-list"/);
  assert.doesNotMatch(renderPreview(preview(text0)), /class="report-list"/, 'no list for a single report');
});

test('real reports (test/fixtures/real): every report previews, every cell range holds its text, each wrong total has its finding', () => {
  const dir = path.join(FIXTURES, 'real');
  const IDENTITY_RULES = /^table3-(row-total|legal-subtotal|group-subtotal|results-total|column-balance)$|^table4-block-total$/;
  let reports = 0;
  let cells = 0;
  let wrong = 0;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const parsed = parseDocument(text);
    const { findings } = lint(text);
    for (const r of parsed.filter((x) => !x.notAReport)) {
      const d = previewData('u', 1, text, parsed, { findings, line: r.firstLine });
      assert.equal(d.reports.length, 1, name);
      reports++;
      for (const t of d.reports[0].tables) {
        for (const b of t.blocks) {
          for (const row of b.rows) {
            for (const c of row.cells) {
              if (c.state === 'absent') continue;
              cells++;
              if ((c.state === 'number' || c.state === 'text') && c.raw) assert.equal(textAt(text, c.range!).trim(), c.raw, `${name} ${c.id}`);
              if (c.computed === undefined) continue;
              wrong++;
              const line = c.range!.start.line;
              assert.ok(
                findings.some((f) => IDENTITY_RULES.test(f.ruleId) && r.index.positionAt(f.range.start).line === line),
                `${name} ${c.id}: marked wrong without a finding on line ${line + 1}`,
              );
            }
          }
        }
      }
    }
  }
  assert.ok(reports >= 10 && cells > 1000, `${reports} reports, ${cells} cells`);
  assert.ok(wrong > 0, 'some real report has a wrong total');
});

// ------------------------------------------------------------------ the HTML the webview draws (render.ts)

test('render: the wrong cell is red-marked with its computed value; group labels span their rows; text is escaped', () => {
  const d = preview(text0);
  const html = renderPreview(d);
  const total = row(table(d, 'T3'), 'r1').cells[6];
  const td = new RegExp(`<td class="([^"]*)" data-id="${total.id}"[^>]*>(.*?)</td>`).exec(html);
  assert.ok(td, 'the total cell is drawn');
  assert.match(td[1], /\bwrong\b/);
  assert.match(td[2], /<span class="v">2<\/span><span class="computed"[^>]*>0<\/span>/);
  assert.match(html, /<th class="group" rowspan="8" scope="rowgroup">（三）不予公开<\/th>/);
  assert.match(html, /<th class="group" rowspan="\d+" scope="rowgroup">三、本年度办理结果<\/th>/);
  assert.doesNotMatch(html, /style=|<script/i, 'no inline style or script (the CSP allows neither)');
  const evilText = text0.replace('薛城区卫健局2021年度', '<img src=x onerror=alert(1)>薛城区卫健局2021年度');
  const evil = previewData('u', 1, evilText, parseDocument(evilText));
  const evilHtml = renderPreview(evil);
  assert.doesNotMatch(evilHtml, /<img/);
  assert.match(evilHtml, /&lt;img src=x/);
});

test('render: the cell under the cursor, its tooltip lines (row, column, formula)', () => {
  const d = preview(text0);
  const index = indexCells(d);
  const atTotal = cellAt(index, { line: 107, character: 0 });
  assert.equal(atTotal?.cell.id, row(table(d, 'T3'), 'r1').cells[6].id, 'the indentation before the value still finds the cell');
  assert.equal(cellAt(index, { line: 107, character: 2 })?.cell.id, atTotal?.cell.id);
  assert.equal(cellAt(index, { line: 6, character: 3 }), undefined, 'narrative is no cell');
  const tip = tipLines(atTotal!, d);
  assert.equal(tip[1], '行：（一）予以公开');
  assert.equal(tip[2], '列：总计');
  assert.equal(tip[3], '第108行');
  assert.ok(tip.some((l) => l.includes('= 0') && l.includes('报告中为 2')), tip.join('\n'));
});
