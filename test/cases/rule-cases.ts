/**
 * Rule cases: a firing case and a near miss for every rule, as whole reports with their exact expected
 * findings. Cases mutate a generated clean report (seed 5: all identities hold, no finding).
 * Shared by the rule tests and the fix-then-recheck tests.
 */

import { parseReport, type LintOptions } from '../../server/src/core';
import { generateReport, type GenOptions } from '../gen/report';
import type { Expected } from '../helpers';
import { glue } from '../gen/glued';

const base = (o: GenOptions = {}) => generateReport({ format: 'F2021', layout: 'L2', seed: 5, ...o });

export function lineOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found: ${needle}`);
  }
  return text.slice(0, at).split('\n').length;
}

export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`not found: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function replaceLine(text: string, startsWith: string, to: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(startsWith));
  if (i < 0) throw new Error(`no line starts with ${startsWith}`);
  lines[i] = to;
  return lines.join('\n');
}

export interface Case {
  rule: string;
  name: string;
  text: string;
  expect: Expected[];
  options?: LintOptions;
}

export const RULE_CASES: Case[] = [];
const cases = RULE_CASES;
const add = (c: Case) => cases.push(c);

// ---------------------------------------------------------------- baseline
for (const format of ['F2021', 'F2019'] as const) {
  add({ rule: '(none)', name: `clean ${format} report`, text: base({ format }), expect: [] });
}

