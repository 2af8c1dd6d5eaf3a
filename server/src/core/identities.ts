/**
 * The arithmetic of tables 3 and 4 (domain.md §3.3–3.4) as data: each identity says
 * `target = Σ plus − Σ minus`. Rules evaluate them; quick fixes use them to prove an edit safe
 * (after the edit, every identity involving the edited cells is evaluable and holds); hovers show them.
 */

import type { Cell, ColumnDef, Report, Row, Table } from './model';
import { perReport, tableOf } from './model';

export interface Operand {
  readonly row: Row;
  readonly col: number;
}

export type IdentityKind =
  | 'row-total'
  | 'legal-subtotal'
  | 'group-subtotal'
  | 'results-total'
  | 'column-balance'
  | 't4-block';

export interface Identity {
  readonly kind: IdentityKind;
  readonly table: Table;
  /** The stated cell the identity puts on the right-hand side (the diagnostic range). */
  readonly target: Operand;
  readonly plus: readonly Operand[];
  readonly minus: readonly Operand[];
  /** T3: the column id; T4: the block index. */
  readonly column?: ColumnDef;
  readonly block?: number;
  /** Missing operands (rows absent from the table): the identity is never evaluable. */
  readonly incomplete: boolean;
}

export type Overrides = ReadonlyMap<Cell, number>;

export function cellOf(o: Operand): Cell | undefined {
  return o.row.aligned ? o.row.cells[o.col] : undefined;
}

/**
 * The known value of an operand (§3.0): parsed numbers; blank input cells count as 0 in F2019 only;
 * blank derived cells, text, unaligned rows are unknown.
 */
export function valueOf(table: Table, o: Operand, overrides?: Overrides): number | undefined {
  const cell = cellOf(o);
  if (!cell) return undefined;
  const ov = overrides?.get(cell);
  if (ov !== undefined) return ov;
  if (cell.value !== undefined) return cell.value;
  if (cell.state === 'blank' && table.format === 'F2019' && !cell.column.derived && !o.row.def.subtotalOf) return 0;
  return undefined;
}

export interface Evaluation {
  readonly evaluable: boolean;
  readonly holds: boolean;
  readonly stated?: number;
  readonly computed?: number;
  /** Operand values (undefined = unknown), in order plus then minus. */
  readonly values: readonly (number | undefined)[];
}

/** Sums with exactness for decimals (amounts never appear in identities, but be safe). */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function evaluate(id: Identity, overrides?: Overrides): Evaluation {
  // plain loops: this runs for every identity of every report (no spread, no closures)
  const { plus, minus } = id;
  const vals = new Array<number | undefined>(plus.length + minus.length);
  let missing = false;
  let computed = 0;
  for (let i = 0; i < plus.length; i++) {
    const v = valueOf(id.table, plus[i], overrides);
    vals[i] = v;
    if (v === undefined) missing = true;
    else computed += v;
  }
  for (let i = 0; i < minus.length; i++) {
    const v = valueOf(id.table, minus[i], overrides);
    vals[plus.length + i] = v;
    if (v === undefined) missing = true;
    else computed -= v;
  }
  const stated = valueOf(id.table, id.target, overrides);
  if (id.incomplete || stated === undefined || missing) {
    return { evaluable: false, holds: false, stated, values: vals };
  }
  computed = round(computed);
  return { evaluable: true, holds: computed === stated, stated, computed, values: vals };
}

function colIndex(row: Row, id: string): number {
  return row.def.columns.findIndex((c) => c.id === id);
}

/** All identities of the report's tables 3 and 4, in a stable order. */
export const identities = perReport((report: Report): Identity[] => {
  const out: Identity[] = [];
  // a table that cannot be read row by row: no identity is evaluated on it (its aligned rows may hold another
  // row's numbers)
  const t3 = tableOf(report, 'T3');
  if (t3 && !t3.unreadable) out.push(...t3Identities(t3));
  const t4 = tableOf(report, 'T4');
  if (t4 && !t4.unreadable) out.push(...t4Identities(t4));
  return out;
});

/** The identities of one table (none for table 2); used to read glued rows (core/glued.ts). */
export function tableIdentities(t: Table): Identity[] {
  return t.kind === 'T3' ? t3Identities(t) : t.kind === 'T4' ? t4Identities(t) : [];
}

