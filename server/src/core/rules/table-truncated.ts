import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { tableNo } from './_util';

/** Rows stop before the table's last row and the region ends (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-truncated',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格不完整（末尾若干行缺失）', en: 'A table is cut off before its last rows' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // its rows could not be read in order: absent rows prove nothing
      if (!t.truncatedAfter || t.truncatedRows.length === 0) continue;
      yield {
        range: t.truncatedAfter.labelRange,
        message: msg('table-truncated', {
          X: tableNo(t),
          row: t.truncatedRows[0].label,
          K: t.truncatedRows.length,
          last: t.truncatedAfter.def.label,
        }),
      };
    }
  },
};
