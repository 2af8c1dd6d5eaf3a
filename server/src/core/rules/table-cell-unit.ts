import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { allCells, fix } from './_util';

/** `12件`: a harmless unit in a number cell; the value is used (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-cell-unit',
    severity: 'info',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格单元格含单位', en: 'A table cell contains a unit' },
  },
  *check({ report }): Iterable<RawFinding> {
    const cells = allCells(report);
    for (let i = 0; i < cells.length; i++) {
      const { cell: c } = cells[i];
      if (!c.unit || !c.unitRange || c.state !== 'number') continue;
      // delete the unit and the spaces before it
      let start = c.unitRange.start;
      while (start > c.range.start && /\s/.test(report.text[start - 1])) start--;
      yield {
        range: c.displayRange,
        message: msg('table-cell-unit', { raw: c.raw }),
        fixes: [fix('fix.delete-unit', { unit: c.unit }, [{ range: { start, end: c.unitRange.end }, newText: '' }], true)],
      };
    }
  },
};
