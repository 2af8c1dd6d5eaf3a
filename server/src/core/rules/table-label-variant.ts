import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

/** `规范性文件` for `行政规范性文件` in a 2021-format table (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-label-variant',
    severity: 'info',
    formats: 'F2021',
    kind: 'exact',
    tableRule: true,
    description: { zh: '行标签用了旧的或非规范的写法', en: 'A row label uses an older or alternative wording' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // said once by table-row-cell-count
      for (const r of t.rows) {
        if (r.match !== 'variant') continue;
        yield {
          range: r.labelRange,
          message: msg('table-label-variant', { actual: r.label.trim(), canonical: r.def.label }),
          fixes: [fix('fix.replace-text', { actual: r.label.trim(), replacement: r.def.label }, [{ range: r.labelRange, newText: r.def.label }], true)],
        };
      }
    }
  },
};
