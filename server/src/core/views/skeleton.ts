/**
 * Report skeletons (pure): a whole 2021-format report with the six canonical headings and empty tables, and
 * per-table snippets for the "insert an empty table" quick fix. Tables use the tab-separated layout (L2) with
 * the canonical labels of the format; every value cell is empty, so the checker asks for each one
 * (`table-blank-cell`) until the author fills it in.
 */

import type { Format, TableKind } from '../model';
import { SECTION_NUMERALS, SECTION_TITLES, T3_GROUPS_2019, T3_GROUPS_2021, T4_BLOCKS, T4_LEAVES, t2RowDefs, t3RowDefs } from '../schema';
import { msg } from '../messages';

export interface SkeletonOptions {
  /** Report year (the year the statistics cover). */
  readonly year: number;
  /** Agency name; a visible placeholder when absent. */
  readonly agency?: string;
  /** Line break of the target document. */
  readonly eol?: string;
}

/** Placeholder for the agency name. */
export const AGENCY_PLACEHOLDER = '（机关名称）';

const tabs = (n: number): string => '\t'.repeat(n);

/**
 * What an empty value cell holds. A visible blank mark rather than nothing: a row of empty tab-separated
 * cells is indistinguishable from an empty line (and a table without any digit is not read as tab-separated),
 * and the author can see where each cell is. `—` is a blank cell for the checker (domain.md §2.5).
 */
export const BLANK_CELL = '—';
const blanks = (n: number): string => Array.from({ length: n }, () => '\t' + BLANK_CELL).join('');

/** Table 2 (section 二): the sub-tables of the format, each with caption, header and rows. */
function t2Lines(format: Format): string[] {
  const out: string[] = [];
  let caption: string | undefined;
  for (const def of t2RowDefs(format)) {
    const width = def.columns.length;
    if (def.group !== caption) {
      caption = def.group!;
      out.push(caption + tabs(3));
      out.push(['信息内容', ...def.columns.map((c) => c.label)].join('\t') + tabs(3 - width));
    }
    out.push(def.label + blanks(width) + tabs(3 - width));
  }
  return out;
}

/** Table 3 (section 三): the three header lines of the format, then every row with seven empty cells. */
function t3Lines(format: Format): string[] {
  const cols = 7;
  const out: string[] = [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况' + tabs(6) + '\t总计',
    '\t\t自然人\t法人或其他组织' + tabs(5),
    '\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
  ];
  const groups = new Set<string>(format === 'F2021' ? T3_GROUPS_2021 : T3_GROUPS_2019);
  const seenGroups = new Set<string>();
  let resultsOpened = false;
  for (const def of t3RowDefs(format, false)) {
    const cells = blanks(cols);
    if (def.group && groups.has(def.group)) {
      // a sub-row: the group label goes in the cell before the first sub-row, like the printed form
      const lead = def.group === undefined || seenGroups.has(def.group) ? '\t\t' : `\t${def.group}\t`;
      seenGroups.add(def.group);
      out.push(lead + def.label + cells);
    } else if (def.group) {
      // rows of 三、本年度办理结果 without a sub-group: （一）（二）（七）, and F2019's single （六）
      const lead = resultsOpened ? '\t' : `${def.group}\t`;
      resultsOpened = true;
      out.push(lead + def.label + cells + '\t');
    } else {
      out.push(def.label + '\t' + cells + '\t');
    }
  }
  return out;
}

/** Table 4 (section 四): the three header lines and one row of fifteen empty cells. */
function t4Lines(): string[] {
  const leaves = T4_LEAVES.join('\t');
  return [
    `${T4_BLOCKS[0]}${tabs(5)}行政诉讼${tabs(9)}`,
    `${leaves}\t${T4_BLOCKS[1]}${tabs(5)}${T4_BLOCKS[2]}${tabs(4)}`,
    `${tabs(5)}${leaves}\t${leaves}`,
    blanks(15).slice(1),
  ];
}

/** The empty table of a section, in the given format, as lines (no trailing line break). */
export function tableSkeletonLines(kind: TableKind, format: Format): string[] {
  return kind === 'T2' ? t2Lines(format) : kind === 'T3' ? t3Lines(format) : t4Lines();
}

/**
 * The snippet inserted by the "insert an empty table" action: an empty line, the table, an empty line,
 * each line ended by `eol`, so it can be inserted at the start of the line after a section heading.
 */
export function tableSkeleton(kind: TableKind, format: Format, eol = '\n'): string {
  return ['', ...tableSkeletonLines(kind, format), ''].map((l) => l + eol).join('');
}

/** A whole 2021-format report: title, preamble, the six canonical headings, empty tables 2–4. */
export function reportSkeleton(options: SkeletonOptions): string {
  const eol = options.eol ?? '\n';
  const y = options.year;
  const agency = options.agency?.trim() || AGENCY_PLACEHOLDER;
  const h = (n: 1 | 2 | 3 | 4 | 5 | 6): string => `${SECTION_NUMERALS[n]}、${SECTION_TITLES[n]}`;
  const lines: string[] = [
    `${agency}${y}年政府信息公开工作年度报告`,
    '',
    `本报告依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据统计期限为${y}年1月1日至${y}年12月31日。`,
    '',
    h(1),
    '（一）主动公开',
    '',
    '（二）依申请公开',
    '',
    '（三）政府信息管理',
    '',
    '（四）政府信息公开平台建设',
    '',
    '（五）监督保障',
    '',
    h(2),
    '',
    ...t2Lines('F2021'),
    '',
    h(3),
    '',
    ...t3Lines('F2021'),
    '',
    h(4),
    '',
    ...t4Lines(),
    '',
    h(5),
    '（一）存在的主要问题',
    '',
    '（二）改进情况',
    '',
    h(6),
    msg('fee-template').zh,
    '',
  ];
  return lines.join(eol);
}