// ---------------------------------------------------------------- structure
{
  const t = base({ omitSections: [5] });
  add({ rule: 'section-missing', name: 'section 五 deleted: reported at 六', text: t, expect: [{ rule: 'section-missing', line: lineOf(t, '六、其他需要报告的事项'), severity: 'error' }] });
  const t6 = base({ omitSections: [6] });
  add({
    rule: 'section-missing',
    name: 'last section deleted: reported at the end (the fee statement is now outside 六)',
    text: t6,
    expect: [
      { rule: 'section-missing', line: t6.split('\n').length },
      { rule: 'fee-statement-missing', line: lineOf(t6, '本年度未收取'), severity: 'info' },
    ],
  });
}
{
  const t = base();
  const five = '五、存在的主要问题及改进情况';
  const six = '六、其他需要报告的事项';
  const swapped = replaceOnce(replaceOnce(t, five, '@@5'), six, five).replace('@@5', six);
  add({
    rule: 'section-order',
    name: '六 before 五 (the fee statement now sits in 五)',
    text: swapped,
    expect: [
      { rule: 'section-order', line: lineOf(swapped, five), severity: 'error' },
      { rule: 'fee-statement-missing', line: lineOf(swapped, '本年度未收取'), severity: 'info' },
      // 五 now holds only the fee statement: neither problems nor improvement
      { rule: 'improvement-missing', line: lineOf(swapped, five), severity: 'warning' },
      { rule: 'improvement-missing', line: lineOf(swapped, five), severity: 'warning' },
    ],
  });
}
{
  const t = base();
  const dup = replaceOnce(t, '进一步完善公开制度，提升公开质量。', '进一步完善公开制度，提升公开质量。\n五、存在的主要问题及改进情况');
  add({ rule: 'section-duplicate', name: 'heading 五 twice', text: dup, expect: [{ rule: 'section-duplicate', line: lineOf(dup, '五、存在的主要问题及改进情况', 2), severity: 'error' }] });
}
{
  const t = replaceOnce(base(), '五、存在的主要问题', '四、存在的主要问题');
  add({ rule: 'section-misnumbered', name: '五 numbered 四', text: t, expect: [{ rule: 'section-misnumbered', line: lineOf(t, '四、存在的主要问题'), severity: 'warning' }] });
  const nonum = replaceOnce(base(), '五、存在的主要问题及改进情况', '存在的主要问题及改进情况');
  add({ rule: 'section-misnumbered', name: 'heading without numeral', text: nonum, expect: [{ rule: 'section-misnumbered', line: lineOf(nonum, '存在的主要问题及改进情况') }] });
  const no4 = base({ omitSections: [4] });
  add({ rule: 'section-misnumbered', name: 'near miss: 四 missing, 五 stays 五', text: no4, expect: [{ rule: 'section-missing', line: lineOf(no4, '行政复议\t行政诉讼') }] });
}
{
  const t = replaceOnce(base(), '一、总体情况', '—、总体情况');
  add({ rule: 'section-numeral-lookalike', name: 'em dash for 一', text: t, expect: [{ rule: 'section-numeral-lookalike', line: lineOf(t, '—、总体情况'), severity: 'warning' }] });
  const k = replaceOnce(base(), '一、总体情况', '\u2f00、总体情况');
  add({ rule: 'section-numeral-lookalike', name: 'near miss: Kangxi radical 一 folds silently', text: k, expect: [] });
}
{
  const t = replaceOnce(base(), '五、存在的主要问题及改进情况', '五、存在的主要问题和改进措施');
  add({ rule: 'section-heading-variant', name: 'known variant of 五', text: t, expect: [{ rule: 'section-heading-variant', line: lineOf(t, '五、存在'), severity: 'info' }] });
}
{
  const t = replaceOnce(base(), '五、存在的主要问题及改进情况', '五、存在的主要问题及改近情况');
  add({ rule: 'section-heading-typo', name: 'typo in 五', text: t, expect: [{ rule: 'section-heading-typo', line: lineOf(t, '五、存在'), severity: 'warning' }] });
  const near = replaceOnce(base(), '（一）存在的主要问题', '一、存在问题\n（一）存在的主要问题');
  add({ rule: 'section-heading-typo', name: 'near miss: a numbered sub-item inside 五 is no heading', text: near, expect: [] });
}
{
  const gap = replaceOnce(base(), '（三）政府信息管理方面', '（四）政府信息管理方面');
  add({ rule: 'subsection-numbering', name: 'gap （一）（二）（四）', text: gap, expect: [{ rule: 'subsection-numbering', line: lineOf(gap, '（四）政府信息管理'), severity: 'warning' }] });
  const half = replaceOnce(base(), '（二）依申请公开方面', '(二)依申请公开方面');
  add({ rule: 'subsection-numbering', name: 'half-width brackets among full-width', text: half, expect: [{ rule: 'subsection-numbering', line: lineOf(half, '(二)依申请'), severity: 'info' }] });
  const nested = replaceOnce(base(), '严格落实公开前保密审查制度。', '严格落实公开前保密审查制度。\n（1）建立审查台账。\n（2）明确审查责任。');
  add({ rule: 'subsection-numbering', name: 'near miss: nested （1）（2） under （三）', text: nested, expect: [] });
  const arabic = replaceOnce(base(), '（三）政府信息管理方面', '（3）政府信息管理方面');
  add({ rule: 'subsection-numbering', name: 'Arabic （3） after （一）（二）', text: arabic, expect: [{ rule: 'subsection-numbering', line: lineOf(arabic, '（3）'), severity: 'warning' }] });
}
{
  const t = base({ format: 'F2019', year: 2022 });
  add({ rule: 'format-year-mismatch', name: '2022 report in the 2019 format', text: t, expect: [{ rule: 'format-year-mismatch', line: 1, severity: 'warning' }] });
  add({ rule: 'format-year-mismatch', name: 'near miss: 2020 report in the 2019 format', text: base({ format: 'F2019', year: 2020 }), expect: [] });
}
{
  const t = replaceOnce(base(), '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '信息内容\t本年新制作数量\t本年新公开数量\t现行有效件数');
  add({ rule: 'format-mixed', name: '2019 columns in a 2021 table', text: t, expect: [{ rule: 'format-mixed', line: lineOf(t, '本年新制作数量'), severity: 'warning' }] });
}
{
  const t = replaceOnce(base(), '某某县卫生健康局2022年政府信息公开工作年度报告', '某某县卫生健康局政府信息公开工作年度报告');
  add({ rule: 'report-year-missing', name: 'title without year', text: t, expect: [{ rule: 'report-year-missing', line: 1, severity: 'info' }] });
}
{
  const t = replaceOnce(base(), '严格落实公开前保密审查制度。', '严格落实公开前保密审查制度锟斤拷。');
  add({ rule: 'encoding-suspect', name: 'mojibake suppresses all other rules', text: replaceOnce(t, '五、存在', '四、存在'), expect: [{ rule: 'encoding-suspect', line: lineOf(t, '锟斤拷'), severity: 'warning' }] });
}
add({ rule: 'not-a-report', name: 'plain text that is no report', text: '会议纪要\n今天讨论了三件事。\n', expect: [{ rule: 'not-a-report', line: 1, severity: 'info' }] });

// ---------------------------------------------------------------- generic table rules
{
  const t = base();
  const lines = t.split('\n');
  const h = lines.findIndex((l) => l.startsWith('四、政府信息公开'));
  const noT4 = [...lines.slice(0, h + 1), ...lines.slice(h + 4)].join('\n');
  add({ rule: 'table-missing', name: 'section 四 without its table', text: noT4, expect: [{ rule: 'table-missing', line: h + 1, severity: 'error' }] });
}
{
  const t = base();
  const lines = t.split('\n');
  const from = lines.findIndex((l) => l.startsWith('4.无正当理由'));
  const to = lines.findIndex((l) => l.startsWith('四、结转下年度'));
  const cut = [...lines.slice(0, from), ...lines.slice(to + 1)].join('\n');
  add({ rule: 'table-truncated', name: 'table 3 cut after 3.要求提供公开出版物', text: cut, expect: [{ rule: 'table-truncated', line: lineOf(cut, '3.要求提供公开出版物'), severity: 'error' }] });
}
{
  const t = base();
  const lines = t.split('\n');
  const i = lines.findIndex((l) => l.startsWith('4.保护第三方'));
  // keep the arithmetic consistent: the missing row's values were 6,0,2,0,2,1 = 11; fold them into 3.危及 row
  lines.splice(i, 1);
  const j = lines.findIndex((l) => l.startsWith('3.危及'));
  lines[j] = '3.危及“三安全一稳定”\t14\t0\t2\t0\t2\t1\t19';
  const miss = lines.join('\n');
  add({ rule: 'table-row-missing', name: 'row 4.保护第三方合法权益 deleted', text: miss, expect: [{ rule: 'table-row-missing', line: lineOf(miss, '5.属于三类'), severity: 'error' }] });
}
{
  const t = base({ layout: 'L3' });
  const bad = replaceOnce(t, '（一）予以公开 0 0 1 1 0 0 2', '（一）予以公开 0 0 1 1 0 2');
  add({ rule: 'table-row-cell-count', name: 'PDF row with 6 of 7 values', text: bad, expect: [{ rule: 'table-row-cell-count', line: lineOf(bad, '（一）予以公开'), severity: 'warning' }] });
}
{
  const t = replaceLine(base(), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t1\t\t1');
  add({ rule: 'table-blank-cell', name: 'F2021 blank input cell (W) with a safe fill-0 fix', text: t, expect: [{ rule: 'table-blank-cell', line: lineOf(t, '2.重复申请'), severity: 'warning' }] });
  const t19 = replaceLine(base({ format: 'F2019' }), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t1\t\t1');
  add({ rule: 'table-blank-cell', name: 'F2019 blank input cell counts as 0 (I only)', text: t19, expect: [{ rule: 'table-blank-cell', line: lineOf(t19, '2.重复申请'), severity: 'info' }] });
}
{
  const t = replaceLine(base(), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t两\t0\t1');
  add({ rule: 'table-non-numeric-cell', name: '两 in a count cell', text: t, expect: [{ rule: 'table-non-numeric-cell', line: lineOf(t, '2.重复申请'), severity: 'error' }] });
}
{
  const t = replaceLine(base(), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t1件\t0\t1');
  add({ rule: 'table-cell-unit', name: '1件: unit reported, value used', text: t, expect: [{ rule: 'table-cell-unit', line: lineOf(t, '2.重复申请'), severity: 'info' }] });
}
{
  const t = replaceLine(base(), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t1.5\t0\t1');
  add({ rule: 'table-cell-not-integer', name: 'decimal in a count cell', text: t, expect: [{ rule: 'table-cell-not-integer', line: lineOf(t, '2.重复申请'), severity: 'error' }] });
}
{
  const t = replaceLine(base(), '2.重复申请', '2.重复申请\t0\t0\t0\t0\t-1\t0\t1');
  add({ rule: 'table-cell-negative', name: 'negative count', text: t, expect: [{ rule: 'table-cell-negative', line: lineOf(t, '2.重复申请'), severity: 'error' }] });
}
{
  const t = replaceLine(base(), '行政规范性文件', '规范性文件\t1\t0\t3');
  add({ rule: 'table-label-variant', name: '规范性文件 in the 2021 format', text: t, expect: [{ rule: 'table-label-variant', line: lineOf(t, '规范性文件\t1'), severity: 'info' }] });
  add({ rule: 'table-label-variant', name: 'near miss: 规范性文件 is canonical in the 2019 format', text: base({ format: 'F2019' }), expect: [] });
}
{
  const t = replaceOnce(base(), '4.保护第三方合法权益', '4.保护第三方合法权利');
  add({ rule: 'table-label-typo', name: 'label typo', text: t, expect: [{ rule: 'table-label-typo', line: lineOf(t, '4.保护第三方'), severity: 'warning' }] });
}

// ---------------------------------------------------------------- identities
{
  const t = replaceOnce(base(), '（一）予以公开\t0\t0\t1\t1\t0\t0\t2', '（一）予以公开\t0\t0\t1\t1\t0\t0\t3');
  const l = lineOf(t, '（一）予以公开');
  add({
    rule: 'table3-row-total',
    name: 'row total off by one (also breaks the 总计 column; the balance uses the stated 总计)',
    text: t,
    expect: [
      { rule: 'table3-row-total', line: l, severity: 'error' },
      { rule: 'table3-results-total', line: lineOf(t, '（七）总计') },
    ],
  });
  const single = replaceOnce(base(), '（一）予以公开\t0\t0\t1\t1\t0\t0\t2', '（一）予以公开\t0\t0\t0\t1\t0\t0\t2');
  add({
    rule: 'table3-row-total',
    name: 'one applicant cell wrong: row and its column fail by the same delta',
    text: single,
    expect: [
      { rule: 'table3-row-total', line: l },
      { rule: 'table3-results-total', line: lineOf(single, '（七）总计') },
    ],
  });
}
{
  const t = replaceOnce(base(), '（七）总计\t38\t10\t7\t9\t11\t11\t86', '（七）总计\t39\t10\t7\t9\t11\t11\t87');
  add({
    rule: 'table3-results-total',
    name: '总计 of 自然人 and 总计 off by one',
    text: t,
    expect: [
      { rule: 'table3-results-total', line: lineOf(t, '（七）总计') },
      { rule: 'table3-results-total', line: lineOf(t, '（七）总计') },
      { rule: 'table3-column-balance', line: lineOf(t, '四、结转下年度') },
      { rule: 'table3-column-balance', line: lineOf(t, '四、结转下年度') },
    ],
  });
}
{
  const t = replaceOnce(base(), '四、结转下年度继续办理\t1\t1\t1\t0\t1\t1\t5', '四、结转下年度继续办理\t2\t1\t1\t0\t1\t1\t6');
  add({
    rule: 'table3-column-balance',
    name: 'carried over one too many',
    text: t,
    expect: [
      { rule: 'table3-column-balance', line: lineOf(t, '四、结转下年度'), severity: 'error' },
      { rule: 'table3-column-balance', line: lineOf(t, '四、结转下年度') },
    ],
  });
}
{
  const t = replaceOnce(base(), '0\t0\t1\t2\t3\t0\t0\t2\t1\t3\t1\t2\t0\t2\t5', '0\t0\t1\t2\t4\t0\t0\t2\t1\t3\t1\t2\t0\t2\t5');
  add({ rule: 'table4-block-total', name: '行政复议 total off by one', text: t, expect: [{ rule: 'table4-block-total', line: lineOf(t, '0\t0\t1\t2\t4'), severity: 'error' }] });
}
{
  // the optional 法人或其他组织小计 column: 8 values per row
  const t = base();
  const lines = t.split('\n').map((l) => {
    const cells = l.split('\t');
    const isRow = cells.length >= 8 && cells.length <= 9 && !/^\d+$/.test(cells[0]) && cells.slice(-7).every((c) => /^\d+$/.test(c));
    if (!isRow) return l;
    const v = cells.slice(-7).map(Number);
    const legal = v[1] + v[2] + v[3] + v[4] + v[5];
    return [...cells.slice(0, -7), ...v.slice(0, 6), String(legal), String(v[6])].join('\t');
  });
  const withL = lines.join('\n').replace('自然人\t法人或其他组织\t总计', '自然人\t法人或其他组织\t小计\t总计');
  add({ rule: 'table3-legal-subtotal', name: 'near miss: consistent 小计 column', text: withL, expect: [] });
  const bad = withL.replace(/(（一）予以公开\t(?:\d+\t){6})(\d+)/, (_, a: string, s: string) => a + String(Number(s) + 1));
  add({
    rule: 'table3-legal-subtotal',
    name: '小计 off by one (the 小计 column of （七）总计 no longer adds up either)',
    text: bad,
    expect: [
      { rule: 'table3-legal-subtotal', line: lineOf(bad, '（一）予以公开'), severity: 'error' },
      { rule: 'table3-results-total', line: lineOf(bad, '（七）总计'), severity: 'error' },
    ],
  });
}
{
  // a group subtotal row: （四）无法提供 followed by its own numbers
  const t = base();
  const sub = replaceOnce(t, '（四）无法提供\t1.本机关不掌握相关政府信息', '（四）无法提供\t7\t3\t2\t2\t2\t2\t18\n1.本机关不掌握相关政府信息');
  add({ rule: 'table3-group-subtotal', name: 'near miss: consistent subtotal row', text: sub, expect: [] });
  const bad = replaceOnce(t, '（四）无法提供\t1.本机关不掌握相关政府信息', '（四）无法提供\t7\t3\t2\t2\t2\t1\t17\n1.本机关不掌握相关政府信息');
  add({
    rule: 'table3-group-subtotal',
    name: 'subtotal 其他 and 总计 off by one',
    text: bad,
    expect: [
      { rule: 'table3-group-subtotal', line: lineOf(bad, '（四）无法提供'), severity: 'error' },
      { rule: 'table3-group-subtotal', line: lineOf(bad, '（四）无法提供'), severity: 'error' },
    ],
  });
}
{
  const t = replaceLine(base(), '行政规范性文件', '行政规范性文件\t5\t0\t3');
  add({ rule: 'table2-valid-count', name: 'in force 3 < issued 5 − repealed 0', text: t, expect: [{ rule: 'table2-valid-count', line: lineOf(t, '行政规范性文件'), severity: 'warning' }] });
}
{
  const t = replaceLine(base({ format: 'F2019' }), '行政许可', '行政许可\t3\t减少18\t1');
  add({ rule: 'table2-change-plausibility', name: 'decrease 18 from 3', text: t, expect: [{ rule: 'table2-change-plausibility', line: lineOf(t, '行政许可'), severity: 'warning' }] });
}

// ---------------------------------------------------------------- narrative and metadata
{
  const t = replaceOnce(base(), '共收到政府信息公开申请86件', '共收到政府信息公开申请87件');
  add({ rule: 'narrative-table-mismatch', name: '87 in the text, 86 in the table', text: t, expect: [{ rule: 'narrative-table-mismatch', line: lineOf(t, '87件'), severity: 'warning' }] });
  const hotline = replaceOnce(base(), '严格落实公开前保密审查制度。', '全年受理热线咨询信息公开申请类来电12件。');
  add({ rule: 'narrative-table-mismatch', name: 'near miss: hotline counts are skipped', text: hotline, expect: [] });
}
{
  const t = replaceOnce(base(), '通过政府门户网站主动公开各类信息，', '主动公开信息31条，其中门户网站10条、微信公众号5条；');
  add({ rule: 'narrative-sum-mismatch', name: '10 + 5 ≠ 31', text: t, expect: [{ rule: 'narrative-sum-mismatch', line: lineOf(t, '31条'), severity: 'info' }] });
  const ok = replaceOnce(base(), '通过政府门户网站主动公开各类信息，', '主动公开信息31条，其中门户网站21条、微信公众号10条；');
  add({ rule: 'narrative-sum-mismatch', name: 'near miss: 21 + 10 = 31', text: ok, expect: [] });
}
{
  const t = base({ feeStatement: false });
  add({ rule: 'fee-statement-missing', name: '六 says 无', text: t, expect: [{ rule: 'fee-statement-missing', line: lineOf(t, '六、其他需要报告的事项'), severity: 'warning' }] });
  add({ rule: 'fee-statement-missing', name: 'near miss: 2019 format', text: base({ format: 'F2019', feeStatement: false }), expect: [] });
  const fee = replaceLine(base({ feeStatement: false }), '行政事业性收费', '行政事业性收费\t471.56');
  add({ rule: 'fee-statement-missing', name: '行政事业性收费 is no information-processing fee', text: fee, expect: [{ rule: 'fee-statement-missing', line: lineOf(fee, '六、其他需要报告的事项') }] });
}
{
  const t = replaceOnce(base(), '本年度未收取政府信息公开信息处理费。', '本年度未收取政府信息公开信息处理费。\n本年度收取信息处理费100元。');
  add({ rule: 'fee-statement-contradiction', name: 'none collected, then 100元', text: t, expect: [{ rule: 'fee-statement-contradiction', line: lineOf(t, '100元'), severity: 'warning' }] });
}
{
  const t = replaceOnce(base(), '2022年，某某县卫生健康局认真贯彻', '本报告数据统计期限为2021年1月1日至2021年12月31日。2022年，某某县卫生健康局认真贯彻');
  add({
    rule: 'report-year-mismatch',
    name: 'statistics period names another year',
    text: t,
    expect: [
      { rule: 'report-year-mismatch', line: lineOf(t, '统计期限'), severity: 'warning' },
      { rule: 'report-year-mismatch', line: lineOf(t, '统计期限') },
    ],
  });
}
{
  const t = replaceOnce(base(), '2023年1月20日', '2023年3月1日');
  add({ rule: 'publication-deadline', name: 'department signing after 1月31日', text: t, expect: [{ rule: 'publication-deadline', line: lineOf(t, '2023年3月1日'), severity: 'info' }] });
  const gov = replaceOnce(base({ agency: '某某县人民政府' }), '2023年1月20日', '2023年3月1日');
  add({ rule: 'publication-deadline', name: 'near miss: a 县人民政府 has until 3月31日', text: gov, expect: [] });
}
{
  const t = replaceOnce(base(), '持续推进政务公开工作。', '按照县委县政务的统一部署，持续推进政务公开工作。');
  add({ rule: 'typo-known', name: '县委县政务', text: t, expect: [{ rule: 'typo-known', line: lineOf(t, '县委县政务'), severity: 'warning' }] });
  const near = replaceOnce(base(), '持续推进政务公开工作。', '依托县委县政务服务中心，持续推进政务公开工作。');
  add({ rule: 'typo-known', name: 'near miss: 县委县政务服务中心', text: near, expect: [] });
}

// ---------------------------------------------------------------- cross-year

/** A generated report with three of its four compared sentences of parts 一 and 五 written differently. */
export function reworded(text: string): string {
  let t = replaceOnce(text, '强化监督保障，持续推进政务公开工作。', '围绕中心工作，把政务公开作为提升服务的重要抓手。');
  t = replaceOnce(t, '通过政府门户网站主动公开各类信息，及时回应社会关切。', '在政府门户网站集中发布部门预决算和医疗机构名录等信息。');
  t = replaceOnce(t, '进一步完善公开制度，提升公开质量。', '下一步将建立信息更新提醒机制，丰富政策解读形式。');
  return t;
}
{
  // last year: 行政规范性文件 1/0/2 in force, carried over (1,1,1,0,1,1,5); its text reworded (not a copy of this year's)
  const prevText = replaceLine(reworded(base({ year: 2021 })), '行政规范性文件', '行政规范性文件\t1\t0\t2');
  const prev = { report: parseReport(prevText), name: '2021.txt', uri: 'file:///r/2021.txt' };
  const t = base();
  add({
    rule: 'cross-year-carryover',
    name: 'carried in ≠ last year carried over',
    text: t,
    options: { previousYear: prev },
    // carry_in (1,1,0,2,0,1,5) vs 2021 carry_out (1,1,1,0,1,1,5): 科研机构, 社会公益组织, 法律服务机构 differ
    expect: [
      { rule: 'cross-year-carryover', line: lineOf(t, '二、上年结转'), severity: 'warning' },
      { rule: 'cross-year-carryover', line: lineOf(t, '二、上年结转'), severity: 'warning' },
      { rule: 'cross-year-carryover', line: lineOf(t, '二、上年结转'), severity: 'warning' },
    ],
  });
  const same = replaceOnce(t, '二、上年结转政府信息公开申请数量\t1\t1\t0\t2\t0\t1\t5', '二、上年结转政府信息公开申请数量\t1\t1\t1\t0\t1\t1\t5');
  const sameFixed = replaceOnce(same, '一、本年新收政府信息公开申请数量\t38\t10\t8\t7\t12\t11\t86', '一、本年新收政府信息公开申请数量\t38\t10\t7\t9\t11\t11\t86');
  add({ rule: 'cross-year-carryover', name: 'near miss: carried in = last year carried over', text: sameFixed, options: { previousYear: prev }, expect: [] });
  const prev5 = { report: parseReport(replaceLine(prevText, '行政规范性文件', '行政规范性文件\t0\t0\t5')), name: '2021.txt', uri: 'file:///r/2021.txt' };
  add({
    rule: 'cross-year-valid-count',
    name: '5 + 1 − 0 ≠ 3',
    text: sameFixed,
    options: { previousYear: prev5 },
    expect: [{ rule: 'cross-year-valid-count', line: lineOf(sameFixed, '行政规范性文件'), severity: 'info' }],
  });
}


// ---------------------------------------------------------------- narrative checks (issue 13)
// Real sentences are quoted with their source (test/fixtures/real/SOURCES.md for the fixtures; the Pingtan 2022 and
// 2023 reports: github.com/changwu/pingtan-gov-zwgk-archive, commit 12f00b4205da89f3fa531f747c608e88308a046c,
// pingtan/zwgk/zfxxgk/zfxxgknb/202302/80629_…/page.txt and 202403/87885_…/page.txt).
{
  let t = replaceOnce(base(), '（二）依申请公开方面', '（二）工作机制方面');
  t = replaceOnce(t, '本年度共收到政府信息公开申请86件，均在法定期限内答复。', '本年度按时办结各类事项，均在法定期限内答复。');
  add({
    rule: 'overview-element-missing',
    name: 'part 一 without 依申请公开',
    text: t,
    expect: [{ rule: 'overview-element-missing', line: lineOf(t, '一、总体情况'), severity: 'warning' }],
  });
  // 沭阳县人民政府 2025 (real 05): other sub-headings, 政府信息管理 only as 发布审核 in the text
  let near = replaceOnce(base(), '（二）依申请公开方面', '（二）规范化办理依申请公开。');
  near = replaceOnce(near, '（三）政府信息管理方面', '（三）精细化建设公开平台。');
  near = replaceOnce(near, '严格落实公开前保密审查制度。', '强化网站发布审核把关，建立常态化巡检机制。');
  add({ rule: 'overview-element-missing', name: 'near miss: the elements under other sub-headings (real wording)', text: near, expect: [] });
}
{
  const five = '五、存在的主要问题及改进情况';
  const t = replaceOnce(replaceOnce(replaceOnce(replaceOnce(base(), '（一）存在的主要问题\n', ''), '主动公开的深度和广度有待拓展。\n', ''), '（二）改进情况\n', ''), '进一步完善公开制度，提升公开质量。\n', '无。\n');
  add({ rule: 'improvement-missing', name: '五 says 无', text: t, expect: [{ rule: 'improvement-missing', line: lineOf(t, five), severity: 'warning' }] });
  const only = replaceOnce(replaceOnce(base(), '（二）改进情况\n', ''), '进一步完善公开制度，提升公开质量。\n', '');
  add({ rule: 'improvement-missing', name: 'problems without improvement', text: only, expect: [{ rule: 'improvement-missing', line: lineOf(only, five), severity: 'warning' }] });
  // 沭阳县发展和改革局 2023 (real 11, line 304): the problems, then the improvement
  const near = replaceOnce(
    base(),
    '主动公开的深度和广度有待拓展。',
    '各科室人员信息公开意识有所松懈，部门文件、新政策发布及解读工作主动性不强；政民互动栏目网民留言回复效率有待提高；信息公开队伍专业化能力建设有待进一步提升。',
  );
  add({ rule: 'improvement-missing', name: 'near miss: problems and improvement (real wording)', text: near, expect: [] });
}
{
  // 平潭综合实验区 2023, part 五: 一是 … 三是 … 三是
  const real = '存在的问题主要有以下几个方面：一是部分单位信息发布属性界定还不够精确，部分栏目存在信息噪音；三是开拓创新不够有力，实验区政务公开工作特色打造、亮点挖掘还不够；三是政策解读的质量有待提高，形式还要更加多样、更加“接地气”。';
  const t = replaceOnce(base(), '主动公开的深度和广度有待拓展。', real);
  add({ rule: 'enumeration-sequence', name: '一是 … 三是 … 三是 (real text): the first 三是, once', text: t, expect: [{ rule: 'enumeration-sequence', line: lineOf(t, real), severity: 'warning' }] });
  const repeat = replaceOnce(base(), '主动公开的深度和广度有待拓展。', '一是解读形式单一；二是更新不够及时；二是互动回应不足。');
  add({ rule: 'enumeration-sequence', name: '一是 二是 二是', text: repeat, expect: [{ rule: 'enumeration-sequence', line: lineOf(repeat, '一是解读形式单一'), severity: 'warning' }] });
  const order = replaceOnce(base(), '主动公开的深度和广度有待拓展。', '首先，解读形式单一；再次，更新不够及时。');
  add({ rule: 'enumeration-sequence', name: '首先 … 再次 without 其次', text: order, expect: [{ rule: 'enumeration-sequence', line: lineOf(order, '首先，'), severity: 'warning' }] });
  const paren = replaceOnce(base(), '主动公开的深度和广度有待拓展。', '主要有：（一）解读形式单一；（三）更新不够及时。');
  add({ rule: 'enumeration-sequence', name: 'inline （一）（三）', text: paren, expect: [{ rule: 'enumeration-sequence', line: lineOf(paren, '主要有：'), severity: 'warning' }] });
  // 平潭综合实验区 2020 (real 09): a glued 一是 after “5.加强平台建设” starts a new run
  const glued =
    '提高服务质量。一是畅通申请渠道。二是坚持柔性答复。5.加强平台建设一是上线试运行12345平台新系统，对门户网站、管理平台、手机端进行全方面提升。二是推动12345热线入驻“平潭通”小程序。';
  const near = replaceOnce(base(), '通过政府门户网站主动公开各类信息，及时回应社会关切。', glued);
  add({ rule: 'enumeration-sequence', name: 'near miss: a glued 一是 restarts the run (real text)', text: near, expect: [] });
}
{
  // 平潭综合实验区 2022, part 一 (四)
  const real = '按照省政府办公厅发布的网站页面设计规范打造整体统一的的网站界面。';
  const t = replaceOnce(base(), '通过政府门户网站主动公开各类信息，及时回应社会关切。', real);
  add({ rule: 'doubled-word', name: '统一的的 (real text)', text: t, expect: [{ rule: 'doubled-word', line: lineOf(t, real), severity: 'warning' }] });
  const word = replaceOnce(base(), '严格落实公开前保密审查制度。', '规范审核审核发布机制。');
  add({ rule: 'doubled-word', name: '审核审核 (平潭 2021, real 10)', text: word, expect: [{ rule: 'doubled-word', line: lineOf(word, '规范审核审核'), severity: 'warning' }] });
  // boundaries and reduplications from real reports: 01 紧紧围绕, 05 项目目录, 07 办事事项, 09 工作作出, 13 饮用水水源
  const near = replaceOnce(
    base(),
    '严格落实公开前保密审查制度。',
    '紧紧围绕保障民生，对深化政务公开工作作出批示，公开行政事业性收费项目目录清单、饮用水水源水质监测等信息，精准对接办事事项入口。',
  );
  add({ rule: 'doubled-word', name: 'near miss: word boundaries and 紧紧 (real text)', text: near, expect: [] });
  // a doubled word wrapped by one line break is still one; words with a blank line or spaces between them are table
  // header words torn apart by a PDF extraction (real 20, plain pdftotext: `结 果\n\n结果\n\n其他`)
  const wrapped = replaceOnce(base(), '严格落实公开前保密审查制度。', '规范审核\n审核发布机制。');
  add({ rule: 'doubled-word', name: 'a doubled word wrapped by a line break', text: wrapped, expect: [{ rule: 'doubled-word', line: lineOf(wrapped, '规范审核'), severity: 'warning' }] });
  const torn = replaceOnce(base(), '严格落实公开前保密审查制度。', '复议结果\n\n结果纠正情况。');
  add({ rule: 'doubled-word', name: 'near miss: the same word on both sides of a blank line (torn PDF text)', text: torn, expect: [] });
}
{
  const t = replaceOnce(base(), '进一步完善公开制度，提升公开质量。', '2022年，我局将进一步完善公开制度，提升公开质量。');
  add({ rule: 'plan-year', name: 'a plan dated in the report year', text: t, expect: [{ rule: 'plan-year', line: lineOf(t, '2022年，我局将'), severity: 'warning' }] });
  // 平潭综合实验区 2022, part 五: the plans are for 2023
  const near = replaceOnce(base(), '进一步完善公开制度，提升公开质量。', '2023年，我区将采取以下措施加以改进。一是丰富意见征集形式。');
  add({ rule: 'plan-year', name: 'near miss: the next year (real text)', text: near, expect: [] });
  const ba = replaceOnce(base(), '进一步完善公开制度，提升公开质量。', '2022年，我局将政务公开工作纳入年度绩效考核。');
  add({ rule: 'plan-year', name: 'near miss: 将 + noun is no plan', text: ba, expect: [] });
}
{
  // the consistent pair of the cross-year cases above (carry-over and documents in force agree)
  const prevTables = (text: string) => replaceLine(text, '行政规范性文件', '行政规范性文件\t1\t0\t2');
  const same = replaceOnce(base(), '二、上年结转政府信息公开申请数量\t1\t1\t0\t2\t0\t1\t5', '二、上年结转政府信息公开申请数量\t1\t1\t1\t0\t1\t1\t5');
  const t = replaceOnce(same, '一、本年新收政府信息公开申请数量\t38\t10\t8\t7\t12\t11\t86', '一、本年新收政府信息公开申请数量\t38\t10\t7\t9\t11\t11\t86');
  const prev = (text: string) => ({ report: parseReport(prevTables(text)), name: '2021.txt', uri: 'file:///r/2021.txt' });
  const copy = prev(base({ year: 2021 }));
  add({
    rule: 'cross-year-repetition',
    name: 'last year’s text with other numbers (4 of 4)',
    text: t,
    options: { previousYear: copy },
    expect: [{ rule: 'cross-year-repetition', line: lineOf(t, '一、总体情况'), severity: 'warning' }],
  });
  add({ rule: 'cross-year-repetition', name: 'near miss: 1 of 4 sentences repeated', text: t, options: { previousYear: prev(reworded(base({ year: 2021 }))) }, expect: [] });
  // 3 of 4 repeated: 75 % reaches the default 50 %, not a threshold of 80 %
  const three = prev(replaceOnce(base({ year: 2021 }), '进一步完善公开制度，提升公开质量。', '下一步将建立信息更新提醒机制，丰富政策解读形式。'));
  add({ rule: 'cross-year-repetition', name: '3 of 4 repeated, default threshold', text: t, options: { previousYear: three }, expect: [{ rule: 'cross-year-repetition', line: lineOf(t, '一、总体情况'), severity: 'warning' }] });
  add({ rule: 'cross-year-repetition', name: 'near miss: 3 of 4 repeated, threshold 80 %', text: t, options: { previousYear: three, repetitionThreshold: 80 }, expect: [] });
}
{
  const otherAgency = '某某县市场监督管理局';
  const other = { report: parseReport(base({ agency: otherAgency })), name: 'scj.txt', uri: 'file:///r/scj.txt' };
  const t = base();
  add({ rule: 'cross-report-copy', name: 'the same template as another agency', text: t, options: { sameYear: [other] }, expect: [{ rule: 'cross-report-copy', line: lineOf(t, '一、总体情况'), severity: 'info' }] });
  const named = replaceOnce(t, '某某县卫生健康局认真贯彻落实', `${otherAgency}认真贯彻落实`);
  const half = { report: parseReport(reworded(base({ agency: otherAgency }))), name: 'scj.txt', uri: 'file:///r/scj.txt' };
  // 1 of 4 sentences repeated (25 % ≥ half the threshold) and the other agency's name left in the text
  add({ rule: 'cross-report-copy', name: 'another agency’s name left in the text', text: named, options: { sameYear: [half] }, expect: [{ rule: 'cross-report-copy', line: lineOf(named, otherAgency), severity: 'info' }] });
  add({ rule: 'cross-report-copy', name: 'near miss: 1 of 4 sentences, no other name', text: t, options: { sameYear: [half] }, expect: [] });
}
{
  // narrative claims against the tables (issue 13): clauses after ；, 行政复议案件N件, 均予维持
  const applied = '本年度共收到政府信息公开申请86件，均在法定期限内答复。';
  // 平潭综合实验区 2023 writes its results as clauses: “其中：予以公开及部分公开42件，占51.85%；不予公开5件，…”
  const clauses = replaceOnce(base(), applied, '本年度共收到政府信息公开申请86件，其中：予以公开及部分公开7件，占8.14%；不予公开99件，占1.16%。');
  add({
    rule: 'narrative-table-mismatch',
    name: 'a result count in a clause after ；(不予公开 99)',
    text: clauses,
    expect: [{ rule: 'narrative-table-mismatch', line: lineOf(clauses, '不予公开99件'), severity: 'warning' }],
  });
  const review = replaceOnce(base(), applied, '因政府信息公开工作引起的行政复议案件5件、行政诉讼案件8件。');
  add({
    rule: 'narrative-table-mismatch',
    name: '行政复议案件5件 against 3 in table 4 (行政诉讼案件8件 = 3 + 5 agrees)',
    text: review,
    expect: [{ rule: 'narrative-table-mismatch', line: lineOf(review, '行政复议案件5件'), severity: 'warning' }],
  });
  const upheld = replaceOnce(base(), applied, '因政府信息公开工作被申请行政复议的案件均予维持。');
  add({
    rule: 'narrative-table-mismatch',
    name: '行政复议均予维持 while 2 are pending',
    text: upheld,
    expect: [{ rule: 'narrative-table-mismatch', line: lineOf(upheld, '均予维持'), severity: 'warning' }],
  });
  const whose = replaceOnce(base(), applied, '政府信息公开相关案件均予维持。');
  add({ rule: 'narrative-table-mismatch', name: 'near miss: 均予维持 without saying whose cases (not compared)', text: whose, expect: [] });
  const agrees = replaceOnce(base(), applied, '本年度共收到政府信息公开申请86件，其中：予以公开及部分公开7件；行政复议案件3件。');
  add({ rule: 'narrative-table-mismatch', name: 'near miss: 予以公开及部分公开 2 + 5, 行政复议案件 3', text: agrees, expect: [] });
}

// ---------------------------------------------------------------- one-line text (glued digits)
{
  const gen = generateReport({ format: 'F2021', layout: 'L3', seed: 0 });
  // `1203` for 本年制发/废止/现行有效: 12,0,3 or 1,20,3 — table 2 has no identity to choose
  const ambiguous = glue(gen.replace('行政规范性文件 1 0 3', '行政规范性文件 12 0 3'));
  add({ rule: 'table-glued-row', name: 'table 2 row with two possible splits: not read, named once', text: ambiguous, expect: [{ rule: 'table-glued-row', line: 1, severity: 'info' }] });
  // `103`: one digit per cell, the only split — read as printed, nothing to say
  add({ rule: 'table-glued-row', name: 'near miss: digits that split one way only', text: glue(gen), expect: [] });
}
