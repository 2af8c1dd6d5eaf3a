/**
 * Tables 2, 3 and 4 of a report as printed grids (pure, plain data): the official row and column headers of the
 * report's format, every cell as read from the text with its state (number, blank, non-numeric, on a row whose
 * values cannot be matched to columns), the arithmetic that fails on it (stated and computed value, the formula)
 * and the findings on it. Rows of the format that the report lacks are listed as missing, so the grid always has
 * the shape of the printed table.
 *
 * The data is JSON-safe (no model objects), so it can cross a worker boundary or be embedded in a page. This is
 * the one builder of the grids: the command line's HTML report draws them as they are, and the editor's table
 * preview (views/preview.ts) draws them with its own additions (cell ids, LSP ranges, finding messages, notes).
 */

import { ruleMeta } from '../engine';
import { cellOf, evaluate, type Identity } from '../identities';
import { msg, type MessageKey } from '../messages';
import type { Cell, ColumnDef, Format, Layout, OffsetRange, Report, Row, RowDef, Table, TableKind, Text2 } from '../model';
import type { Finding } from '../rule';
import { T4_BLOCKS, T4_LEAVES, t2RowDefs, t3SubtotalDefs } from '../schema';
import { formulaText, IDENTITY_RULE, identitiesByCell, identityName } from './identityText';

/** A header cell of the printed table. */
export interface GridHeaderCell {
  readonly text: string;
  readonly colSpan: number;
  readonly rowSpan: number;
}

