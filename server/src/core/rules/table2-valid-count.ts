import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

/** 现行有效件数 ≥ 本年制发件数 − 本年废止件数 for 规章 and 行政规范性文件 (domain.md §3.5). */
export const rule: Rule = {
  meta: {
    id: 'table2-valid-count',
    severity: 'warning',
    formats: 'F2021',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表2现行有效件数小于本年制发减本年废止', en: 'Table-2 documents in force are fewer than issued minus repealed' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // said once by table-row-cell-count
      if (t.kind !== 'T2') continue;
      for (const r of t.rows) {
        if (r.def.subTable !== '（一）' || !r.aligned || r.cells.length !== 3) continue;
        const [i, a, v] = r.cells.map((c) => c.value);
        if (i === undefined || a === undefined || v === undefined) continue;
        if (v >= i - a) continue;
        yield {
          range: r.cells[2].displayRange,
          message: msg('table2-valid-count', { row: r.def.label, v, i, a }),
          data: { expected: `≥ ${i - a}`, stated: v },
        };
      }
    }
  },
};
