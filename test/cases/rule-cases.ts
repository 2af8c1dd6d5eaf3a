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
{
  // last year: 行政规范性文件 1/0/2 in force, carried over (1,1,1,0,1,1,5)
  const prevText = replaceLine(base({ year: 2021 }), '行政规范性文件', '行政规范性文件\t1\t0\t2');
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

// ---------------------------------------------------------------- one-line text (glued digits)
{
  const gen = generateReport({ format: 'F2021', layout: 'L3', seed: 0 });
  // `1203` for 本年制发/废止/现行有效: 12,0,3 or 1,20,3 — table 2 has no identity to choose
  const ambiguous = glue(gen.replace('行政规范性文件 1 0 3', '行政规范性文件 12 0 3'));
  add({ rule: 'table-glued-row', name: 'table 2 row with two possible splits: not read, named once', text: ambiguous, expect: [{ rule: 'table-glued-row', line: 1, severity: 'info' }] });
  // `103`: one digit per cell, the only split — read as printed, nothing to say
  add({ rule: 'table-glued-row', name: 'near miss: digits that split one way only', text: glue(gen), expect: [] });
}
