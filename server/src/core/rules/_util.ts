/** Helpers shared by rules (not a rule). */

import { perReport, type Cell, type OffsetRange, type Report, type Row, type SectionNo, type Table } from '../model';
import type { Fix, Related, TextEdit } from '../rule';
import { msg, fmt, type MessageKey, type Args } from '../messages';
import { evaluate, type Identity, cellOf } from '../identities';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';
import { detectEol } from '../text';

export function lineRange(report: Report, line: number): OffsetRange {
  const l = report.lines[line];
  let s = 0;
  while (s < l.text.length && /\s/.test(l.text[s])) s++;
  let e = l.text.length;
  while (e > s && /\s/.test(l.text[e - 1])) e--;
  return e > s ? { start: l.start + s, end: l.start + e } : { start: l.start, end: l.end };
}

/** The document's line break (CRLF documents get CRLF insertions). */
export function eol(report: Report): string {
  return detectEol(report.text);
}

export function fix(titleKey: MessageKey, args: Args, edits: TextEdit[], preferred: boolean): Fix {
  return { title: msg(titleKey, args), edits, preferred };
}

export function replace(range: OffsetRange, newText: string): TextEdit {
  return { range, newText };
}

export function rowName(row: Row): string {
  return row.def.label;
}

export function sectionHeadingText(n: SectionNo): string {
  return `${SECTION_NUMERALS[n]}、${SECTION_TITLES[n]}`;
}

export function tableNo(t: Table): number {
  return t.kind === 'T2' ? 2 : t.kind === 'T3' ? 3 : 4;
}

/** Related information for the operands of an identity (what a total is made of). */
export function operandsRelated(id: Identity): Related[] {
  const ev = evaluate(id);
  return [...id.plus, ...id.minus].map((o, i) => {
    const c = cellOf(o)!;
    const label = `${o.row.def.label}/${c.column.label}`;
    const v = ev.values[i];
    return { range: c.displayRange, message: msg('related.operand', { label, value: v === undefined ? '?' : fmt(v) }) };
  });
}

export function formula(id: Identity): string {
  const ev = evaluate(id);
  const parts = ev.values.map((v, i) => (i === 0 ? '' : i < id.plus.length ? ' + ' : ' − ') + (v === undefined ? '?' : fmt(v)));
  return parts.join('');
}

export function isBlank(c: Cell | undefined): boolean {
  return !!c && c.state === 'blank';
}

/** Every value cell of every table row, with its table and row (computed once per report). */
export const allCells = perReport((report: Report): readonly { table: Table; row: Row; cell: Cell }[] => {
  const list: { table: Table; row: Row; cell: Cell }[] = [];
  // a table that cannot be read row by row says so once (table-row-cell-count); nothing else is read from it
  for (const table of report.tables) if (!table.unreadable) for (const row of table.rows) for (const cell of row.cells) list.push({ table, row, cell });
  return list;
});
