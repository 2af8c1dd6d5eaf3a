/**
 * The fixed format of the report (domain.md §1–§2): section titles and their variants, the rows and columns
 * of tables 2, 3 and 4 for the 2021 and 2019 formats, and the format markers.
 */

import type { ColumnDef, Format, RowDef, SectionNo } from './model';
import { normLabel } from './text';

export const SECTION_NUMERALS = ['', '一', '二', '三', '四', '五', '六'] as const;

export const SECTION_TITLES: Record<SectionNo, string> = {
  1: '总体情况',
  2: '主动公开政府信息情况',
  3: '收到和处理政府信息公开申请情况',
  4: '政府信息公开行政复议、行政诉讼情况',
  5: '存在的主要问题及改进情况',
  6: '其他需要报告的事项',
};

/** §1.3: accepted variants (`section-heading-variant`). */
export const SECTION_VARIANTS: Record<SectionNo, readonly string[]> = {
  1: [],
  2: ['主动公开政府信息情况统计表', '主动公开政府信息情况统计', '主动公开政府信息情况表'],
  3: [],
  4: [
    '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼的情况',
    '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
    '因政府信息公开工作被申请行政复议提起行政诉讼情况',
    '政府信息公开行政复议和行政诉讼情况',
  ],
  5: [
    '存在的主要问题及下一步工作打算',
    '政府信息公开工作存在的主要问题及改进情况',
    '存在的主要问题和改进情况',
    '存在的主要问题及改进措施',
    '存在的主要问题和改进措施',
    '存在的主要问题及整改措施',
    '存在的主要问题和整改措施',
    '存在的主要问题及整改情况',
  ],
  6: ['其他需要报告事项', '其它需要报告的事项'],
};

/** Pre-2019 headings: a report outside F2019/F2021; never mapped to sections. */
export const PRE2019_HEADINGS = ['政府信息公开的收费及减免情况', '概述', '依申请公开政府信息情况'];

/** Look-alike glyphs used for 一 (§1.4). */
export const LOOKALIKE_ONE = ['—', '―', '－', '-', 'ー', '─', '‐', '‑', '–'];

// ---------------------------------------------------------------- columns

const count = (id: string, label: string, derived = false): ColumnDef => ({ id, label, kind: 'count', derived });

export const T3_COLUMNS: readonly ColumnDef[] = [
  count('c1', '自然人'),
  count('c2', '商业企业'),
  count('c3', '科研机构'),
  count('c4', '社会公益组织'),
  count('c5', '法律服务机构'),
  count('c6', '其他'),
  count('c7', '总计', true),
];

export const T3_COLUMNS_WITH_SUBTOTAL: readonly ColumnDef[] = [
  ...T3_COLUMNS.slice(0, 6),
  count('cL', '法人或其他组织小计', true),
  T3_COLUMNS[6],
];

export const T4_BLOCKS = ['行政复议', '未经复议直接起诉', '复议后起诉'] as const;
export const T4_LEAVES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

export const T4_COLUMNS: readonly ColumnDef[] = Array.from({ length: 15 }, (_, i) => {
  const leaf = T4_LEAVES[i % 5];
  return count(String(i + 1), `${T4_BLOCKS[Math.floor(i / 5)]}/${leaf}`, leaf === '总计');
});

// ---------------------------------------------------------------- rows

function row(key: string, label: string, columns: readonly ColumnDef[], extra: Partial<RowDef> = {}): RowDef {
  return { key, label, norm: normLabel(label), columns, ...extra };
}

const T3_GROUP_RESULTS = '三、本年度办理结果';
export const T3_GROUPS_2021 = ['（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'];
export const T3_GROUPS_2019 = ['（三）不予公开', '（四）无法提供', '（五）不予处理'];

const R3 = [
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
];
const R4 = ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'];
const R5 = [
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
];
const R6 = [
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
];

