import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { allCells } from './_util';

/** A negative count or amount (changes excepted) (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-cell-negative',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '单元格为负数', en: 'A cell is negative' },
  },
  *check({ report }): Iterable<RawFinding> {
    const cells = allCells(report);
    for (let i = 0; i < cells.length; i++) {
      const { row: r, cell: c } = cells[i];
      if (!c.negative) continue;
      yield { range: c.displayRange, message: msg('table-cell-negative', { row: r.def.label, column: c.column.label, value: c.raw.trim() }) };
    }
  },
};
