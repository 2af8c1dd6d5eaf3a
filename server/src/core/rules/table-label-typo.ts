import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

/** A row label recognised only fuzzily (not a wrapped or truncated label, not a variant) (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-label-typo',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    tableRule: true,
    description: { zh: '行标签疑似笔误', en: 'A row label looks like a typo' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // said once by table-row-cell-count
      for (const r of t.rows) {
        if (r.match !== 'fuzzy') continue;
        const singleLine = report.index.lineAt(r.labelRange.start) === report.index.lineAt(r.labelRange.end);
        yield {
          range: r.labelRange,
          message: msg('table-label-typo', { actual: r.label.trim(), canonical: r.def.label }),
          fixes: singleLine
            ? [fix('fix.replace-text', { actual: r.label.trim(), replacement: r.def.label }, [{ range: r.labelRange, newText: r.def.label }], true)]
            : [],
        };
      }
    }
  },
};
