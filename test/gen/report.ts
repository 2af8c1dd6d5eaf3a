/**
 * Generates complete annual reports (both formats, every layout) with consistent or chosen table values.
 * Used by the core tests (clean baselines that mutations break on purpose) and by the benchmarks.
 */

export type GenFormat = 'F2021' | 'F2019';
export type GenLayout = 'L1' | 'L2' | 'L3' | 'L4' | 'L5';

export interface GenOptions {
  format?: GenFormat;
  layout?: GenLayout;
  year?: number;
  agency?: string;
  /** Random seed for values; 0 = all zeros. */
  seed?: number;
  /** Override T3 rows (key -> 7 cells c1..c7) and T4 cells (15) after generation. */
  t3?: Record<string, (number | string)[]>;
  t4?: (number | string)[];
  /** Line ending. */
  eol?: '\n' | '\r\n';
  /** Section headings to leave out (1..6). */
  omitSections?: number[];
  /** Fee statement in section 六 (F2021 requires it). Default true. */
  feeStatement?: boolean;
  /** Narrative sentence on the applications received (N1), default true. */
  narrative?: boolean;
  /** Full-width digits in table cells. */
  fullWidthDigits?: boolean;
}

export const T3_KEYS_2021 = [
  'new', 'carry_in', 'r1', 'r2',
  'r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8',
  'r4_1', 'r4_2', 'r4_3', 'r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5',
  'r6_1', 'r6_2', 'r6_3', 'total', 'carry_out',
];
export const T3_KEYS_2019 = [...T3_KEYS_2021.slice(0, 20), 'r6', 'total', 'carry_out'];

/** The official labels of the table 3 rows, by row key (both formats). */
export const T3_LABELS: Readonly<Record<string, string>> = {
  new: '一、本年新收政府信息公开申请数量',
  carry_in: '二、上年结转政府信息公开申请数量',
  r1: '（一）予以公开',
  r2: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  r3_1: '1.属于国家秘密',
  r3_2: '2.其他法律行政法规禁止公开',
  r3_3: '3.危及“三安全一稳定”',
  r3_4: '4.保护第三方合法权益',
  r3_5: '5.属于三类内部事务信息',
  r3_6: '6.属于四类过程性信息',
  r3_7: '7.属于行政执法案卷',
  r3_8: '8.属于行政查询事项',
  r4_1: '1.本机关不掌握相关政府信息',
  r4_2: '2.没有现成信息需要另行制作',
  r4_3: '3.补正后申请内容仍不明确',
  r5_1: '1.信访举报投诉类申请',
  r5_2: '2.重复申请',
  r5_3: '3.要求提供公开出版物',
  r5_4: '4.无正当理由大量反复申请',
  r5_5: '5.要求行政机关确认或重新出具已获取信息',
  r6_1: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  r6_2: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  r6_3: '3.其他',
  r6: '（六）其他处理',
  total: '（七）总计',
  carry_out: '四、结转下年度继续办理',
};

/** Group label printed before the first row of a group. */
const GROUP_BEFORE: Record<string, string> = {
  r1: '三、本年度办理结果',
  r3_1: '（三）不予公开',
  r4_1: '（四）无法提供',
  r5_1: '（五）不予处理',
  r6_1: '（六）其他处理',
};

