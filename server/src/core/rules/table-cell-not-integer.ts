import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { allCells } from './_util';

/** A decimal in a count cell (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-cell-not-integer',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '计数单元格不是整数', en: 'A count cell is not a whole number' },
  },
  *check({ report }): Iterable<RawFinding> {
    const cells = allCells(report);
    for (let i = 0; i < cells.length; i++) {
      const { row: r, cell: c } = cells[i];
      if (!c.notInteger) continue;
      yield { range: c.displayRange, message: msg('table-cell-not-integer', { row: r.def.label, column: c.column.label, raw: c.raw }) };
    }
  },
};
