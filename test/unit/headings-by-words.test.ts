/**
 * A present heading is never “missing” (issue 13 item 5): a line (or, in one-line text, a span) that carries the
 * part's numeral in its place and enough of its title is that part's heading — reported as a variant, a typo or
 * misnumbered; `section-missing` stays for a part with no candidate at all. Real texts from test/fixtures/real.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type LintResult } from '../../server/src/core';
import { FIXTURES, SEEDS } from '../helpers';

const REAL = path.join(FIXTURES, 'real');
const real = (name: string): string => fs.readFileSync(path.join(REAL, name), 'utf8');
const lineNo = (text: string, at: number) => text.slice(0, at).split('\n').length;
const rules = (r: LintResult) => r.findings.map((f) => f.ruleId);
function at(r: LintResult, rule: string): number[] {
  return r.findings.filter((f) => f.ruleId === rule).map((f) => r.report.index.positionAt(f.range.start).line + 1);
}

const H02 = '五、存在的主要问题及改进情况';

test('洪泽区 2023: 五 in other words (工作中的不足及下步打算) is the heading of 五, a variant', () => {
  const src = real('02_hongze-qzf_2023.txt');
  const text = src.replace(H02, '五、工作中的不足及下步打算');
  const r = lint(text);
  assert.ok(!rules(r).includes('section-missing'));
  assert.deepEqual(at(r, 'section-heading-variant'), [lineNo(text, text.indexOf('五、工作中的不足'))]);
  const five = r.report.sections.find((s) => s.no === 5)!;
  assert.equal(five.heading.title, '工作中的不足及下步打算');
  // the quick fix writes the canonical title over the title only
  const f = r.findings.find((x) => x.ruleId === 'section-heading-variant')!;
  const e = f.fixes[0].edits[0];
  const fixed = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
  assert.equal(fixed, src);
});

test('洪泽区 2023: 四、行政复议和诉讼情况 is the heading of 四; table 4 is still read', () => {
  const text = real('02_hongze-qzf_2023.txt').replace('四、政府信息公开行政复议、行政诉讼情况', '四、行政复议和诉讼情况');
  const r = lint(text);
  assert.ok(!rules(r).includes('section-missing'));
  assert.deepEqual(at(r, 'section-heading-variant'), [136]);
  assert.equal(r.report.tables.find((t) => t.kind === 'T4')!.rows[0].cells.length, 15);
});

test('沭阳县发改局 2023 (HTML): a heading padded with &nbsp; (U+00A0 or the entity) is still the heading', () => {
  const src = real('11_shuyang-fgj-html_2023.txt');
  for (const pad of ['\u00a0'.repeat(120), '&nbsp;'.repeat(30), '\u3000'.repeat(60)]) {
    const text = src.replace('六、其他需要报告的事项', '六、其他需要报告的事项' + pad);
    const r = lint(text);
    assert.deepEqual(rules(r), rules(lint(src)), JSON.stringify(pad.slice(0, 6)));
    assert.equal(r.report.sections.find((s) => s.no === 6)!.heading.title, '其他需要报告的事项');
  }
});

test('上海市科委 2024 (parts numbered one lower): 一、主动公开情况 is 二, misnumbered and a variant', () => {
  const text = real('06_sh-kewei_2024.txt').replace('一、主动公开政府信息情况', '一、主动公开情况');
  const r = lint(text);
  const two = r.report.sections.find((s) => s.no === 2)!;
  assert.equal(two.heading.title, '主动公开情况');
  assert.ok(at(r, 'section-misnumbered').includes(two.heading.line + 1));
  assert.ok(at(r, 'section-heading-variant').includes(two.heading.line + 1));
  // 五 has no candidate in this text (a real gap of the extracted PDF): still missing
  assert.deepEqual(at(r, 'section-missing').length, 1);
});

test('one-line text: a heading in other words glued to the table before it (平潭 2021)', () => {
  const src = real('10_pingtan-glued_2021.txt');
  const text = src.replace('四、政府信息公开行政复议、行政诉讼情况', '四、行政复议和诉讼情况').replace('五、存在的主要问题及改进情况', '五、存在的不足及下一步工作计划');
  const r = lint(text);
  assert.ok(r.report.glued);
  assert.ok(!rules(r).includes('section-missing'), rules(r).join());
  assert.deepEqual(r.report.sections.map((s) => s.no), [1, 2, 3, 4, 5, 6]);
  assert.equal(r.report.sections.find((s) => s.no === 5)!.heading.title, '存在的不足及下一步工作计划');
  // table 4, between the two headings, is read as before
  assert.deepEqual(r.report.tables.find((t) => t.kind === 'T4')!.rows[0].cells.map((c) => c.value), [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]);
});

test('one-line text: a typo in a glued heading (平潭 2024)', () => {
  const text = real('12_pingtan-glued_2024.txt').replace('五、存在的主要问题及改进情况', '五、存在叶主要问题及改进情况');
  const r = lint(text);
  assert.ok(!rules(r).includes('section-missing'));
  assert.equal(r.report.sections.find((s) => s.no === 5)!.heading.title, '存在叶主要问题及改进情况');
});

test('near misses: no candidate, no heading — section-missing stays', () => {
  // 五 deleted; part 六 holds a parenthesised sub-heading with 五's words and a numbered plan line of another part
  const src = real('02_hongze-qzf_2023.txt');
  const text = src.replace(H02, '（五）存在的问题').replace('六、其他需要报告的事项', '六、其他需要报告的事项\n二、下一步改进打算');
  const r = lint(text);
  assert.equal(at(r, 'section-missing').length, 1);
  assert.ok(!r.report.sections.some((s) => s.no === 5));
  // 上海市政府办公厅 2025: no 五 heading in the extracted text (REVIEW: true positive)
  assert.equal(at(lint(real('07_sh-szfbgt_2025.txt')), 'section-missing').length, 1);
  // table-3 labels that start like headings are never headings
  const t3 = lint(src).report.headings.map((h) => h.title);
  assert.ok(!t3.some((t) => t.startsWith('结转下年度')));
});

const OTHER: Record<number, string[]> = {
  1: ['总体情况概述', '工作总体情况'],
  2: ['主动公开情况', '主动公开政府信息情况统计'],
  3: ['依申请公开情况', '收到和处理政府信息公开申请的情况'],
  4: ['行政复议和诉讼情况', '因政府信息公开被申请行政复议和行政诉讼情况'],
  5: ['工作中的不足及下步打算', '存在的不足及下一步工作计划'],
  6: ['其他事项', '其他需要报告的情况'],
};

test('generated variants of every heading of the seeds and real reports: the part is found (padding, spacing, typo, glued, other wording)', () => {
  const files = [
    ...fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => path.join(REAL, f)),
    ...fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => path.join(SEEDS, f)),
  ];
  let total = 0;
  const failed: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const base = lint(text);
    const missingBefore = base.findings.filter((f) => f.ruleId === 'section-missing').map((f) => f.message.zh);
    for (const s of base.report.sections) {
      const h = s.heading;
      if (s.duplicate || h.numeralKind !== 'cjk') continue;
      const variants: [string, string][] = [
        ['U+00A0 padding', text.slice(0, h.range.end) + '\u00a0'.repeat(60) + text.slice(h.range.end)],
        ['&nbsp; padding', text.slice(0, h.range.end) + '&nbsp;'.repeat(20) + text.slice(h.range.end)],
        ['spacing', text.slice(0, h.numeralRange.end) + ' 、 ' + text.slice(h.titleRange.start)],
        ['typo', text.slice(0, h.titleRange.start) + h.title.slice(0, 2) + '叶' + h.title.slice(3) + text.slice(h.titleRange.end)],
        ...OTHER[s.no].map((w): [string, string] => [`wording ${w}`, text.slice(0, h.titleRange.start) + w + text.slice(h.titleRange.end)]),
      ];
      for (const [kind, v] of variants) {
        total++;
        const r = lint(v);
        const newMissing = r.findings.some((f) => f.ruleId === 'section-missing' && !missingBefore.includes(f.message.zh));
        if (newMissing || !r.report.sections.some((x) => x.no === s.no)) failed.push(`${path.basename(file)} ${s.no} ${kind}`);
      }
    }
  }
  // one known miss: 06 numbers its parts one lower and has no 五, so `五、其他事项` may be 五 or 六 — not decided
  assert.deepEqual(failed, ['06_sh-kewei_2024.txt 6 wording 其他事项'], `${failed.length} of ${total}`);
});