function t3Identities(t: Table): Identity[] {
  const out: Identity[] = [];
  const rows = t.rows;
  const byKey = new Map(rows.map((r) => [r.def.key, r] as const));
  // one operand object per cell, shared by the identities it takes part in
  const ops = new Map<Row, Operand[]>();
  const at = (row: Row, col: number): Operand => {
    let list = ops.get(row);
    if (!list) ops.set(row, (list = []));
    return (list[col + 1] ??= { row, col });
  };
  const opt = (row: Row | undefined, col: number): Operand | undefined => (row ? at(row, col) : undefined);
  // row totals: c7 = c1 + … + c6
  for (const r of rows) t3RowIdentities(t, r, at, out);
  const columns = t.expected[0].columns;
  // group subtotals
  for (const g of rows.filter((r) => r.def.subtotalOf)) {
    const subs = g.def.subtotalOf!.map((k) => byKey.get(k));
    columns.forEach((c, i) => {
      out.push({
        kind: 'group-subtotal',
        table: t,
        target: at(g, i),
        plus: subs.filter((s): s is Row => !!s).map((s) => at(s, i)),
        minus: [],
        column: c,
        incomplete: subs.some((s) => !s),
      });
    });
  }
  // results total and column balance, per column
  const resultDefs = t.expected.filter((d) => d.result);
  const total = byKey.get('total');
  const news = byKey.get('new');
  const carryIn = byKey.get('carry_in');
  const carryOut = byKey.get('carry_out');
  const results = resultDefs.map((d) => byKey.get(d.key));
  columns.forEach((c, i) => {
    if (total) {
      out.push({
        kind: 'results-total',
        table: t,
        target: at(total, i),
        plus: results.filter((r): r is Row => !!r).map((r) => at(r, i)),
        minus: [],
        column: c,
        incomplete: results.some((r) => !r),
      });
    }
    if (carryOut) {
      const plus = [opt(news, i), opt(carryIn, i)];
      const minus = [opt(total, i)];
      out.push({
        kind: 'column-balance',
        table: t,
        target: at(carryOut, i),
        plus: plus.filter((o): o is Operand => !!o),
        minus: minus.filter((o): o is Operand => !!o),
        column: c,
        incomplete: plus.some((o) => !o) || minus.some((o) => !o),
      });
    }
  });
  return out;
}

/** Row total (c7 = c1 + … + c6) and, with the column, the legal subtotal of one table-3 row, added to `out`. */
function t3RowIdentities(t: Table, r: Row, at: (row: Row, col: number) => Operand, out: Identity[]): void {
  const c7 = colIndex(r, 'c7');
  const ins = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((c) => colIndex(r, c));
  out.push({ kind: 'row-total', table: t, target: at(r, c7), plus: ins.map((i) => at(r, i)), minus: [], incomplete: false });
  if (t.hasLegalSubtotal) {
    const cl = colIndex(r, 'cL');
    out.push({
      kind: 'legal-subtotal',
      table: t,
      target: at(r, cl),
      plus: ins.slice(1).map((i) => at(r, i)),
      minus: [],
      incomplete: false,
    });
  }
}

/**
 * The identities that involve one row alone (table 3: its row total and legal subtotal; table 4: the block
 * totals), as `tableIdentities` gives them for a table holding that row: for reading a glued row by itself.
 */
export function rowIdentities(t: Table, row: Row): Identity[] {
  const out: Identity[] = [];
  if (t.kind === 'T3') t3RowIdentities(t, row, (r, col) => ({ row: r, col }), out);
  else if (t.kind === 'T4') out.push(...t4Identities(t, row));
  return out;
}

function t4Identities(t: Table, row: Row | undefined = t.rows[0]): Identity[] {
  if (!row) return [];
  return [0, 1, 2].map((k) => ({
    kind: 't4-block' as const,
    table: t,
    target: { row, col: 5 * k + 4 },
    plus: [0, 1, 2, 3].map((j) => ({ row, col: 5 * k + j })),
    minus: [],
    block: k,
    incomplete: false,
  }));
}

/** Per cell: the identities whose target it is, in identity order (only cells of aligned rows, as `cellOf`). */
export const identitiesByTarget = perReport((report: Report): ReadonlyMap<Cell, readonly Identity[]> => {
  const m = new Map<Cell, Identity[]>();
  for (const id of identities(report)) {
    const c = cellOf(id.target);
    if (!c) continue;
    const list = m.get(c);
    if (list) list.push(id);
    else m.set(c, [id]);
  }
  return m;
});

/** Per row and column: the identities the position takes part in (target or operand), each once, in identity order. */
const involvement = perReport((report: Report): ReadonlyMap<Row, ReadonlyMap<number, readonly Identity[]>> => {
  const m = new Map<Row, Map<number, Identity[]>>();
  const add = (o: Operand, id: Identity): void => {
    let cols = m.get(o.row);
    if (!cols) m.set(o.row, (cols = new Map<number, Identity[]>()));
    const list = cols.get(o.col);
    if (!list) cols.set(o.col, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  for (const id of identities(report)) {
    add(id.target, id);
    for (const o of id.plus) add(o, id);
    for (const o of id.minus) add(o, id);
  }
  return m;
});

/** The identities the cell at (row, col) takes part in, in identity order. */
export function identitiesAt(report: Report, row: Row, col: number): readonly Identity[] {
  return involvement(report).get(row)?.get(col) ?? [];
}

function sameOperand(a: Operand, b: Operand): boolean {
  return a.row === b.row && a.col === b.col;
}

export function involves(id: Identity, o: Operand): boolean {
  return sameOperand(id.target, o) || id.plus.some((p) => sameOperand(p, o)) || id.minus.some((p) => sameOperand(p, o));
}

/**
 * An edit (cells set to values) is safe when every identity involving an edited cell is evaluable and holds
 * afterwards (§3.0).
 */
export function isSafe(report: Report, edits: ReadonlyMap<Cell, number>): boolean {
  const ids = identities(report);
  const edited = (o: Operand): boolean => {
    const c = cellOf(o);
    return c !== undefined && edits.has(c);
  };
  for (const id of ids) {
    // plain loops: this runs over every identity for every proposed fix
    let touched = edited(id.target);
    for (let i = 0; !touched && i < id.plus.length; i++) touched = edited(id.plus[i]);
    for (let i = 0; !touched && i < id.minus.length; i++) touched = edited(id.minus[i]);
    if (!touched) continue;
    const ev = evaluate(id, edits);
    if (!ev.evaluable || !ev.holds) return false;
  }
  return true;
}
