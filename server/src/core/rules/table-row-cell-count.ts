import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { tableNo } from './_util';

/** A row with more or fewer values than columns cannot be aligned (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-row-cell-count',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格行的数值个数与列数不符', en: 'A row has the wrong number of values' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) {
        // many rows cannot be aligned: one finding for the table, not one per row
        const bad = t.rows.filter((r) => !r.aligned);
        yield {
          range: bad[0].labelRange,
          severity: 'info',
          message: msg('table-row-cell-count.unreadable', { X: tableNo(t), K: bad.length }),
          related: bad.slice(1).map((r) => ({ range: r.labelRange, message: { zh: r.def.label, en: r.def.label } })),
        };
        continue;
      }
      for (const r of t.rows) {
        if (r.aligned) continue;
        yield {
          range: r.written ? r.valuesRange : r.labelRange,
          message: msg('table-row-cell-count', { row: r.def.label, expected: r.expected, actual: r.written }),
        };
      }
    }
  },
};
