import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { eol, fix, tableNo } from './_util';

/** An expected row is absent while later rows are present (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-row-missing',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格缺少某一行', en: 'A table row is missing' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // its rows could not be read in order: absent rows prove nothing
      for (const m of t.missing) {
        if (!m.before) continue;
        const fixes = [];
        if (t.kind === 'T3' && t.format === 'F2021' && (t.layout === 'L2' || t.layout === 'L3')) {
          const at = report.lines[m.before.labelLine].start;
          const n = m.def.columns.length;
          const line = t.layout === 'L2' ? m.def.label + '\t'.repeat(n) : m.def.label + ' -'.repeat(n);
          fixes.push(fix('fix.insert-row', { row: m.def.label }, [{ range: { start: at, end: at }, newText: line + eol(report) }], false));
        }
        yield {
          range: m.before.labelRange,
          message: msg('table-row-missing', { X: tableNo(t), row: m.def.label }),
          fixes,
        };
      }
    }
  },
};