/** Where a cell or row is in the document: 1-based line and column (UTF-16), and the offsets for editors. */
export interface GridPlace {
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/** An identity that fails on a cell: the cell states `stated`, the other cells give `computed`. */
export interface GridFailure {
  /** The rule that reports it (e.g. `table3-row-total`). */
  readonly rule: string;
  /** What the cell is the total of, e.g. `总计` or `（七）总计/自然人`. */
  readonly name: string;
  readonly stated: number;
  readonly computed: number;
  /** `0 + 0 + 2` (the operands, as in hovers). */
  readonly formula: string;
}

export type GridCellState = 'number' | 'blank' | 'text';

export interface GridCell {
  /** Where the cell is written (for a blank cell: the visible range diagnostics use). */
  readonly place: GridPlace;
  /** Column id (`c1`…`c7`, `cL`, T4 `1`…`15`, T2 `v1`…`v3`); for a row whose values cannot be aligned, `#1`, `#2` … */
  readonly column: string;
  /** The column's official label ('' when not aligned). */
  readonly columnLabel: string;
  /** The text as written (trimmed). */
  readonly raw: string;
  readonly state: GridCellState;
  /** The parsed value (numbers only). */
  readonly value?: number;
  /** A total (derived from other cells). */
  readonly derived: boolean;
  /** Failing identities whose stated side is this cell (usually none or one). */
  readonly failures: readonly GridFailure[];
  /** Every identity this cell is the total of, as hovers write it (`总计 = 0 + 0 + 2 = 2 ✓`). */
  readonly formulas: readonly Text2[];
  /** Every identity this cell is an operand of (the totals it feeds into), written the same way. */
  readonly feeds: readonly Text2[];
  /** The cells that make up this total (all identities whose total it is), as `<table>:<row>:<index>` keys. */
  readonly operands: readonly string[];
  /** Ids of the findings whose range touches the cell. */
  readonly rules: readonly string[];
}

export type GridRowState = 'present' | 'missing' | 'truncated';

export interface GridRow {
  readonly key: string;
  /** The row headers from the outermost to the row's own label, e.g. `三、本年度办理结果` › `（三）不予公开` › `1.属于国家秘密`. */
  readonly path: readonly string[];
  /** The official label of the row. */
  readonly label: string;
  /** `missing`: absent while later rows are present; `truncated`: lost where the table stops early. */
  readonly state: GridRowState;
  /** The label as written, when it differs from the official one. */
  readonly written?: string;
  /** Where the label is (present rows). */
  readonly place?: GridPlace;
  /** False when the row has a wrong number of values: `cells` are then as written, not by column. */
  readonly aligned: boolean;
  readonly expected: number;
  readonly cells: readonly GridCell[];
  /** A group subtotal row some reports add (not part of the official table). */
  readonly subtotal?: boolean;
  /** Ids of the findings on the row label or across the row's values. */
  readonly rules: readonly string[];
}

/** One printed table: T3 and T4 have one block; T2 has one per sub-table (第二十条第（一）项 …). */
export interface GridBlock {
  readonly caption?: string;
  /** Number of row-header columns (0 for T4, whose single row has no label column). */
  readonly stubDepth: number;
  /** The text of the top-left header cell (spanning the stub columns and all header rows). */
  readonly stubHeader: string;
  /** Header rows of the value columns. */
  readonly header: readonly (readonly GridHeaderCell[])[];
  /** Column ids, in order. */
  readonly columns: readonly string[];
  /** The official labels of the columns (the leaf headers), in the order of `columns`. */
  readonly labels: readonly string[];
  readonly rows: readonly GridRow[];
}

export interface GridTable {
  readonly kind: TableKind;
  /** `表3` / `Table 3` and its official name. */
  readonly name: Text2;
  readonly present: boolean;
  readonly format: Format;
  readonly layout?: Layout;
  readonly firstLine?: number;
  readonly lastLine?: number;
  /** The table's rows could not be read (column-major PDF text …): nothing read from it. */
  readonly unreadable?: boolean;
  readonly blocks: readonly GridBlock[];
  /** Every failing identity of the table, in table order. */
  readonly failures: readonly (GridFailure & { readonly row: string; readonly column: string; readonly place: GridPlace })[];
}

export interface GridReport {
  readonly title?: string;
  readonly agency?: string;
  readonly year?: number;
  /** The format the tables are read as, and whether the text says so (else assumed from the year). */
  readonly format: Format;
  readonly formatDetected: boolean;
  /** 1-based lines of the report in its document. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Tables 2, 3 and 4, in this order, present or not. */
  readonly tables: readonly GridTable[];
  /** The text is not a report at all (no title, heading or table): its grids are empty shapes. */
  readonly notAReport?: true;
}

const KINDS: readonly TableKind[] = ['T2', 'T3', 'T4'];
const TABLE_NO: Record<TableKind, number> = { T2: 2, T3: 3, T4: 4 };
const T3_RESULTS = '三、本年度办理结果';
const T3_STUB = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

function place(report: Report, r: OffsetRange): GridPlace {
  const p = report.index.positionAt(r.start);
  return { line: p.line + 1, column: p.character + 1, start: r.start, end: r.end };
}

function touches(a: OffsetRange, b: OffsetRange): boolean {
  if (a.start === a.end) return a.start >= b.start && a.start <= b.end;
  if (b.start === b.end) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** The table rules' findings on a range (a section heading inserted before an orphan row is not the row's). */
function rulesAt(findings: readonly Finding[], r: OffsetRange): string[] {
  const out: string[] = [];
  for (const f of findings) if (ruleMeta(f.ruleId)?.tableRule && touches(f.range, r) && !out.includes(f.ruleId)) out.push(f.ruleId);
  return out;
}

function failureOf(id: Identity): GridFailure | undefined {
  const ev = evaluate(id);
  if (!ev.evaluable || ev.holds || ev.stated === undefined || ev.computed === undefined) return undefined;
  return { rule: IDENTITY_RULE[id.kind], name: identityName(id), stated: ev.stated, computed: ev.computed, formula: formulaText(id, ev) };
}

function formulaOf(id: Identity): Text2 {
  const ev = evaluate(id);
  const name = identityName(id);
  if (!ev.evaluable) return msg('hover.not-evaluable', { name });
  return msg(ev.holds ? 'hover.formula-ok' : 'hover.formula-bad', { name, formula: formulaText(id, ev), computed: ev.computed, stated: ev.stated });
}

/** The row headers of a row definition, outermost first. */
function rowPath(kind: TableKind, def: RowDef): string[] {
  if (kind === 'T4') return [];
  if (kind === 'T2') return [def.label];
  if (def.subtotalOf) return [T3_RESULTS, def.label, '小计'];
  if (!def.group) return [def.label];
  if (def.group === T3_RESULTS) return [T3_RESULTS, def.label];
  return [T3_RESULTS, def.group, def.label];
}

interface Ctx {
  readonly report: Report;
  readonly findings: readonly Finding[] | undefined;
  readonly byCell: ReturnType<typeof identitiesByCell>;
  /** `<table>:<row>:<index>` of every cell tied to a row of the format (operands are named by it). */
  readonly keys: Map<Cell, string>;
}

/** The key of a cell: its table, its row and its index in the row (cells past the row's columns have none). */
export function cellKey(kind: TableKind, row: string, index: number): string {
  return `${kind}:${row}:${index}`;
}

function assignKeys(keys: Map<Cell, string>, table: Table): void {
  for (const row of table.rows) {
    row.cells.forEach((c, i) => {
      if (i < row.def.columns.length && !keys.has(c)) keys.set(c, cellKey(table.kind, row.def.key, i));
    });
  }
}

function operandsOf(ctx: Ctx, ids: readonly Identity[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    for (const o of [...id.plus, ...id.minus]) {
      const c = cellOf(o);
      const key = c && ctx.keys.get(c);
      if (key && !out.includes(key)) out.push(key);
    }
  }
  return out;
}

function gridCell(ctx: Ctx, row: Row, cell: Cell, i: number): GridCell {
  const ids = ctx.byCell.get(cell);
  const failures: GridFailure[] = [];
  for (const id of ids?.targetOf ?? []) {
    const f = failureOf(id);
    // with findings given, only what a rule reported (rules may be off, gated by format, or suppressed)
    if (f && (!ctx.findings || ctx.findings.some((x) => x.ruleId === f.rule && touches(x.range, cell.displayRange)))) failures.push(f);
  }
  return {
    place: place(ctx.report, cell.displayRange),
    column: row.aligned ? cell.column.id : `#${i + 1}`,
    columnLabel: row.aligned ? cell.column.label : '',
    raw: cell.raw,
    state: cell.state,
    ...(cell.value !== undefined ? { value: cell.value } : {}),
    derived: row.aligned && (cell.column.derived || !!row.def.subtotalOf),
    failures,
    formulas: (ids?.targetOf ?? []).map(formulaOf),
    feeds: (ids?.operandOf ?? []).map(formulaOf),
    operands: operandsOf(ctx, ids?.targetOf ?? []),
    rules: ctx.findings ? rulesAt(ctx.findings, cell.displayRange) : [],
  };
}

function presentRow(ctx: Ctx, kind: TableKind, row: Row): GridRow {
  const written = row.label.replace(/\s+/g, '');
  return {
    key: row.def.key,
    path: rowPath(kind, row.def),
    label: row.def.label,
    state: 'present',
    ...(row.label && written !== row.def.label.replace(/\s+/g, '') ? { written: row.label } : {}),
    ...(row.label ? { place: place(ctx.report, row.labelRange) } : {}),
    aligned: row.aligned,
    expected: row.expected,
    cells: row.cells.map((c, i) => gridCell(ctx, row, c, i)),
    ...(row.def.subtotalOf ? { subtotal: true } : {}),
    rules: ctx.findings ? rowRules(ctx.findings, row) : [],
  };
}

/** Findings on the label, and on the values of a row that cannot be aligned (the cell count). */
function rowRules(findings: readonly Finding[], row: Row): string[] {
  const out = row.label ? rulesAt(findings, row.labelRange) : [];
  if (!row.aligned) for (const r of rulesAt(findings, row.valuesRange)) if (!out.includes(r)) out.push(r);
  return out;
}

function absentRow(kind: TableKind, def: RowDef, state: GridRowState): GridRow {
  return { key: def.key, path: rowPath(kind, def), label: def.label, state, aligned: false, expected: def.columns.length, cells: [], rules: [] };
}

function leafHeader(columns: readonly ColumnDef[]): GridHeaderCell[] {
  return columns.map((c) => ({ text: c.label, colSpan: 1, rowSpan: 1 }));
}

function t3Header(columns: readonly ColumnDef[]): GridHeaderCell[][] {
  const legal = columns.filter((c) => c.id !== 'c1' && c.id !== 'c7');
  return [
    [{ text: '申请人情况', colSpan: columns.length, rowSpan: 1 }],
    [
      { text: '自然人', colSpan: 1, rowSpan: 2 },
      { text: '法人或其他组织', colSpan: legal.length, rowSpan: 1 },
      { text: '总计', colSpan: 1, rowSpan: 2 },
    ],
    legal.map((c) => ({ text: c.id === 'cL' ? '小计' : c.label, colSpan: 1, rowSpan: 1 })),
  ];
}

function h(text: string, colSpan = 1, rowSpan = 1): GridHeaderCell {
  return { text, colSpan, rowSpan };
}

/** As printed: 行政复议's five leaves span its second and third header rows, under 行政诉讼 its two blocks. */
function t4Header(): GridHeaderCell[][] {
  const leaves = T4_LEAVES.map((l) => h(l));
  return [
    [h(T4_BLOCKS[0], 5), h('行政诉讼', 10)],
    [...T4_LEAVES.map((l) => h(l, 1, 2)), h(T4_BLOCKS[1], 5), h(T4_BLOCKS[2], 5)],
    [...leaves, ...leaves],
  ];
}

/** The rows of a table in the order of the printed format: present rows where they belong, absent ones marked. */
function orderedRows(ctx: Ctx, table: Table): GridRow[] {
  // the first row of a key (a repeated row is reported, not drawn twice in its place)
  const byKey = new Map<string, Row>();
  for (const r of table.rows) if (!byKey.has(r.def.key)) byKey.set(r.def.key, r);
  const truncated = new Set(table.truncatedRows.map((d) => d.key));
  const subtotals = table.kind === 'T3' ? t3SubtotalDefs(table.format, table.expected[0]?.columns ?? []) : [];
  const out: GridRow[] = [];
  for (const def of table.expected) {
    // a group subtotal row some reports print, before the group's first sub-row
    const sub = subtotals.find((s) => s.subtotalOf?.[0] === def.key);
    const subRow = sub && byKey.get(sub.key);
    if (subRow) out.push(presentRow(ctx, table.kind, subRow));
    const row = byKey.get(def.key);
    if (row) out.push(presentRow(ctx, table.kind, row));
    else out.push(absentRow(table.kind, def, truncated.has(def.key) ? 'truncated' : 'missing'));
  }
  // rows the format does not list in this table (never expected, but never drop what was read)
  for (const r of table.rows) if (!out.some((g) => g.key === r.def.key)) out.push(presentRow(ctx, table.kind, r));
  return out;
}

function blocksOf(ctx: Ctx, table: Table): GridBlock[] {
  const rows = orderedRows(ctx, table);
  if (table.kind === 'T4') {
    const columns = table.expected[0]?.columns ?? [];
    return [{ stubDepth: 0, stubHeader: '', header: t4Header(), columns: columns.map((c) => c.id), labels: columns.map((c) => c.label), rows }];
  }
  if (table.kind === 'T3') {
    const columns = table.expected[0]?.columns ?? [];
    return [{ stubDepth: 3, stubHeader: T3_STUB, header: t3Header(columns), columns: columns.map((c) => c.id), labels: columns.map((c) => c.label), rows }];
  }
  // T2: one block per sub-table, in the format's order
  const defs = table.expected.length ? table.expected : t2RowDefs(table.format);
  const blocks: GridBlock[] = [];
  for (const def of defs) {
    const caption = def.group ?? '';
    let block = blocks.find((b) => b.caption === caption);
    if (!block) {
      block = { caption, stubDepth: 1, stubHeader: '信息内容', header: [leafHeader(def.columns)], columns: def.columns.map((c) => c.id), labels: def.columns.map((c) => c.label), rows: [] };
      blocks.push(block);
    }
    (block.rows as GridRow[]).push(...rows.filter((r) => r.key === def.key));
  }
  return blocks;
}

function absentTable(kind: TableKind, format: Format): GridTable {
  return { kind, name: tableName(kind), present: false, format, blocks: [], failures: [] };
}

function tableName(kind: TableKind): Text2 {
  const name = msg(`table.${kind}` as MessageKey);
  return { zh: `表${TABLE_NO[kind]} ${name.zh}`, en: `Table ${TABLE_NO[kind]} ${name.en}` };
}

function gridTable(ctx: Ctx, table: Table): GridTable {
  const blocks = blocksOf(ctx, table);
  const failures: GridTable['failures'][number][] = [];
  for (const b of blocks) {
    for (const r of b.rows) for (const c of r.cells) for (const f of c.failures) failures.push({ ...f, row: r.key, column: c.column, place: c.place });
  }
  return {
    kind: table.kind,
    name: tableName(table.kind),
    present: true,
    format: table.format,
    layout: table.layout,
    firstLine: table.firstLine + 1,
    lastLine: table.lastLine + 1,
    ...(table.unreadable ? { unreadable: true } : {}),
    blocks,
    failures,
  };
}

/**
 * The grids of a report's tables 2, 3 and 4. With `findings` (the report's findings after the rule settings),
 * a cell is marked wrong only when a rule reported it, and cells and rows list the findings on them; without,
 * every failing identity is marked.
 */
export function reportGrid(report: Report, findings?: readonly Finding[]): GridReport {
  const ctx: Ctx = { report, findings, byCell: identitiesByCell(report), keys: new Map() };
  for (const t of report.tables) assignKeys(ctx.keys, t);
  const format = report.format.effective;
  return {
    ...(report.title?.text ? { title: report.title.text } : {}),
    ...(report.title?.agency ? { agency: report.title.agency } : {}),
    ...(report.title?.year !== undefined ? { year: report.title.year } : {}),
    format,
    formatDetected: report.format.detected !== undefined,
    firstLine: report.firstLine + 1,
    lastLine: report.lastLine + 1,
    ...(report.notAReport ? { notAReport: true as const } : {}),
    tables: KINDS.map((kind) => {
      const t = report.tables.find((x) => x.kind === kind);
      return t ? gridTable(ctx, t) : absentTable(kind, format);
    }),
  };
}

/** The grids of every report of a document; `findings` of the whole document (each report takes those in its lines). */
export function documentGrids(reports: readonly Report[], findings?: readonly Finding[]): GridReport[] {
  return reports.map((r) => {
    if (!findings) return reportGrid(r);
    const start = r.lines[r.firstLine]?.start ?? 0;
    const end = r.lines[r.lastLine]?.end ?? r.text.length;
    return reportGrid(
      r,
      findings.filter((f) => f.range.start >= start && f.range.start <= end),
    );
  });
}
