/**
 * Exporting the tables of a report (pure): CSV (one line per value cell, RFC 4180 quoting, CRLF) and JSON
 * (tables → rows → cells). Values are the parsed numbers; blank and unreadable cells export their raw text
 * with an empty value, so nothing the author wrote is lost or invented.
 */

import type { Cell, Report, Row, Table } from '../model';

export type ExportFormat = 'csv' | 'json';

export interface ExportedCell {
  readonly column: string;
  readonly label: string;
  readonly raw: string;
  /** The parsed number; null for blank or unreadable cells. */
  readonly value: number | null;
  readonly state: Cell['state'];
  /** 1-based line of the cell. */
  readonly line: number;
}

export interface ExportedRow {
  readonly key: string;
  /** Canonical label of the format. */
  readonly label: string;
  /** Label as written in the report. */
  readonly written: string;
  readonly group?: string;
  /** 1-based line of the label. */
  readonly line: number;
  /** False when the row has a wrong number of values (cells cannot be matched to columns). */
  readonly aligned: boolean;
  readonly cells: ExportedCell[];
}

export interface ExportedTable {
  readonly table: Table['kind'];
  readonly format: Table['format'];
  readonly layout: Table['layout'];
  readonly firstLine: number;
  readonly lastLine: number;
  readonly rows: ExportedRow[];
}

export interface ExportedReport {
  readonly title?: string;
  readonly agency?: string;
  readonly year?: number;
  readonly format: Report['format']['effective'];
  readonly tables: ExportedTable[];
}

function exportRow(report: Report, row: Row): ExportedRow {
  return {
    key: row.def.key,
    label: row.def.label,
    written: row.label,
    group: row.def.group,
    line: row.labelLine + 1,
    aligned: row.aligned,
    cells: row.cells.map((c, i) => ({
      column: row.aligned ? c.column.id : String(i + 1),
      label: row.aligned ? c.column.label : '',
      raw: c.raw,
      value: c.value ?? null,
      state: c.state,
      line: report.index.positionAt(c.displayRange.start).line + 1,
    })),
  };
}

/** The tables of every report of the document as plain data. */
export function exportData(reports: readonly Report[]): ExportedReport[] {
  return reports.map((r) => ({
    title: r.title?.text,
    agency: r.title?.agency,
    year: r.title?.year,
    format: r.format.effective,
    tables: r.tables.map((t) => ({
      table: t.kind,
      format: t.format,
      layout: t.layout,
      firstLine: t.firstLine + 1,
      lastLine: t.lastLine + 1,
      rows: t.rows.map((row) => exportRow(r, row)),
    })),
  }));
}

function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ['report', 'year', 'table', 'group', 'row_key', 'row_label', 'written_label', 'column', 'column_label', 'raw', 'value', 'line'];

/**
 * The tables as text: `csv` (one line per value cell) or `json` (pretty-printed `{ reports: ExportedReport[] }`,
 * the same shape whether the document holds one report or several).
 */
export function exportTables(reports: readonly Report[], format: ExportFormat): string {
  const data = exportData(reports);
  if (format === 'json') return JSON.stringify({ reports: data }, null, 2) + '\n';
  const lines = [CSV_HEADER.join(',')];
  data.forEach((r, k) => {
    for (const t of r.tables) {
      for (const row of t.rows) {
        for (const c of row.cells) {
          lines.push(
            [k + 1, r.year, t.table, row.group, row.key, row.label, row.written, c.column, c.label, c.raw, c.value, c.line].map(csvField).join(','),
          );
        }
      }
    }
  });
  return lines.join('\r\n') + '\r\n';
}
