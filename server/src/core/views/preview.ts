/**
 * The table preview (pure): what the editor's preview panel shows of a document, as plain data the webview
 * draws without knowing the format. Per report: the six parts, each present / missing / misnumbered; tables 2,
 * 3 and 4 as grids with the official row and column headers of the report's format (2021 or 2019), every
 * expected row (absent ones marked), every cell with the value read from the text, its state, its range in the
 * document, the formulas it takes part in, and — for a wrong total — the computed value. All texts are in the
 * requested language; ranges are 0-based lines and UTF-16 characters (LSP positions).
 *
 * Nothing here parses: the model and the identities (`identities.ts`) are the ones the rules and hovers use.
 */

import type { Cell, ColumnDef, Format, Position, Report, Row, RowDef, SectionNo, Severity, Table, TableKind } from '../model';
import { countSeverities, type SeverityCounts } from '../model';
import type { Finding } from '../rule';
import { cellOf, evaluate, type Identity } from '../identities';
import { fmt, msg, pick, type Lang } from '../messages';
import { SECTION_NUMERALS, SECTION_TITLES, T4_BLOCKS, T4_LEAVES, t2RowDefs } from '../schema';
import { IDENTITY_RULE, identitiesByCell, identityLine } from './identityText';

// ------------------------------------------------------------------ data (also the protocol of `govreport/preview`)

export interface PreviewRange {
  readonly start: Position;
  readonly end: Position;
}

/** `present`: heading as required; `misnumbered`: found by its title, numeral wrong, absent or a look-alike. */
export type SectionMark = 'present' | 'missing' | 'misnumbered';

export interface PreviewSection {
  readonly no: SectionNo;
  /** The canonical heading, e.g. `一、总体情况`. */
  readonly name: string;
  readonly mark: SectionMark;
  /** The heading as written, when it differs from `name`. */
  readonly written?: string;
  /** What is wrong or unusual (misnumbered, variant title, duplicate, order). */
  readonly notes: readonly string[];
  readonly range?: PreviewRange;
}

/**
 * `number`: a value; `blank`: nothing written; `text`: not a number; `unaligned`: the row has a wrong number of
 * values, so this cell cannot be tied to its column; `absent`: the row (or this cell of a short row) is missing.
 */
export type PreviewCellState = 'number' | 'blank' | 'text' | 'unaligned' | 'absent';

export interface PreviewCell {
  /** Unique within the data (`<report>:<table>:<row>:<column>`). */
  readonly id: string;
  readonly raw: string;
  readonly value?: number;
  readonly state: PreviewCellState;
  /** A total (the right-hand side of an identity). */
  readonly derived: boolean;
  readonly range?: PreviewRange;
  /** Set on a total the checker reports as wrong: the value its operands give. */
  readonly computed?: string;
  /** The formulas of the totals this cell is (with values and result). */
  readonly formulas: readonly string[];
  /** The formulas of the totals this cell feeds into. */
  readonly feeds: readonly string[];
  /** The ids of the cells that make up this total (all identities whose total it is). */
  readonly operands: readonly string[];
  /** Messages of the findings on this cell and their highest severity. */
  readonly problems: readonly string[];
  readonly severity?: Severity;
}

export interface PreviewRow {
  readonly key: string;
  /** The label of the format. */
  readonly label: string;
  /** The label as written, when it differs. */
  readonly written?: string;
  /** The group labels the row sits under, outermost first (`三、本年度办理结果`, `（三）不予公开`). */
  readonly path: readonly string[];
  readonly present: boolean;
  /** A group subtotal row (optional in the format). */
  readonly subtotal: boolean;
  /** Why the row's cells are not tied to columns, or that it is missing. */
  readonly note?: string;
  readonly range?: PreviewRange;
  readonly cells: readonly PreviewCell[];
}

export interface PreviewHeaderCell {
  readonly label: string;
  readonly colSpan: number;
  readonly rowSpan: number;
}

/** One grid: table 3 and 4 have one, table 2 one per sub-table (第二十条第（…）项). */
export interface PreviewBlock {
  readonly caption?: string;
  /** How many columns the row labels take (0: none, table 4). */
  readonly labelColumns: number;
  /** Header rows, the first one starting with the corner over the label columns (when there are any). */
  readonly header: readonly (readonly PreviewHeaderCell[])[];
  /** The value columns (leaf headers), in order. */
  readonly columns: readonly { readonly id: string; readonly label: string }[];
  readonly rows: readonly PreviewRow[];
}