export const HEADINGS = [
  '',
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Consistent table-3 values: every row and column identity holds. */
export function consistentT3(format: GenFormat, seed: number): Record<string, number[]> {
  const keys = format === 'F2021' ? T3_KEYS_2021 : T3_KEYS_2019;
  const rand = seed ? rng(seed) : () => 0;
  const small = (max: number) => Math.floor(rand() * (max + 1));
  const rows: Record<string, number[]> = {};
  const results = keys.filter((k) => /^r/.test(k));
  const total = [0, 0, 0, 0, 0, 0];
  for (const k of results) {
    const v = [0, 1, 2, 3, 4, 5].map((i) => (rand() < 0.35 ? small(i === 0 ? 9 : 2) : 0));
    rows[k] = v;
    v.forEach((x, i) => (total[i] += x));
  }
  const carryOut = total.map(() => small(2));
  const carryIn = total.map((t, i) => Math.min(small(2), t + carryOut[i]));
  const news = total.map((t, i) => t + carryOut[i] - carryIn[i]);
  rows.total = total;
  rows.carry_out = carryOut;
  rows.carry_in = carryIn;
  rows.new = news;
  for (const k of keys) rows[k] = [...rows[k], rows[k].reduce((a, b) => a + b, 0)];
  return rows;
}

export function consistentT4(seed: number): number[] {
  const rand = seed ? rng(seed + 7) : () => 0;
  const out: number[] = [];
  for (let b = 0; b < 3; b++) {
    const v = [0, 1, 2, 3].map(() => Math.floor(rand() * 3));
    out.push(...v, v.reduce((a, c) => a + c, 0));
  }
  return out;
}

type Cell = number | string;

function fw(s: string): string {
  return s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

/** Renders rows (label cells + value cells) in a layout. */
function renderRows(rows: { labels: string[]; values: Cell[] }[], layout: GenLayout, header: string[][], full: boolean): string[] {
  const v = (c: Cell) => {
    const s = String(c);
    return full ? fw(s) : s;
  };
  const out: string[] = [];
  switch (layout) {
    case 'L1':
      for (const h of header) {
        for (const c of h) out.push('\t' + c);
        out.push('');
      }
      for (const r of rows) {
        for (const l of r.labels) out.push('\t' + l);
        for (const c of r.values) out.push('\t' + v(c));
        out.push('');
      }
      break;
    case 'L2':
      for (const h of header) out.push(h.join('\t'));
      for (const r of rows) out.push([...r.labels, ...r.values.map(v)].join('\t'));
      break;
    case 'L3':
      for (const h of header) out.push(h.join(' '), '');
      for (const r of rows) out.push([...r.labels, ...r.values.map(v)].join(' '), '');
      break;
    case 'L4': {
      const width = Math.max(...rows.map((r) => r.labels.length + r.values.length), ...header.map((h) => h.length));
      for (const [i, h] of header.entries()) {
        out.push('| ' + h.join(' | ') + ' |');
        if (i === 0) out.push('|' + ' --- |'.repeat(width));
      }
      for (const r of rows) out.push('| ' + [...r.labels, ...r.values.map(v)].join(' | ') + ' |');
      break;
    }
    case 'L5':
      for (const h of header) out.push('<tr>' + h.map((c) => `<td>${c}</td>`).join('') + '</tr>');
      for (const r of rows) {
        out.push(
          '<tr>' +
            [...r.labels.map((l) => `<td>${l}</td>`), ...r.values.map((c) => `<td>${String(c) === '' ? '&nbsp;' : v(c)}</td>`)].join('') +
            '</tr>',
        );
      }
      break;
  }
  return out;
}

export function generateReport(o: GenOptions = {}): string {
  const format = o.format ?? 'F2021';
  const layout = o.layout ?? 'L2';
  const year = o.year ?? (format === 'F2021' ? 2022 : 2020);
  const agency = o.agency ?? '某某县卫生健康局';
  const seed = o.seed ?? 0;
  const t3 = consistentT3(format, seed);
  for (const [k, v] of Object.entries(o.t3 ?? {})) t3[k] = v as number[];
  const t4: Cell[] = o.t4 ?? consistentT4(seed);
  const omit = new Set(o.omitSections ?? []);
  const lines: string[] = [];
  const heading = (n: number) => {
    if (!omit.has(n)) lines.push(HEADINGS[n]);
  };
  lines.push(`${agency}${year}年政府信息公开工作年度报告`, '');
  heading(1);
  lines.push(`${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，强化监督保障，持续推进政务公开工作。`);
  lines.push('（一）主动公开方面');
  lines.push('通过政府门户网站主动公开各类信息，及时回应社会关切。');
  lines.push('（二）依申请公开方面');
  const news = t3.new[6];
  if (o.narrative ?? true) lines.push(`本年度共收到政府信息公开申请${news}件，均在法定期限内答复。`);
  lines.push('（三）政府信息管理方面');
  lines.push('严格落实公开前保密审查制度。');
  lines.push('');
  heading(2);
  const full = o.fullWidthDigits ?? false;
  if (format === 'F2021') {
    lines.push(...renderRows([], layout, [['第二十条第（一）项'], ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']], false));
    lines.push(...renderRows([{ labels: ['规章'], values: [0, 0, 0] }, { labels: ['行政规范性文件'], values: [1, 0, 3] }], layout, [], full));
    lines.push(...renderRows([{ labels: ['行政许可'], values: [12] }], layout, [['第二十条第（五）项'], ['信息内容', '本年处理决定数量']], full));
    lines.push(...renderRows([{ labels: ['行政处罚'], values: [5] }, { labels: ['行政强制'], values: [0] }], layout, [['第二十条第（六）项'], ['信息内容', '本年处理决定数量']], full));
    lines.push(...renderRows([{ labels: ['行政事业性收费'], values: ['1.5'] }], layout, [['第二十条第（八）项'], ['信息内容', '本年收费金额（单位：万元）']], full));
  } else {
    lines.push(...renderRows([], layout, [['第二十条第（一）项'], ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']], false));
    lines.push(...renderRows([{ labels: ['规章'], values: [0, 0, 0] }, { labels: ['规范性文件'], values: [2, 2, 9] }], layout, [], full));
    lines.push(...renderRows([{ labels: ['行政许可'], values: [19, '减少18', 1] }, { labels: ['其他对外管理服务事项'], values: [0, 0, 0] }], layout, [['第二十条第（五）项'], ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']], full));
    lines.push(...renderRows([{ labels: ['行政处罚'], values: [76, '增加26', 102] }, { labels: ['行政强制'], values: [0, 0, 0] }], layout, [['第二十条第（六）项'], ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']], full));
    lines.push(...renderRows([{ labels: ['行政事业性收费'], values: [3, '增1减3'] }], layout, [['第二十条第（八）项'], ['信息内容', '上一年项目数量', '本年增/减']], full));
    lines.push(...renderRows([{ labels: ['政府集中采购'], values: ['1项', '83.42万元'] }], layout, [['第二十条第（九）项'], ['信息内容', '采购项目数量', '采购总金额']], full));
  }
  lines.push('');
  heading(3);
  const keys = format === 'F2021' ? T3_KEYS_2021 : T3_KEYS_2019;
  const t3rows = keys.map((k) => {
    const labels = [T3_LABELS[k]];
    const g = GROUP_BEFORE[k];
    if (g && !(format === 'F2019' && k === 'r6_1')) labels.unshift(g);
    return { labels, values: t3[k] };
  });
  lines.push(
    ...renderRows(
      t3rows,
      layout,
      [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
        ['自然人', '法人或其他组织', '总计'],
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      ],
      full,
    ),
  );
  lines.push('');
  heading(4);
  lines.push(
    ...renderRows(
      [{ labels: [], values: t4 }],
      layout,
      [
        ['行政复议', '行政诉讼'],
        ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
      ],
      full,
    ),
  );
  lines.push('');
  heading(5);
  lines.push('（一）存在的主要问题');
  lines.push('主动公开的深度和广度有待拓展。');
  lines.push('（二）改进情况');
  lines.push('进一步完善公开制度，提升公开质量。');
  heading(6);
  if (o.feeStatement ?? true) lines.push('本年度未收取政府信息公开信息处理费。');
  else lines.push('无。');
  lines.push('');
  lines.push(agency);
  lines.push(`${year + 1}年1月20日`);
  return lines.join(o.eol ?? '\n') + (o.eol ?? '\n');
}
