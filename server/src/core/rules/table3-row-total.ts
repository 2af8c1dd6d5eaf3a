import type { Rule, RawFinding, Fix } from '../rule';
import type { Cell, Report, Row } from '../model';
import { evaluate, identitiesAt, valueOf, cellOf, type Identity } from '../identities';
import { claims, claimTableValue } from '../narrative';
import { failures, identityFinding, setCellsFix, type IdentityFailure } from './_identity';

/** Column identities (results total, balance) that involve the cell of `row` in column `col`. */
function columnIdentities(report: Report, row: Row, col: number): Identity[] {
  return identitiesAt(report, row, col).filter((id) => id.kind === 'results-total' || id.kind === 'column-balance' || id.kind === 'group-subtotal');
}

/**
 * How much the cell (row, col) would have to change for all its column identities to hold; undefined when
 * any of them cannot be evaluated or they disagree.
 */
function residual(report: Report, row: Row, col: number): number | undefined {
  const ids = columnIdentities(report, row, col);
  if (!ids.length) return undefined;
  let need: number | undefined;
  for (const id of ids) {
    const ev = evaluate(id);
    if (!ev.evaluable) return undefined;
    const gap = ev.stated! - ev.computed!; // target − (Σ plus − Σ minus)
    let d: number;
    if (id.target.row === row && id.target.col === col) d = -gap;
    else if (id.plus.some((o) => o.row === row && o.col === col)) d = gap;
    else d = -gap;
    if (need === undefined) need = d;
    else if (need !== d) return undefined;
  }
  return need;
}

/** The stated total is corroborated by a narrative figure for this row or by the 总计 column identities. */
function corroborated(report: Report, f: IdentityFailure): boolean {
  const row = f.id.target.row;
  const col = f.id.target.col;
  for (const c of claims(report)) {
    if (c.target.kind !== 't3' || c.target.rows.length !== 1 || c.target.rows[0] !== row.def.key) continue;
    const tv = claimTableValue(report, c);
    if (tv && c.value === f.stated) return true;
  }
  const ids = columnIdentities(report, row, col);
  return ids.length > 0 && ids.every((id) => {
    const ev = evaluate(id);
    return ev.evaluable && ev.holds;
  });
}

/** `c7 = c1 + … + c6` for every row of table 3 (domain.md §3.3). */
export const rule: Rule = {
  meta: {
    id: 'table3-row-total',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表3某行总计不等于各申请人列之和', en: 'A table-3 row total is not the sum of the applicant columns' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 'row-total')) {
      const row = f.id.target.row;
      const delta = f.stated - f.computed;
      const fixes: Fix[] = [];
      // (b) single-cell repair: exactly one applicant column fails its column identity by the same delta
      const inputs = f.id.plus;
      const res = inputs.map((o) => residual(report, row, o.col));
      if (res.every((r) => r !== undefined)) {
        const off = res.map((r, i) => ({ r: r, i })).filter((x) => x.r !== 0);
        if (off.length === 1 && off[0].r === delta) {
          const o = inputs[off[0].i];
          const cell = cellOf(o)!;
          const v = valueOf(f.id.table, o)! + delta;
          if (v >= 0) fixes.push(setCellsFix(report, 'fix.set-cell', { column: cell.column.label, value: v }, new Map<Cell, number>([[cell, v]])));
        }
      }
      // (a) set the total, unless the stated total is corroborated
      if (!corroborated(report, f) && f.computed >= 0) {
        fixes.push(setCellsFix(report, 'fix.set-total', { value: f.computed }, new Map([[f.target, f.computed]]), fixes.length === 0));
      }
      yield identityFinding(f, 'table3-row-total', { row: row.def.label }, fixes);
    }
  },
};
