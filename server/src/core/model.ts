/**
 * The report model. Every node keeps its source range (UTF-16 offsets into the document text),
 * so diagnostics, hovers, outline and quick fixes all come from the same positions.
 * Pure data: no Node or VS Code imports.
 */

import type { GluedReading } from './glued';
import type { Line, LineIndex } from './text';

/** Half-open range [start, end) of UTF-16 offsets into the document. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** F2021: 国办公开办函〔2021〕30号 format; F2019: the 2019 trial format (2019 and 2020 reports). */
export type Format = 'F2021' | 'F2019';
export type FormatGate = Format | 'both';
export type Severity = 'error' | 'warning' | 'info';

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** How many of `items` (findings, diagnostics, messages) are errors, warnings and informations. */
export function countSeverities(items: readonly { readonly severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const it of items) {
    if (it.severity === 'error') counts.errors++;
    else if (it.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}
/** `glued`: one-line text whose cells run together (read by core/glued.ts). */
export type Layout = 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'glued';
export type TableKind = 'T2' | 'T3' | 'T4';
export type SectionNo = 1 | 2 | 3 | 4 | 5 | 6;

/** A message in both catalogue languages. */
export interface Text2 {
  readonly zh: string;
  readonly en: string;
}

export interface FormatMarker {
  readonly format: Format;
  readonly marker: string;
  readonly line: number;
  readonly range: OffsetRange;
  /** Column/row-set marker (counts for `format-mixed`). */
  readonly structural: boolean;
}

export interface FormatInfo {
  /** What the markers say; undefined when no marker was found. */
  readonly detected?: Format;
  /** The format the tables are checked against (detected, else by year, else F2021). */
  readonly effective: Format;
  /** False for reports before 2019: table rules are off. */
  readonly tablesChecked: boolean;
  readonly markers: readonly FormatMarker[];
  /** The marker that decided the detection. */
  readonly decisive?: FormatMarker;
  /** Headings of the pre-2019 reports (概述, 政府信息公开的收费及减免情况 …): no unified format applies. */
  readonly legacy?: boolean;
}

export interface Title {
  readonly text: string;
  readonly lines: readonly number[];
  readonly range: OffsetRange;
  readonly year?: number;
  readonly yearRange?: OffsetRange;
  /** Agency name as written before the year, spaces removed. */
  readonly agency?: string;
}

export type HeadingMatch = 'exact' | 'variant' | 'fuzzy';

export interface Heading {
  readonly line: number;
  /** The whole heading line (without leading/trailing whitespace). */
  readonly range: OffsetRange;
  /** The numeral as written (`一`, `—`, …); empty when the heading has none. */
  readonly numeral: string;
  readonly numeralRange: OffsetRange;
  /** `cjk` = a numeral 一…六; `lookalike` = a dash-like glyph standing for 一; `none` = no numeral. */
  readonly numeralKind: 'cjk' | 'lookalike' | 'none';
  /** The section number of the numeral as written (for cjk), used by `section-misnumbered`. */
  readonly numeralValue?: number;
  /** Title part as written and its range. */
  readonly title: string;
  readonly titleRange: OffsetRange;
  /** The section the title identifies. */
  readonly section: SectionNo;
  readonly match: HeadingMatch;
  /** Canonical title of `section`. */
  readonly canonical: string;
  /** Similarity to the canonical title (fuzzy matches). */
  readonly similarity: number;
}

export interface Section {
  readonly no: SectionNo;
  readonly heading: Heading;
  /** From the heading line to the line before the next heading (or end of document). */
  readonly range: OffsetRange;
  readonly firstLine: number;
  readonly lastLine: number;
  /** True for the second and later headings that map to the same section. */
  readonly duplicate: boolean;
}

export type ValueKind = 'count' | 'amount' | 'change';

export interface ColumnDef {
  /** Stable id: T3 `c1`…`c7`, `cL`; T4 `1`…`15`; T2 `v1`…`v3`. */
  readonly id: string;
  readonly label: string;
  readonly kind: ValueKind;
  /** Derived cells (totals) are never counted as 0 when blank, in any format. */
  readonly derived: boolean;
  /** Unit suffixes tolerated silently (F2019 （九）). */
  readonly unitsTolerated?: readonly string[];
}

export interface RowDef {
  /** Stable id, e.g. `new`, `r3_1`, `total`, `T2.规章`, `T4`. */
  readonly key: string;
  /** Canonical label, as printed in the format. */
  readonly label: string;
  /** Normalised label (normLabel). */
  readonly norm: string;
  /** Known alternative spellings (normalised) → `table-label-variant`. */
  readonly variants?: readonly string[];
  /** Group label (T3 `（三）不予公开` …) or T2 caption. */
  readonly group?: string;
  readonly columns: readonly ColumnDef[];
  /** T3: member of the result rows R of the format. */
  readonly result?: boolean;
  /** T3 group subtotal row: the keys of the rows it sums. */
  readonly subtotalOf?: readonly string[];
  /** T2 sub-table caption id, e.g. `（一）`. */
  readonly subTable?: string;
}

export type CellState = 'number' | 'blank' | 'text';

export interface Cell {
  readonly column: ColumnDef;
  /** Raw text of the cell as written (trimmed). */
  readonly raw: string;
  /** Range of the cell's content (may be empty for a blank cell). */
  readonly range: OffsetRange;
  /** A visible range for diagnostics (never empty when the line has characters). */
  readonly displayRange: OffsetRange;
  readonly state: CellState;
  /** Parsed value; undefined for blank/text cells and for cells made unknown by their own rule. */
  readonly value?: number;
  /** Unit suffix written after the number (`件`, `万元` …). */
  readonly unit?: string;
  readonly unitRange?: OffsetRange;
  /** Decimal written in a count cell. */
  readonly notInteger?: boolean;
  readonly negative?: boolean;
  /** For change cells: the text as written was valid change grammar. */
  readonly changeText?: boolean;
}

export interface Row {
  readonly def: RowDef;
  /** Label as written (joined fragments) and the range from its first to its last fragment. */
  readonly label: string;
  readonly labelRange: OffsetRange;
  readonly labelLine: number;
  readonly match: 'exact' | 'variant' | 'prefix' | 'fuzzy' | 'none';
  readonly similarity: number;
  /** The value cells as written, in order. When aligned, cells[i].column === def.columns[i]. */
  readonly cells: readonly Cell[];
  /** False when the number of value cells differs from the expected count (all cells unknown). */
  readonly aligned: boolean;
  /** Number of value cells written. */
  readonly written: number;
  readonly expected: number;
  /** Range covering all value cells. */
  readonly valuesRange: OffsetRange;
  /** Where the row's last value ends (insertion point for fixes). */
  readonly lastLine: number;
}

export interface Table {
  readonly kind: TableKind;
  readonly layout: Layout;
  readonly format: Format;
  /** The section the table sits in (by position), if any. */
  readonly inSection?: SectionNo;
  /** True when the table was found outside its own section (e.g. a lone 15-number row). */
  readonly orphan: boolean;
  readonly range: OffsetRange;
  readonly firstLine: number;
  readonly lastLine: number;
  /** Recognised rows, in document order. */
  readonly rows: readonly Row[];
  /** Expected rows in format order (for missing/truncated). */
  readonly expected: readonly RowDef[];
  /** Keys of expected rows that are absent while later rows are present. */
  readonly missing: readonly { def: RowDef; before?: Row }[];
  /** Set when rows stop before the last expected row and the region ends. */
  readonly truncatedAfter?: Row;
  /** Expected rows lost to truncation. */
  readonly truncatedRows: readonly RowDef[];
  /** T3 only: the optional 法人或其他组织小计 column is present. */
  readonly hasLegalSubtotal: boolean;
  /** T2 captions found. */
  readonly captions: readonly { text: string; line: number; range: OffsetRange }[];
  /** Many rows could not be aligned (column-major PDF text, labels torn from their values): read nothing from it. */
  readonly unreadable?: boolean;
  /** A 2021-format table 3 that keeps the 2019 single row （六）其他处理 instead of its three sub-rows. */
  readonly sixAsOneRow?: boolean;
  /** One-line text: the rows reconstructed from glued digits and the rows that could not be read. */
  readonly glued?: GluedReading;
}

export interface Subsection {
  readonly section?: SectionNo;
  readonly line: number;
  /** The marker as written, e.g. `（一）`, `(二)`, `（3）`. */
  readonly marker: string;
  readonly markerRange: OffsetRange;
  readonly numeralType: 'cjk' | 'arabic';
  readonly width: 'full' | 'half';
  readonly value: number;
  readonly titleText: string;
  readonly range: OffsetRange;
}

export interface Sentence {
  /** Compacted sentence text (digits folded, whitespace removed). */
  readonly text: string;
  /** Offset map: document offset of every character of `text`. */
  readonly map: ArrayLike<number>;
  readonly section?: SectionNo;
  /** Title of the enclosing subsection (`（二）依申请公开…`), if any. */
  readonly subsectionTitle?: string;
  readonly firstLine: number;
}

export interface Signature {
  readonly date: { y: number; m: number; d: number };
  readonly range: OffsetRange;
  readonly line: number;
}

export interface Report {
  readonly text: string;
  readonly lines: readonly Line[];
  readonly index: LineIndex;
  /** Line span of this report within the document (several reports can share one file). */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly title?: Title;
  readonly format: FormatInfo;
  /** All heading lines, in document order (duplicates included). */
  readonly headings: readonly Heading[];
  /** Sections by heading, in document order (duplicates flagged). */
  readonly sections: readonly Section[];
  readonly tables: readonly Table[];
  /** Lines that belong to tables (not narrative). */
  readonly tableLines: ReadonlySet<number>;
  readonly subsections: readonly Subsection[];
  /** Narrative sentences (outside tables), wrapped lines joined. */
  readonly sentences: readonly Sentence[];
  readonly signature?: Signature;
  /** Encoding damage detected (mojibake / U+FFFD): other rules are suppressed. */
  readonly encodingSuspect?: { range: OffsetRange; reason: string };
  /** Not a report at all (binary data, no heading, no table, no title). */
  readonly notAReport?: boolean;
  /** The text lost its line breaks (a web page's text glued into one line): `lines` are virtual lines. */
  readonly glued?: boolean;
}

/** Convenience: the section (by number) a heading maps to first. */
export function firstSection(report: Report, no: SectionNo): Section | undefined {
  return report.sections.find((s) => s.no === no && !s.duplicate);
}

/**
 * `compute` for a report, run once per report (the model is not changed after parsing); the result is kept as
 * long as the report is.
 */
export function perReport<T>(compute: (report: Report) => T): (report: Report) => T {
  const cache = new WeakMap<Report, T>();
  return (report) => {
    let v = cache.get(report);
    if (v === undefined) {
      v = compute(report);
      cache.set(report, v);
    }
    return v;
  };
}

export function tableOf(report: Report, kind: TableKind): Table | undefined {
  return report.tables.find((t) => t.kind === kind);
}

export function rowOf(table: Table | undefined, key: string): Row | undefined {
  return table?.rows.find((r) => r.def.key === key);
}

/** The table each section holds (sections 2, 3 and 4), and back; the number of a table as headings write it. */
export const TABLE_OF_SECTION: Readonly<Partial<Record<SectionNo, TableKind>>> = { 2: 'T2', 3: 'T3', 4: 'T4' };
export const SECTION_OF_TABLE: Readonly<Record<TableKind, SectionNo>> = { T2: 2, T3: 3, T4: 4 };
export const TABLE_NO: Readonly<Record<TableKind, string>> = { T2: '2', T3: '3', T4: '4' };
