import type { Rule, RawFinding } from '../rule';
import type { Cell, Report, Row, Table } from '../model';
import { msg, fmt } from '../messages';
import { evaluate, identitiesByTarget, isSafe, type Identity } from '../identities';
import { fix } from './_util';

/** The identity that defines a derived cell: its row total / subtotal, or (七)总计 by column, or a T4 block. */
function definingIdentity(report: Report, row: Row, cell: Cell): Identity | undefined {
  const own = identitiesByTarget(report).get(cell) ?? [];
  if (row.def.key === 'total') return own.find((i) => i.kind === 'results-total') ?? own[0];
  return own.find((i) => i.kind === 'row-total' || i.kind === 'legal-subtotal' || i.kind === 't4-block' || i.kind === 'group-subtotal') ?? own[0];
}

function blankCells(t: Table): Cell[] {
  return t.rows.flatMap((r) => (r.aligned ? r.cells.filter((c) => c.state === 'blank') : []));
}

/** Fill derived blanks with their computed values, when all inputs are known and the result is safe. */
function computedFill(report: Report, row: Row, blanks: Cell[]): Map<Cell, number> | undefined {
  const edits = new Map<Cell, number>();
  for (const c of blanks) {
    if (!c.column.derived) return undefined;
    const id = definingIdentity(report, row, c);
    if (!id) return undefined;
    const ev = evaluate(id, new Map([[c, 0]]));
    if (!ev.evaluable) return undefined;
    edits.set(c, ev.computed!);
  }
  return edits.size && isSafe(report, edits) ? edits : undefined;
}

/** Fill input blanks with 0 when every identity involving them holds with 0. */
function zeroFill(report: Report, t: Table, blanks: Cell[]): Map<Cell, number> | undefined {
  if (blanks.some((c) => c.column.derived)) return undefined;
  const edits = new Map(blanks.map((c) => [c, 0] as const));
  if (t.kind === 'T2') return edits; // no identities: nothing to prove, not preferred
  return isSafe(report, edits) ? edits : undefined;
}

/** All blanks of the table with 0, when every stated derived cell is 0. */
function tableZeroFill(report: Report, t: Table): Map<Cell, number> | undefined {
  if (t.kind === 'T2') return undefined;
  for (const r of t.rows) {
    if (!r.aligned) return undefined;
    for (const c of r.cells) if (c.column.derived && c.state === 'number' && c.value !== 0) return undefined;
  }
  const edits = new Map(blankCells(t).map((c) => [c, 0] as const));
  return edits.size && isSafe(report, edits) ? edits : undefined;
}

/** One finding per row with blank value cells (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-blank-cell',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格有空白单元格', en: 'A table row has blank cells' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // said once by table-row-cell-count
      let tableFill: Map<Cell, number> | undefined | null = null;
      for (const r of t.rows) {
        if (!r.aligned) continue;
        const blanks = r.cells.filter((c) => c.state === 'blank');
        if (!blanks.length) continue;
        const fixes = [];
        const computed = computedFill(report, r, blanks);
        if (computed) {
          const values = [...computed.values()].map((v) => fmt(v)).join('、');
          fixes.push(fix('fix.fill-computed', { values }, [...computed].map(([c, v]) => ({ range: c.range, newText: fmt(v) })), true));
        }
        const zeros = computed ? undefined : zeroFill(report, t, blanks);
        if (zeros) fixes.push(fix('fix.fill-zero', {}, [...zeros.keys()].map((c) => ({ range: c.range, newText: '0' })), t.kind !== 'T2'));
        if (tableFill === null) tableFill = tableZeroFill(report, t);
        if (tableFill && tableFill.size > blanks.length) {
          fixes.push(
            fix('fix.fill-table-zero', { X: t.kind.slice(1) }, [...tableFill.keys()].map((c) => ({ range: c.range, newText: '0' })), false),
          );
        }
        yield {
          range: { start: blanks[0].displayRange.start, end: blanks[blanks.length - 1].displayRange.end },
          severity: t.format === 'F2021' ? 'warning' : 'info',
          message: msg('table-blank-cell', { row: r.def.label, K: blanks.length, columns: blanks.map((c) => c.column.label).join('、') }),
          fixes,
        };
      }
    }
  },
};