export interface PreviewTable {
  readonly kind: TableKind;
  /** `表3 · 收到和处理政府信息公开申请情况`. */
  readonly title: string;
  readonly format: Format;
  readonly present: boolean;
  readonly range?: PreviewRange;
  /** Missing or truncated rows, unreadable text, table outside its section. */
  readonly notes: readonly string[];
  readonly blocks: readonly PreviewBlock[];
}

export interface PreviewReport {
  /** Position among the document's reports. */
  readonly index: number;
  readonly title?: string;
  readonly year?: number;
  readonly format: Format;
  /** `2021版` / `2021 format`, with how it was decided. */
  readonly formatText: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly counts: SeverityCounts;
  readonly sections: readonly PreviewSection[];
  readonly tables: readonly PreviewTable[];
}

/** The words of the preview's own interface, in the data's language. */
export type PreviewStrings = Readonly<Record<PreviewStringKey, string>>;

/** An entry of the list of a document's reports. */
export interface PreviewReportRef {
  readonly index: number;
  readonly title: string;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly counts: SeverityCounts;
}

/** `govreport/preview` (client -> server request): the preview of an open document. */
export interface PreviewParams {
  readonly uri: string;
  /** The version the client shows; the answer is for the server's current version (which it states). */
  readonly version?: number;
  /** The (0-based) line of the editor's cursor: the preview shows the report holding it. */
  readonly line?: number;
}

export interface PreviewData {
  readonly uri: string;
  readonly version: number;
  readonly lang: Lang;
  /** False for a document that is no report (nothing to draw; `reports` is empty). */
  readonly isReport: boolean;
  /** The report shown (the one at the requested line): none or one. */
  readonly reports: readonly PreviewReport[];
  /** Every report of the document, in order. */
  readonly list: readonly PreviewReportRef[];
  readonly ui: PreviewStrings;
}

/** Null when the document is not open in the server, or changed while the preview was made. */
export type PreviewResult = PreviewData | null;

// ------------------------------------------------------------------ interface words

const UI_ZH = {
  sections: '六个部分',
  tables: '表格',
  present: '已有',
  missing: '缺少',
  misnumbered: '序号有误',
  'row-missing': '缺少此行',
  computed: '应为',
  blank: '空白',
  'not-a-report': '此文档未识别为政府信息公开工作年度报告。',
  'no-data': '正在等待检查结果…',
  row: '行',
  column: '列',
  line: '第{L}行',
  errors: '错误',
  warnings: '警告',
  infos: '提示',
  legend: '图例',
  'legend-wrong': '合计有误（旁为计算值）',
  'legend-blank': '空白单元格',
  'legend-text': '非数字',
  'legend-operand': '当前合计的组成单元格',
  stale: '文档已更改，正在更新…',
} as const;

export type PreviewStringKey = keyof typeof UI_ZH;

const UI_EN: Record<PreviewStringKey, string> = {
  sections: 'The six parts',
  tables: 'Tables',
  present: 'present',
  missing: 'missing',
  misnumbered: 'misnumbered',
  'row-missing': 'row missing',
  computed: 'should be',
  blank: 'blank',
  'not-a-report': 'This document was not recognised as a government-information disclosure annual report.',
  'no-data': 'Waiting for the check…',
  row: 'Row',
  column: 'Column',
  line: 'line {L}',
  errors: 'errors',
  warnings: 'warnings',
  infos: 'infos',
  legend: 'Legend',
  'legend-wrong': 'wrong total (computed value beside it)',
  'legend-blank': 'blank cell',
  'legend-text': 'not a number',
  'legend-operand': 'cells of the total under the cursor',
  stale: 'The document changed, updating…',
};

export function previewStrings(lang: Lang): PreviewStrings {
  return lang === 'en' ? UI_EN : UI_ZH;
}

