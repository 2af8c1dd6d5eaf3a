import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { allCells } from './_util';

/** A value cell that is neither a number, a blank, nor valid change grammar (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-non-numeric-cell',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格单元格不是数字', en: 'A table cell is not a number' },
  },
  *check({ report }): Iterable<RawFinding> {
    const cells = allCells(report);
    for (let i = 0; i < cells.length; i++) {
      const { row: r, cell: c } = cells[i];
      if (c.state !== 'text') continue;
      const tooLarge = /\d{16,}/.test(c.raw.replace(/[,，\s]/g, ''));
      yield {
        range: c.displayRange,
        message: msg(tooLarge ? 'table-non-numeric-cell.too-large' : 'table-non-numeric-cell', {
          row: r.def.label,
          column: c.column.label,
          raw: c.raw,
        }),
      };
    }
  },
};