function t3Rows(format: Format, cols: readonly ColumnDef[]): RowDef[] {
  const rows: RowDef[] = [
    row('new', '一、本年新收政府信息公开申请数量', cols),
    row('carry_in', '二、上年结转政府信息公开申请数量', cols),
    row('r1', '（一）予以公开', cols, { group: T3_GROUP_RESULTS, result: true }),
    row('r2', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', cols, {
      group: T3_GROUP_RESULTS,
      result: true,
    }),
  ];
  const sub = (prefix: string, group: string, labels: string[]) =>
    labels.map((l, i) => row(`${prefix}_${i + 1}`, l, cols, { group, result: true }));
  rows.push(...sub('r3', '（三）不予公开', R3));
  rows.push(...sub('r4', '（四）无法提供', R4));
  rows.push(...sub('r5', '（五）不予处理', R5));
  if (format === 'F2021') rows.push(...sub('r6', '（六）其他处理', R6));
  else rows.push(row('r6', '（六）其他处理', cols, { group: T3_GROUP_RESULTS, result: true }));
  rows.push(row('total', '（七）总计', cols.map((c) => ({ ...c, derived: true })), { group: T3_GROUP_RESULTS }));
  rows.push(row('carry_out', '四、结转下年度继续办理', cols));
  return rows;
}

/** Group subtotal rows (optional): a group label followed directly by numbers. */
export function t3SubtotalDefs(format: Format, cols: readonly ColumnDef[]): RowDef[] {
  const groups: [string, string, number][] = [
    ['g3', '（三）不予公开', 8],
    ['g4', '（四）无法提供', 3],
    ['g5', '（五）不予处理', 5],
  ];
  if (format === 'F2021') groups.push(['g6', '（六）其他处理', 3]);
  return groups.map(([key, label, n]) =>
    row(key, label, cols.map((c) => ({ ...c, derived: true })), {
      subtotalOf: Array.from({ length: n }, (_, i) => `r${key.slice(1)}_${i + 1}`),
    }),
  );
}

const memo = new Map<string, RowDef[]>();
export function t3RowDefs(format: Format, withSubtotalColumn: boolean): RowDef[] {
  const k = `${format}/${withSubtotalColumn}`;
  let v = memo.get(k);
  if (!v) {
    v = t3Rows(format, withSubtotalColumn ? T3_COLUMNS_WITH_SUBTOTAL : T3_COLUMNS);
    memo.set(k, v);
  }
  return v;
}

export const T4_ROW: RowDef = row('T4', '行政复议、行政诉讼', T4_COLUMNS);

// T2
const c2 = (id: string, label: string, kind: ColumnDef['kind'], unitsTolerated?: string[]): ColumnDef => ({
  id,
  label,
  kind,
  derived: false,
  unitsTolerated,
});

const T2_2021_COLS_1 = [c2('v1', '本年制发件数', 'count'), c2('v2', '本年废止件数', 'count'), c2('v3', '现行有效件数', 'count')];
const T2_2021_COLS_DECISION = [c2('v1', '本年处理决定数量', 'count')];
const T2_2021_COLS_FEE = [c2('v1', '本年收费金额（单位：万元）', 'amount')];

const T2_2019_COLS_1 = [c2('v1', '本年新制作数量', 'count'), c2('v2', '本年新公开数量', 'count'), c2('v3', '对外公开总数量', 'count')];
const T2_2019_COLS_56 = [c2('v1', '上一年项目数量', 'count'), c2('v2', '本年增/减', 'change'), c2('v3', '处理决定数量', 'count')];
const T2_2019_COLS_8 = [c2('v1', '上一年项目数量', 'count'), c2('v2', '本年增/减', 'change')];
const T2_2019_COLS_9 = [c2('v1', '采购项目数量', 'count', ['项', '个', '件']), c2('v2', '采购总金额', 'amount', ['万元', '元'])];

export const T2_CAPTIONS = ['（一）', '（五）', '（六）', '（八）', '（九）'];