const NOTE = {
  misnumbered: { zh: '序号应为“{expected}、”，实为“{actual}”', en: 'numeral should be “{expected}、”, is “{actual}”' },
  'no-numeral': { zh: '标题缺少序号“{expected}、”', en: 'heading lacks the numeral “{expected}、”' },
  lookalike: { zh: '序号“{actual}”不是汉字“一”', en: 'numeral “{actual}” is not the character “一”' },
  variant: { zh: '标题写作“{actual}”', en: 'written as “{actual}”' },
  duplicate: { zh: '标题重复出现（第{L}行）', en: 'heading repeated (line {L})' },
  order: { zh: '位置在后面的部分之后', en: 'placed after a later part' },
  'row-cells': { zh: '应有{expected}个数值，实有{actual}个，无法对应到列', en: '{expected} values expected, {actual} written: cannot be matched to columns' },
  'table-missing': { zh: '缺少表{X}', en: 'table {X} is missing' },
  'rows-missing': { zh: '缺少{K}行', en: '{K} rows missing' },
  truncated: { zh: '在“{last}”之后截断', en: 'cut off after “{last}”' },
  unreadable: { zh: '文本版式错乱，未能按行读取数值', en: 'the text layout is garbled: values could not be read row by row' },
  elsewhere: { zh: '表格位于第{L}行，不在本部分内', en: 'the table is on line {L}, outside its section' },
} as const;

function note(key: keyof typeof NOTE, args: Record<string, string | number>, lang: Lang): string {
  return NOTE[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ''));
}

// ------------------------------------------------------------------ headers of the format

const T3_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const T3_RESULTS = '三、本年度办理结果';

function h(label: string, colSpan = 1, rowSpan = 1): PreviewHeaderCell {
  return { label, colSpan, rowSpan };
}

function t3Header(columns: readonly ColumnDef[], labelColumns: number): PreviewHeaderCell[][] {
  const legal = columns.filter((c) => /^c[2-6L]$/.test(c.id)).length;
  const leaves = columns.filter((c) => /^c[2-6L]$/.test(c.id)).map((c) => h(c.id === 'cL' ? '小计' : c.label));
  return [
    [h(T3_CORNER, labelColumns, 3), h('申请人情况', columns.length)],
    [h('自然人', 1, 2), h('法人或其他组织', legal), h('总计', 1, 2)],
    leaves,
  ];
}

function t4Header(): PreviewHeaderCell[][] {
  const leaves = T4_LEAVES.map((l) => h(l));
  return [
    [h(T4_BLOCKS[0], 5), h('行政诉讼', 10)],
    [...T4_LEAVES.map((l) => h(l, 1, 2)), h(T4_BLOCKS[1], 5), h(T4_BLOCKS[2], 5)],
    [...leaves, ...leaves],
  ];
}

// ------------------------------------------------------------------ building

interface Build {
  readonly report: Report;
  readonly prefix: string;
  readonly lang: Lang;
  /** Findings of this report. */
  readonly findings: readonly Finding[];
  /** `rule@start:end` of the findings (a failing identity is shown as wrong only when its rule reported it). */
  readonly reported?: ReadonlySet<string>;
  readonly ids: Map<Cell, string>;
}

function range(report: Report, r: { start: number; end: number }): PreviewRange {
  return report.index.rangeToPositions(r);
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function cellProblems(b: Build, cell: Cell): { problems: string[]; severity?: Severity } {
  const problems: string[] = [];
  let severity: Severity | undefined;
  const r = cell.displayRange;
  for (const f of b.findings) {
    const overlaps = f.range.start < r.end && r.start < f.range.end;
    const touches = f.range.start === f.range.end ? f.range.start >= r.start && f.range.start <= r.end : overlaps;
    if (!touches) continue;
    // a row's blank-cell finding spans from its first to its last blank cell: it is about the blank ones
    if (f.ruleId === 'table-blank-cell' && cell.state !== 'blank') continue;
    problems.push(pick(f.message, b.lang));
    if (!severity || SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity]) severity = f.severity;
  }
  return severity ? { problems, severity } : { problems };
}

function isWrong(b: Build, id: Identity): boolean {
  const ev = evaluate(id);
  if (!ev.evaluable || ev.holds) return false;
  if (!b.reported) return true;
  const target = cellOf(id.target)!;
  return b.reported.has(`${IDENTITY_RULE[id.kind]}@${target.displayRange.start}:${target.displayRange.end}`);
}

