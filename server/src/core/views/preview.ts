/**
 * The table preview (pure): what the editor's preview panel shows of a document, as plain data the webview
 * draws without knowing the format. Per report: the six parts, each present / missing / misnumbered; tables 2,
 * 3 and 4 as grids with the official row and column headers of the report's format (2021 or 2019), every
 * expected row (absent ones marked), every cell with the value read from the text, its state, its range in the
 * document, the formulas it takes part in, and — for a wrong total — the computed value. All texts are in the
 * requested language; ranges are 0-based lines and UTF-16 characters (LSP positions).
 *
 * Nothing here parses, and the grids are not built here: their shape, headers, rows and cells (state, value,
 * formulas, failing totals) are those of `reportGrid` (views/grid.ts), the same the HTML report draws; this module
 * adds what the editor needs on top (cell ids and LSP ranges, finding messages, row and table notes, the sections
 * and the list of a document's reports).
 */

import type { Cell, Format, Position, Report, SectionNo, Severity, Table, TableKind } from '../model';
import { countSeverities, type SeverityCounts } from '../model';
import type { Finding } from '../rule';
import { fmt, msg, pick, type Lang } from '../messages';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';
import { cellKey, reportGrid, type GridBlock, type GridCell, type GridRow, type GridTable } from './grid';

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

// ------------------------------------------------------------------ building (on the grids of views/grid.ts)

interface Build {
  readonly report: Report;
  readonly prefix: string;
  readonly lang: Lang;
  /** Findings of this report. */
  readonly findings: readonly Finding[];
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

/** The preview's id of a grid cell key (`<table>:<row>:<index>`): prefixed with the report's position. */
function cellId(b: Build, key: string): string {
  return `${b.prefix}:${key}`;
}

function previewCell(b: Build, kind: TableKind, row: GridRow, g: GridCell, cell: Cell, i: number): PreviewCell {
  const state: PreviewCellState = row.aligned ? g.state : 'unaligned';
  const computed = [...new Set(g.failures.map((f) => fmt(f.computed)))];
  const { problems, severity } = cellProblems(b, cell);
  return {
    id: cellId(b, cellKey(kind, row.key, i)),
    raw: g.raw,
    ...(g.value !== undefined && state === 'number' ? { value: g.value } : {}),
    state,
    derived: cell.column.derived || !!row.subtotal,
    range: range(b.report, cell.range.end > cell.range.start ? cell.range : cell.displayRange),
    ...(computed.length ? { computed: computed.join(' | ') } : {}),
    formulas: g.formulas.map((f) => pick(f, b.lang)),
    feeds: g.feeds.map((f) => pick(f, b.lang)),
    operands: g.operands.map((k) => cellId(b, k)),
    problems,
    ...(severity ? { severity } : {}),
  };
}

function absentCell(id: string): PreviewCell {
  return { id, raw: '', state: 'absent', derived: false, formulas: [], feeds: [], operands: [], problems: [] };
}

function previewRow(b: Build, table: Table, row: GridRow): PreviewRow {
  const n = row.expected;
  const base = `${b.prefix}:${table.kind}:${row.key}`;
  // the grid's path ends with the row's own label (or `小计` under it); the preview draws the label apart
  const path = row.subtotal ? row.path.slice(0, 1) : row.path.slice(0, -1);
  const subtotal = !!row.subtotal;
  const source = row.state === 'present' ? table.rows.find((r) => r.def.key === row.key) : undefined;
  if (!source) {
    return {
      key: row.key,
      label: row.label,
      path,
      present: false,
      subtotal,
      note: previewStrings(b.lang)['row-missing'],
      cells: Array.from({ length: n }, (_, i) => absentCell(`${base}:${i}`)),
    };
  }
  const cells: PreviewCell[] = [];
  for (let i = 0; i < n; i++) {
    const g = row.cells[i];
    const cell = source.cells[i];
    if (!g || !cell) cells.push(absentCell(`${base}:${i}`));
    else cells.push(previewCell(b, table.kind, row, g, cell, i));
  }
  const labelRange = source.labelRange.end > source.labelRange.start ? source.labelRange : source.valuesRange;
  return {
    key: row.key,
    label: row.label,
    ...(row.written && row.written.replace(/\s+/g, '') ? { written: row.written } : {}),
    path,
    present: true,
    subtotal,
    ...(row.aligned ? {} : { note: note('row-cells', { expected: source.expected, actual: source.written }, b.lang) }),
    range: range(b.report, labelRange),
    cells,
  };
}

/** A grid block as the webview draws it: the corner over the row labels starts the first header row. */
function previewBlock(b: Build, table: Table, block: GridBlock): PreviewBlock {
  const header = block.header.map((cells) => cells.map((c) => ({ label: c.text, colSpan: c.colSpan, rowSpan: c.rowSpan })));
  if (block.stubDepth > 0 && header.length) header[0].unshift({ label: block.stubHeader, colSpan: block.stubDepth, rowSpan: block.header.length });
  // rows the format does not list in the table are in the report's grid, not in the preview
  const rows = block.rows.filter((r) => table.kind === 'T2' || r.subtotal || table.expected.some((d) => d.key === r.key));
  return {
    ...(block.caption !== undefined ? { caption: block.caption } : {}),
    labelColumns: block.stubDepth,
    header,
    columns: block.columns.map((id, i) => ({ id, label: block.labels[i] ?? '' })),
    rows: rows.map((r) => previewRow(b, table, r)),
  };
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

function previewTable(b: Build, grid: GridTable): PreviewTable {
  const kind = grid.kind;
  const table = b.report.tables.find((t) => t.kind === kind);
  const format = table?.format ?? b.report.format.effective;
  const title = tableTitle(kind, b.lang);
  if (!table || !grid.present) {
    return { kind, title, format, present: false, notes: [note('table-missing', { X: TABLE_NO[kind] }, b.lang)], blocks: [] };
  }
  return {
    kind,
    title,
    format,
    present: true,
    range: range(b.report, { start: b.report.lines[table.firstLine].start, end: b.report.lines[table.firstLine].end }),
    notes: tableNotes(b, table),
    blocks: grid.blocks.map((block) => previewBlock(b, table, block)),
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
  const start = report.lines[report.firstLine].start;
  const end = report.lines[report.lastLine].end;
  const findings = (all ?? []).filter((f) => f.range.start >= start && f.range.start <= end);
  const b: Build = { report, prefix: String(index), lang, findings };
  // the grids (shape, headers, cells, failing totals) are the report's: a failing total is marked wrong only when its rule reported it
  const grid = reportGrid(report, all ? findings : undefined);
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
    tables: grid.tables.map((t) => previewTable(b, t)),
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