export function t2RowDefs(format: Format): RowDef[] {
  if (format === 'F2021') {
    return [
      row('T2.规章', '规章', T2_2021_COLS_1, { group: '第二十条第（一）项', subTable: '（一）' }),
      row('T2.行政规范性文件', '行政规范性文件', T2_2021_COLS_1, {
        group: '第二十条第（一）项',
        subTable: '（一）',
        variants: [normLabel('规范性文件')],
      }),
      row('T2.行政许可', '行政许可', T2_2021_COLS_DECISION, { group: '第二十条第（五）项', subTable: '（五）' }),
      row('T2.行政处罚', '行政处罚', T2_2021_COLS_DECISION, { group: '第二十条第（六）项', subTable: '（六）' }),
      row('T2.行政强制', '行政强制', T2_2021_COLS_DECISION, { group: '第二十条第（六）项', subTable: '（六）' }),
      row('T2.行政事业性收费', '行政事业性收费', T2_2021_COLS_FEE, { group: '第二十条第（八）项', subTable: '（八）' }),
    ];
  }
  return [
    row('T2.规章', '规章', T2_2019_COLS_1, { group: '第二十条第（一）项', subTable: '（一）' }),
    row('T2.规范性文件', '规范性文件', T2_2019_COLS_1, {
      group: '第二十条第（一）项',
      subTable: '（一）',
      variants: [normLabel('行政规范性文件')],
    }),
    row('T2.行政许可', '行政许可', T2_2019_COLS_56, { group: '第二十条第（五）项', subTable: '（五）' }),
    row('T2.其他对外管理服务事项', '其他对外管理服务事项', T2_2019_COLS_56, {
      group: '第二十条第（五）项',
      subTable: '（五）',
    }),
    row('T2.行政处罚', '行政处罚', T2_2019_COLS_56, { group: '第二十条第（六）项', subTable: '（六）' }),
    row('T2.行政强制', '行政强制', T2_2019_COLS_56, { group: '第二十条第（六）项', subTable: '（六）' }),
    row('T2.行政事业性收费', '行政事业性收费', T2_2019_COLS_8, { group: '第二十条第（八）项', subTable: '（八）' }),
    row('T2.政府集中采购', '政府集中采购', T2_2019_COLS_9, { group: '第二十条第（九）项', subTable: '（九）' }),
  ];
}

/** Words of table headers (normalised); a text cell made only of these is header, not a label. */
export const T2_HEADER_WORDS = [
  '信息内容',
  '本年制发件数',
  '本年废止件数',
  '现行有效件数',
  '本年处理决定数量',
  '本年收费金额(单位:万元)',
  '本年收费金额',
  '(单位:万元)',
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '本年增/减',
  '处理决定数量',
  '采购项目数量',
  '采购总金额',
].map(normLabel);

export const T3_HEADER_WORDS = [
  '申请人情况',
  '自然人',
  '法人或其他组织',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '总计',
  '小计',
  '法人或其他组织小计',
].map(normLabel);

export const T4_HEADER_WORDS = [
  '行政复议',
  '政复议',
  '行政诉讼',
  '未经复议直接起诉',
  '复议后起诉',
  '结果维持',
  '结果纠正',
  '其他结果',
  '尚未审结',
  '总计',
  '结果',
  '维持',
  '纠正',
  '其他',
  '尚未',
  '审结',
  '总',
  '计',
];

// ---------------------------------------------------------------- format markers (§1.5)

export interface MarkerDef {
  readonly format: Format;
  readonly text: string;
  readonly norm: string;
  readonly structural: boolean;
}

const marker = (format: Format, text: string, structural = true): MarkerDef => ({
  format,
  text,
  norm: normLabel(text),
  structural,
});

export const FORMAT_MARKERS: readonly MarkerDef[] = [
  marker('F2021', '本年制发件数'),
  marker('F2021', '本年废止件数'),
  marker('F2021', '现行有效件数'),
  marker('F2021', '本年处理决定数量'),
  marker('F2021', '本年收费金额'),
  marker('F2021', '申请人无正当理由逾期不补正'),
  marker('F2021', '申请人逾期未按收费通知要求缴纳费用'),
  marker('F2019', '本年新制作数量'),
  marker('F2019', '本年新公开数量'),
  marker('F2019', '对外公开总数量'),
  marker('F2019', '上一年项目数量'),
  marker('F2019', '本年增/减'),
  marker('F2019', '第二十条第（九）项'),
  marker('F2019', '政府集中采购'),
  marker('F2019', '采购项目数量'),
  marker('F2019', '采购总金额'),
];