function previewCell(b: Build, row: Row, cell: Cell, state: PreviewCellState): PreviewCell {
  const ids = identitiesByCell(b.report).get(cell);
  const targetOf = ids?.targetOf ?? [];
  const wrong = targetOf.filter((id) => isWrong(b, id));
  const computed = [...new Set(wrong.map((id) => fmt(evaluate(id).computed)))];
  const operands: string[] = [];
  for (const id of targetOf) {
    for (const o of [...id.plus, ...id.minus]) {
      const c = cellOf(o);
      const cid = c && b.ids.get(c);
      if (cid && !operands.includes(cid)) operands.push(cid);
    }
  }
  const { problems, severity } = cellProblems(b, cell);
  return {
    id: b.ids.get(cell)!,
    raw: cell.raw,
    ...(cell.value !== undefined && state === 'number' ? { value: cell.value } : {}),
    state,
    derived: cell.column.derived || !!row.def.subtotalOf,
    range: range(b.report, cell.range.end > cell.range.start ? cell.range : cell.displayRange),
    ...(computed.length ? { computed: computed.join(' | ') } : {}),
    formulas: targetOf.map((id) => identityLine(id, b.lang)),
    feeds: (ids?.operandOf ?? []).map((id) => identityLine(id, b.lang)),
    operands,
    problems,
    ...(severity ? { severity } : {}),
  };
}

function absentCell(id: string): PreviewCell {
  return { id, raw: '', state: 'absent', derived: false, formulas: [], feeds: [], operands: [], problems: [] };
}

/** The group path of a row of table 3 (outermost first). */
function t3Path(def: RowDef): string[] {
  if (def.subtotalOf) return [T3_RESULTS];
  if (!def.group) return [];
  return def.group === T3_RESULTS ? [T3_RESULTS] : [T3_RESULTS, def.group];
}

function previewRow(b: Build, table: Table, def: RowDef, row: Row | undefined, path: string[]): PreviewRow {
  const n = def.columns.length;
  const base = `${b.prefix}:${table.kind}:${def.key}`;
  if (!row) {
    return {
      key: def.key,
      label: def.label,
      path,
      present: false,
      subtotal: !!def.subtotalOf,
      note: previewStrings(b.lang)['row-missing'],
      cells: Array.from({ length: n }, (_, i) => absentCell(`${base}:${i}`)),
    };
  }
  const cells: PreviewCell[] = [];
  for (let i = 0; i < n; i++) {
    const cell = row.cells[i];
    if (!cell) cells.push(absentCell(`${base}:${i}`));
    else cells.push(previewCell(b, row, cell, row.aligned ? cell.state : 'unaligned'));
  }
  const written = row.label.replace(/\s+/g, '');
  const labelRange = row.labelRange.end > row.labelRange.start ? row.labelRange : row.valuesRange;
  return {
    key: def.key,
    label: def.label,
    ...(written && written !== def.label.replace(/\s+/g, '') ? { written: row.label } : {}),
    path,
    present: true,
    subtotal: !!def.subtotalOf,
    ...(row.aligned ? {} : { note: note('row-cells', { expected: row.expected, actual: row.written }, b.lang) }),
    range: range(b.report, labelRange),
    cells,
  };
}

/**
 * The rows of a grid in the order of the format: every expected row (present or not), and the optional group
 * subtotal rows that were written, each before the first row it sums.
 */
function orderedRows(table: Table, defs: readonly RowDef[]): { def: RowDef; row?: Row }[] {
  const byKey = new Map<string, Row>();
  for (const r of table.rows) if (!byKey.has(r.def.key)) byKey.set(r.def.key, r);
  const subtotals = table.rows.filter((r) => r.def.subtotalOf);
  const out: { def: RowDef; row?: Row }[] = [];
  for (const def of defs) {
    for (const s of subtotals) if (s.def.subtotalOf![0] === def.key) out.push({ def: s.def, row: s });
    out.push({ def, row: byKey.get(def.key) });
  }
  return out;
}

function assignIds(b: Build, table: Table): void {
  for (const row of table.rows) {
    row.cells.forEach((c, i) => {
      if (i < row.def.columns.length && !b.ids.has(c)) b.ids.set(c, `${b.prefix}:${table.kind}:${row.def.key}:${i}`);
    });
  }
}

const TABLE_NO: Record<TableKind, number> = { T2: 2, T3: 3, T4: 4 };

function tableTitle(kind: TableKind, lang: Lang): string {
  return `${lang === 'en' ? 'Table ' : '表'}${TABLE_NO[kind]} · ${pick(msg(`table.${kind}`), lang)}`;
}

function tableNotes(b: Build, table: Table): string[] {
  const notes: string[] = [];
  const lost = table.truncatedRows.length + table.missing.length;
  if (lost) notes.push(note('rows-missing', { K: lost }, b.lang));
  if (table.truncatedAfter) notes.push(note('truncated', { last: table.truncatedAfter.def.label }, b.lang));
  if (table.unreadable) notes.push(note('unreadable', {}, b.lang));
  if (table.orphan) notes.push(note('elsewhere', { L: table.firstLine + 1 }, b.lang));
  return notes;
}

