/**
 * Shared by the Word and HTML readers: a table given as rows of cells with their spans → report lines in the
 * layout the core reads best (one row per line, cells separated by tabs), plus the source map of every line.
 *
 * Merged cells: a cell spanning several columns (`colspan`, `gridSpan`) is ONE field of the line — its extra
 * grid columns add no empty fields, because an empty field between two values would shift every value after
 * it (the core counts a row's values, it never derives columns from the header). A cell continued from a row
 * above (`rowspan`, `vMerge`) leaves an EMPTY field at its place in the rows below: blanks before a row's
 * label are merged-cell padding to the core (`\t（三）不予公开\t1.属于国家秘密\t…` / `\t\t2.其他…`). The
 * source map gives, for every field, the 1-based grid column it starts at, so nothing is lost.
 */

import type { SourcePlace } from './types';

export interface SourceCell {
  /** The cell's text: its paragraphs joined (see `joinParts`), whitespace runs collapsed, trimmed. */
  readonly text: string;
  readonly colSpan: number;
  /** Rows this cell covers, itself included (1 = not merged vertically). */
  readonly rowSpan: number;
}

export interface TableLines {
  readonly lines: string[];
  readonly places: SourcePlace[];
}

/** Characters that do not belong in a field of a tab-separated row. */
const FIELD_BREAKS = /[\t\r\n]+/g;

/** Joins the parts (paragraphs, `<br>` lines) of one cell: no space between two CJK characters (`商业`+`企业`). */
export function joinParts(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    if (out && !(isWide(out.charCodeAt(out.length - 1)) && isWide(p.charCodeAt(0)))) out += ' ';
    out += p;
  }
  return out;
}

function isWide(code: number): boolean {
  return code >= 0x2e80;
}

/** Blank for the core: empty, or only spaces of any width (`&nbsp;`, U+3000). */
export function cleanCell(text: string): string {
  return text.replace(FIELD_BREAKS, ' ').trim();
}

/**
 * Lays out a table: `rows[r]` are the cells that START in row r (as in HTML and Word). Rows whose every field is
 * empty are dropped (spacer rows); `tableNo` is the 1-based number of the table in the original.
 */
export function tableLines(rows: readonly (readonly SourceCell[])[], tableNo: number): TableLines {
  const lines: string[] = [];
  const places: SourcePlace[] = [];
  /** Per grid column: rows still covered by a cell from above, and whether the column is that cell's first. */
  const covered: { left: number; first: boolean }[] = [];
  rows.forEach((cells, r) => {
    const fields: string[] = [];
    const columns: number[] = [];
    let col = 0; // 0-based grid column
    const continuation = (): void => {
      while ((covered[col]?.left ?? 0) > 0) {
        covered[col].left--;
        if (covered[col].first) {
          fields.push('');
          columns.push(col + 1);
        }
        col++;
      }
    };
    for (const cell of cells) {
      continuation();
      const span = Math.max(1, cell.colSpan);
      fields.push(cleanCell(cell.text));
      columns.push(col + 1);
      for (let k = 0; k < span; k++) covered[col + k] = { left: Math.max(0, cell.rowSpan - 1), first: k === 0 };
      col += span;
    }
    continuation();
    // columns covered from above further right, after a gap: consumed without a field (trailing blanks)
    for (let c = col; c < covered.length; c++) if ((covered[c]?.left ?? 0) > 0) covered[c].left--;
    if (fields.every((f) => f === '')) return;
    lines.push(fields.join('\t'));
    places.push({ table: tableNo, row: r + 1, cells: columns });
  });
  return { lines, places };
}
