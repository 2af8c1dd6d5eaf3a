/**
 * Message catalogue: every user-facing string of the core in Chinese (default) and English.
 * Placeholders are `{name}`; numbers are formatted by `fmt` (integers as integers, amounts with their decimals).
 */

import type { Text2 } from './model';

type Catalogue = Record<string, string>;

export const zh = {
  // structure
  'section-missing': '缺少第{N}部分“{N}、{title}”。',
  'section-order': '第{N}部分“{title}”应位于第{M}部分之前。',
  'section-duplicate': '第{N}部分“{title}”重复出现（首次出现在第{L}行）。',
  'section-misnumbered': '第{N}部分标题序号应为“{expected}、”，实为“{actual}”。',
  'section-misnumbered.none': '无',
  'section-numeral-lookalike': '标题序号“{ch}”（U+{cp}）不是汉字“一”。',
  'section-heading-variant': '标题“{actual}”与格式规定的“{canonical}”不一致。',
  'section-heading-typo': '标题“{actual}”疑似“{canonical}”的笔误。',
  'subsection-numbering': '小标题序号“{actual}”应为“{expected}”。',
  'subsection-numbering.width-full': '小标题括号应统一为全角“（）”。',
  'subsection-numbering.width-half': '小标题括号应统一为半角“()”。',
  'format-year-mismatch': '{Y}年度报告应使用{expectedFormat}格式，检测到{detectedFormat}格式（依据：第{L}行“{marker}”）。',
  'format-year-mismatch.pre2019': '2019年以前的年报不适用统一格式，表格检查已停用。',
  'format-year-mismatch.legacy': '报告使用统一格式之前的旧式章节（如“概述”“政府信息公开的收费及减免情况”），不适用2019/2021版格式，章节和表格检查已停用。',
  'format-mixed': '表格同时含有2021版与2019版格式的栏目（“{marker}”）。',
  'format-mixed.six': '2021版格式的表3中“（六）其他处理”应分为3行（1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知要求缴纳费用…、3.其他），此处仍为2019版的单行。',
  'report-year-missing': '标题中未找到报告年度。',
  'encoding-suspect': '文本疑似编码错误（UTF-8/GBK），请以正确编码重新打开。',
  'not-a-report': '未识别为政府信息公开工作年度报告（没有标题、章节标题或表格），未作检查。',
  // generic tables
  'table-missing': '第{N}部分缺少“{table}”表格。',
  'table-missing.glued': '第{N}部分的表格文字连在一起（文本缺少换行或单元格分隔，如从网页复制的纯文本），无法读取，未作表格检查。',
  'table-truncated': '表{X}不完整：缺少“{row}”等{K}行（在“{last}”之后截断）。',
  'table-row-missing': '表{X}缺少“{row}”行。',
  'table-row-cell-count': '“{row}”行应有{expected}个数值，实有{actual}个，无法对应到列。',
  'table-row-cell-count.unreadable': '表{X}有{K}行无法按行读取数值（文本版式错乱，如PDF按列导出、标签与数值分离），这些行未作计算检查。',
  'table-blank-cell': '“{row}”行有{K}个空白单元格（{columns}），应填写数字（无则填0）。',
  'table-non-numeric-cell': '“{row}”/“{column}”的值“{raw}”不是数字。',
  'table-non-numeric-cell.too-large': '“{row}”/“{column}”的值“{raw}”过大，无法精确计算。',
  'table-cell-unit': '单元格“{raw}”含单位，表格中应只填数字。',
  'table-cell-not-integer': '“{row}”/“{column}”应为整数，实为“{raw}”。',
  'table-cell-negative': '“{row}”/“{column}”不能为负数（{value}）。',
  'table-label-variant': '行标签“{actual}”与格式规定的“{canonical}”不一致。',
  'table-label-typo': '行标签“{actual}”疑似“{canonical}”的笔误。',
  // table 3 / 4 / 2
  'table3-row-total': '“{row}”行总计为{stated}，但各申请人列之和为{computed}。',
  'table3-legal-subtotal': '“{row}”行法人或其他组织小计为{stated}，但五类组织之和为{computed}。',
  'table3-group-subtotal': '“{group}”{column}为{stated}，但其分项之和为{computed}。',
  'table3-results-total': '（七）总计“{column}”为{stated}，但各办理结果之和为{computed}。',
  'table3-column-balance': '“{column}”列不平衡：本年新收{a}+上年结转{b}={ab}，办理结果总计{t}+结转下年度{k}={tk}。',
  'table4-block-total': '{block}总计为{stated}，但结果维持、结果纠正、其他结果、尚未审结之和为{computed}。',
  'table2-valid-count': '“{row}”现行有效件数{v}小于本年制发{i}减本年废止{a}。',
  'table2-change-plausibility': '“{row}”上一年项目数量{p}与本年增减“{raw}”矛盾（结果为负）。',
  // narrative and metadata
  'narrative-table-mismatch': '正文称{item}{n}件，与表{X}“{cell}”的{v}不一致。',
  'narrative-sum-mismatch': '“其中”各项之和{s}与合计{n}不一致。',
  'fee-statement-missing': '第六部分未说明信息处理费收取情况（2021版格式要求）。',
  'fee-statement-missing.elsewhere': '信息处理费情况应在第六部分报告。',
  'fee-statement-contradiction': '信息处理费说明前后矛盾（第{L1}行与第{L2}行）。',
  'report-year-mismatch': '报告年度为{Y}，此处为{X}年。',
  'publication-deadline.late': '落款日期{D}晚于条例第四十九条规定的发布期限{deadline}。',
  'publication-deadline.early': '落款日期{D}早于统计期结束。',
  'typo-known': '疑似错别字“{actual}”，应为“{replacement}”。',
  'cross-year-carryover': '上年结转“{column}”为{a}，但{prevYear}年度报告结转下年度为{b}（{file}）。',
  'cross-year-valid-count': '“{row}”现行有效件数{v}与上年现行有效{p}+本年制发{i}−本年废止{a}={e}不一致（{file}）。',
  'internal-error': '规则“{rule}”执行出错，已跳过：{error}',
  // fix titles
  'fix.insert-heading': '插入标题“{heading}”',
  'fix.replace-numeral': '将序号改为“{numeral}”',
  'fix.replace-title': '将标题改为“{title}”',
  'fix.replace-marker': '将“{actual}”改为“{expected}”',
  'fix.replace-text': '将“{actual}”改为“{replacement}”',
  'fix.delete-unit': '删除单位“{unit}”',
  'fix.set-total': '将总计改为{value}',
  'fix.set-cell': '将“{column}”改为{value}',
  'fix.set-results-total': '将（七）总计“{column}”改为{value}',
  'fix.set-carry-out': '将结转下年度“{column}”改为{value}',
  'fix.set-subtotal': '将“{column}”改为{value}',
  'fix.fill-computed': '填入计算值（{values}）',
  'fix.fill-zero': '空白单元格填0',
  'fix.fill-table-zero': '将表{X}所有空白单元格填0',
  'fix.insert-row': '插入“{row}”行',
  'fix.insert-fee-template': '插入信息处理费说明模板',
  'fee-template': '本年度收取政府信息公开信息处理费（　）元。',
  'fix.narrative-number': '将正文数字改为{value}',
  'fix.set-carry-in': '改为{value}',
  'fix.replace-year': '改为{Y}',
  // related information
  'related.operand': '{label}：{value}',
  'related.first-heading': '首次出现',
  'related.narrative': '正文数字',
  'related.previous-year': '{prevYear}年度报告的结转下年度',
  'related.statement': '另一处说明',
  'related.stated-total': '报告中的总计',
  // hover / outline
  'hover.formula-ok': '{name} = {formula} = {computed} ✓',
  'hover.formula-bad': '{name} = {formula} = {computed}；报告中为 {stated} ✗',
  'hover.not-evaluable': '{name}：有空白或无法识别的单元格，未计算',
  'hover.section-complete': '第{N}部分“{title}”：内容完整',
  'hover.section-issues': '第{N}部分“{title}”：{K}个问题',
  'format.F2021': '2021版',
  'format.F2019': '2019版',
  'table.T2': '主动公开政府信息情况',
  'table.T3': '收到和处理政府信息公开申请情况',
  'table.T4': '政府信息公开行政复议、行政诉讼情况',
} satisfies Catalogue;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  'section-missing': 'Section {N} “{N}、{title}” is missing.',
  'section-order': 'Section {N} “{title}” should come before section {M}.',
  'section-duplicate': 'Section {N} “{title}” appears twice (first on line {L}).',
  'section-misnumbered': 'The numeral of section {N} should be “{expected}、”, not “{actual}”.',
  'section-misnumbered.none': 'none',
  'section-numeral-lookalike': 'The numeral “{ch}” (U+{cp}) is not the Chinese character “一”.',
  'section-heading-variant': 'Heading “{actual}” differs from the prescribed “{canonical}”.',
  'section-heading-typo': 'Heading “{actual}” looks like a typo of “{canonical}”.',
  'subsection-numbering': 'Sub-heading number “{actual}” should be “{expected}”.',
  'subsection-numbering.width-full': 'Sub-heading brackets should be full-width “（）”.',
  'subsection-numbering.width-half': 'Sub-heading brackets should be half-width “()”.',
  'format-year-mismatch': 'A {Y} report should use the {expectedFormat} format; found the {detectedFormat} format (line {L}: “{marker}”).',
  'format-year-mismatch.pre2019': 'Reports before 2019 do not use the unified format; table checks are off.',
  'format-year-mismatch.legacy': 'The report uses the sections of the old, pre-2019 reports (概述, 政府信息公开的收费及减免情况 …); the 2019/2021 format does not apply, section and table checks are off.',
  'format-mixed': 'The tables mix columns of the 2021 and 2019 formats (“{marker}”).',
  'format-mixed.six': 'In the 2021 format, “（六）其他处理” of table 3 has three rows (1. no correction in time…, 2. fee not paid…, 3. other); here it is still the single row of the 2019 format.',
  'report-year-missing': 'No report year found in the title.',
  'encoding-suspect': 'The text looks mis-decoded (UTF-8/GBK); reopen it with the right encoding.',
  'not-a-report': 'Not recognised as a government-information disclosure annual report (no title, section heading or table); not checked.',
  'table-missing': 'Section {N} lacks the table “{table}”.',
  'table-missing.glued': 'The table of section {N} is glued into running text (no line breaks or cell separators, e.g. text copied from a web page) and cannot be read; it was not checked.',
  'table-truncated': 'Table {X} is incomplete: {K} rows from “{row}” are missing (cut off after “{last}”).',
  'table-row-missing': 'Table {X} lacks the row “{row}”.',
  'table-row-cell-count': 'Row “{row}” should have {expected} values but has {actual}; they cannot be matched to columns.',
  'table-row-cell-count.unreadable': 'Table {X}: the values of {K} rows cannot be read row by row (garbled layout, e.g. PDF text in column order or labels torn from their numbers); these rows are not checked.',
  'table-blank-cell': 'Row “{row}” has {K} blank cells ({columns}); write a number (0 if none).',
  'table-non-numeric-cell': 'The value “{raw}” of “{row}”/“{column}” is not a number.',
  'table-non-numeric-cell.too-large': 'The value “{raw}” of “{row}”/“{column}” is too large to compute exactly.',
  'table-cell-unit': 'Cell “{raw}” contains a unit; table cells should hold numbers only.',
  'table-cell-not-integer': '“{row}”/“{column}” should be a whole number, not “{raw}”.',
  'table-cell-negative': '“{row}”/“{column}” cannot be negative ({value}).',
  'table-label-variant': 'Row label “{actual}” differs from the prescribed “{canonical}”.',
  'table-label-typo': 'Row label “{actual}” looks like a typo of “{canonical}”.',
  'table3-row-total': 'Row “{row}” total is {stated}, but the applicant columns add up to {computed}.',
  'table3-legal-subtotal': 'Row “{row}” legal-person subtotal is {stated}, but the five organisation columns add up to {computed}.',
  'table3-group-subtotal': '“{group}” {column} is {stated}, but its sub-rows add up to {computed}.',
  'table3-results-total': '(七) total “{column}” is {stated}, but the result rows add up to {computed}.',
  'table3-column-balance': 'Column “{column}” does not balance: new {a} + carried in {b} = {ab}, results total {t} + carried over {k} = {tk}.',
  'table4-block-total': '{block} total is {stated}, but upheld, corrected, other and pending add up to {computed}.',
  'table2-valid-count': '“{row}” documents in force ({v}) are fewer than issued ({i}) minus repealed ({a}).',
  'table2-change-plausibility': '“{row}” previous-year count {p} contradicts the change “{raw}” (negative result).',
  'narrative-table-mismatch': 'The text says {item} {n}, but table {X} “{cell}” is {v}.',
  'narrative-sum-mismatch': 'The “其中” items add up to {s}, not the stated {n}.',
  'fee-statement-missing': 'Section 六 does not say whether information-processing fees were collected (required by the 2021 format).',
  'fee-statement-missing.elsewhere': 'Information-processing fees should be reported in section 六.',
  'fee-statement-contradiction': 'Contradictory statements on information-processing fees (lines {L1} and {L2}).',
  'report-year-mismatch': 'The report year is {Y}, but this says {X}.',
  'publication-deadline.late': 'The signature date {D} is after the publication deadline {deadline} of 条例 art. 49.',
  'publication-deadline.early': 'The signature date {D} is before the end of the reporting period.',
  'typo-known': 'Probable typo “{actual}”; should be “{replacement}”.',
  'cross-year-carryover': 'Carried in “{column}” is {a}, but the {prevYear} report carried over {b} ({file}).',
  'cross-year-valid-count': '“{row}” documents in force {v} differ from last year {p} + issued {i} − repealed {a} = {e} ({file}).',
  'internal-error': 'Rule “{rule}” failed and was skipped: {error}',
  'fix.insert-heading': 'Insert heading “{heading}”',
  'fix.replace-numeral': 'Change the numeral to “{numeral}”',
  'fix.replace-title': 'Change the heading to “{title}”',
  'fix.replace-marker': 'Change “{actual}” to “{expected}”',
  'fix.replace-text': 'Change “{actual}” to “{replacement}”',
  'fix.delete-unit': 'Delete the unit “{unit}”',
  'fix.set-total': 'Change the total to {value}',
  'fix.set-cell': 'Change “{column}” to {value}',
  'fix.set-results-total': 'Change (七) total “{column}” to {value}',
  'fix.set-carry-out': 'Change carried-over “{column}” to {value}',
  'fix.set-subtotal': 'Change “{column}” to {value}',
  'fix.fill-computed': 'Fill in the computed values ({values})',
  'fix.fill-zero': 'Fill the blank cells with 0',
  'fix.fill-table-zero': 'Fill every blank cell of table {X} with 0',
  'fix.insert-row': 'Insert the row “{row}”',
  'fix.insert-fee-template': 'Insert the information-processing fee statement template',
  'fee-template': '本年度收取政府信息公开信息处理费（　）元。',
  'fix.narrative-number': 'Change the number in the text to {value}',
  'fix.set-carry-in': 'Change to {value}',
  'fix.replace-year': 'Change to {Y}',
  'related.operand': '{label}: {value}',
  'related.first-heading': 'First occurrence',
  'related.narrative': 'Number in the text',
  'related.previous-year': 'Carried over in the {prevYear} report',
  'related.statement': 'The other statement',
  'related.stated-total': 'The stated total',
  'hover.formula-ok': '{name} = {formula} = {computed} ✓',
  'hover.formula-bad': '{name} = {formula} = {computed}; the report says {stated} ✗',
  'hover.not-evaluable': '{name}: blank or unreadable cells, not computed',
  'hover.section-complete': 'Section {N} “{title}”: complete',
  'hover.section-issues': 'Section {N} “{title}”: {K} problems',
  'format.F2021': '2021',
  'format.F2019': '2019',
  'table.T2': '主动公开政府信息情况',
  'table.T3': '收到和处理政府信息公开申请情况',
  'table.T4': '政府信息公开行政复议、行政诉讼情况',
};

export type Args = Record<string, string | number | undefined>;

/** Formats numbers: integers as integers, decimals with their digits (at most 6, trailing zeros dropped). */
export function fmt(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toFixed(6)));
}

function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in args ? fmt(args[k]) : `{${k}}`));
}

export function msg(key: MessageKey, args: Args = {}): Text2 {
  return { zh: fill(zh[key], args), en: fill(en[key], args) };
}

export type Lang = 'zh' | 'en';

export function pick(t: Text2, lang: Lang): string {
  return lang === 'en' ? t.en : t.zh;
}