function previewTable(b: Build, kind: TableKind): PreviewTable {
  const table = b.report.tables.find((t) => t.kind === kind);
  const format = table?.format ?? b.report.format.effective;
  const title = tableTitle(kind, b.lang);
  if (!table) {
    return { kind, title, format, present: false, notes: [note('table-missing', { X: TABLE_NO[kind] }, b.lang)], blocks: [] };
  }
  const blocks: PreviewBlock[] = [];
  if (kind === 'T3') {
    const columns = table.expected[0].columns;
    const labelColumns = 3;
    blocks.push({
      labelColumns,
      header: t3Header(columns, labelColumns),
      columns: columns.map((c) => ({ id: c.id, label: c.label })),
      rows: orderedRows(table, table.expected).map(({ def, row }) => previewRow(b, table, def, row, t3Path(def))),
    });
  } else if (kind === 'T4') {
    const def = table.expected[0];
    blocks.push({
      labelColumns: 0,
      header: t4Header(),
      columns: def.columns.map((c) => ({ id: c.id, label: c.label })),
      rows: [previewRow(b, table, def, table.rows.find((r) => r.def.key === def.key), [])],
    });
  } else {
    const defs = table.expected.length ? table.expected : t2RowDefs(format);
    const groups: RowDef[][] = [];
    for (const def of defs) {
      const last = groups[groups.length - 1];
      if (last && last[0].subTable === def.subTable) last.push(def);
      else groups.push([def]);
    }
    for (const g of groups) {
      const columns = g[0].columns;
      blocks.push({
        caption: g[0].group,
        labelColumns: 1,
        header: [[h('信息内容'), ...columns.map((c) => h(c.label))]],
        columns: columns.map((c) => ({ id: c.id, label: c.label })),
        rows: orderedRows(table, g).map(({ def, row }) => previewRow(b, table, def, row, [])),
      });
    }
  }
  return {
    kind,
    title,
    format,
    present: true,
    range: range(b.report, { start: b.report.lines[table.firstLine].start, end: b.report.lines[table.firstLine].end }),
    notes: tableNotes(b, table),
    blocks,
  };
}

function previewSections(b: Build): PreviewSection[] {
  const { report, lang } = b;
  const out: PreviewSection[] = [];
  for (let no = 1 as SectionNo; no <= 6; no = (no + 1) as SectionNo) {
    const name = `${SECTION_NUMERALS[no]}、${SECTION_TITLES[no]}`;
    const all = report.sections.filter((s) => s.no === no);
    const s = all.find((x) => !x.duplicate) ?? all[0];
    if (!s) {
      out.push({ no, name, mark: 'missing', notes: [] });
      continue;
    }
    const hd = s.heading;
    const notes: string[] = [];
    const expected = SECTION_NUMERALS[no];
    let mark: SectionMark = 'present';
    if (hd.numeralKind === 'lookalike') {
      mark = 'misnumbered';
      notes.push(note('lookalike', { actual: hd.numeral }, lang));
    } else if (hd.numeralKind === 'none') {
      mark = 'misnumbered';
      notes.push(note('no-numeral', { expected }, lang));
    } else if (hd.numeralValue !== no) {
      mark = 'misnumbered';
      notes.push(note('misnumbered', { expected, actual: hd.numeral }, lang));
    }
    const written = report.text.slice(hd.range.start, hd.range.end).trim();
    if (hd.match !== 'exact') notes.push(note('variant', { actual: hd.title }, lang));
    for (const d of all) if (d !== s) notes.push(note('duplicate', { L: d.firstLine + 1 }, lang));
    if (report.sections.some((x) => x.no > no && x.firstLine < s.firstLine && !x.duplicate)) notes.push(note('order', {}, lang));
    out.push({
      no,
      name,
      mark,
      ...(written !== name ? { written } : {}),
      notes,
      range: range(report, hd.range),
    });
  }
  return out;
}

function formatText(report: Report, lang: Lang): string {
  const format = pick(msg(`format.${report.format.effective}`), lang);
  const d = report.format.decisive;
  return d && report.format.detected
    ? pick(msg('hover.format-detected', { format, L: d.line + 1, marker: d.marker }), lang)
    : pick(msg('hover.format-assumed', { format }), lang);
}

export interface PreviewOptions {
  readonly lang?: Lang;
  /**
   * The findings shown for the document (after settings and suppressions): a failing total is marked wrong only
   * when its rule reported it, like the inlay hints. Without them every failing total is marked.
   */
  readonly findings?: readonly Finding[];
}

/** One report's preview; `index` is its position among the document's reports (it prefixes the cell ids). */
export function previewReport(report: Report, index: number, options: PreviewOptions = {}): PreviewReport {
  const lang = options.lang ?? 'zh';
  const all = options.findings;
  const reported = all ? new Set(all.map((f) => `${f.ruleId}@${f.range.start}:${f.range.end}`)) : undefined;
  const start = report.lines[report.firstLine].start;
  const end = report.lines[report.lastLine].end;
  const findings = (all ?? []).filter((f) => f.range.start >= start && f.range.start <= end);
  const b: Build = { report, prefix: String(index), lang, findings, reported, ids: new Map() };
  for (const t of report.tables) assignIds(b, t);
  return {
    index,
    ...(report.title ? { title: report.title.text } : {}),
    ...(report.title?.year !== undefined ? { year: report.title.year } : {}),
    format: report.format.effective,
    formatText: formatText(report, lang),
    firstLine: report.firstLine,
    lastLine: report.lastLine,
    counts: countSeverities(findings),
    sections: previewSections(b),
    tables: (['T2', 'T3', 'T4'] as const).map((kind) => previewTable(b, kind)),
  };
}

/** Where a report of a document is: offsets [start, end] and lines. */
export interface ReportSpan {
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** No report (binary data, no heading, no title …). */
  readonly notAReport: boolean;
}

export function reportSpan(report: Report): ReportSpan {
  return {
    start: report.lines[report.firstLine].start,
    end: report.lines[report.lastLine].end,
    firstLine: report.firstLine,
    lastLine: report.lastLine,
    notAReport: !!report.notAReport,
  };
}

/** The list of a document's reports (for a document holding several), from their spans: no parsing. */
export function previewList(text: string, spans: readonly ReportSpan[], findings: readonly Finding[] = []): PreviewReportRef[] {
  const out: PreviewReportRef[] = [];
  spans.forEach((s, index) => {
    if (s.notAReport) return;
    // the title: the first line with text (titles may wrap; the first line names the agency)
    let title = '';
    for (let at = s.start; at < s.end && !title; ) {
      let nl = text.indexOf('\n', at);
      if (nl < 0 || nl > s.end) nl = s.end;
      title = text.slice(at, nl).trim();
      at = nl + 1;
    }
    const inside = findings.filter((f) => f.range.start >= s.start && f.range.start <= s.end);
    out.push({ index, title: title.length > 60 ? title.slice(0, 59) + '…' : title, firstLine: s.firstLine, lastLine: s.lastLine, counts: countSeverities(inside) });
  });
  return out;
}

export interface PreviewDataOptions extends PreviewOptions {
  /** False: the document is no report (diagnostics not shown); nothing is drawn. Default: some report is one. */
  readonly isReport?: boolean;
  /** The (0-based) line whose report is shown; default: the first report. */
  readonly line?: number;
  /**
   * All reports of the document, when `reports` holds only some of them (the one at `line` at least): checks of
   * large documents keep the reports they did not re-check unparsed.
   */
  readonly spans?: readonly ReportSpan[];
}

/**
 * The answer of `govreport/preview`: the report at `line` in full, and the list of the document's reports (a file
 * may hold several; the preview shows one at a time, the one the cursor is in).
 */
export function previewData(uri: string, version: number, text: string, reports: readonly Report[], options: PreviewDataOptions = {}): PreviewData {
  const lang = options.lang ?? 'zh';
  const spans = options.spans ?? reports.map(reportSpan);
  const isReport = options.isReport ?? spans.some((s) => !s.notAReport);
  const base = { uri, version, lang, ui: previewStrings(lang) };
  if (!isReport) return { ...base, isReport, reports: [], list: [] };
  const list = previewList(text, spans, options.findings);
  // the report holding the line, else the nearest before it, else the first
  const line = options.line ?? list[0]?.firstLine ?? 0;
  let pick = list[0];
  for (const r of list) if (r.firstLine <= line) pick = r;
  const report = pick && reports.find((r) => r.firstLine === pick.firstLine && !r.notAReport);
  return { ...base, isReport, reports: report ? [previewReport(report, pick.index, options)] : [], list };
}
