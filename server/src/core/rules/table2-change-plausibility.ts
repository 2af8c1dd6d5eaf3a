import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { nfkc } from '../text';

/** 2019 format: 上一年项目数量 + 本年增/减 ≥ 0, and a lone decrease cannot exceed the previous count (domain.md §3.5). */
export const rule: Rule = {
  meta: {
    id: 'table2-change-plausibility',
    severity: 'warning',
    formats: 'F2019',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表2上一年项目数量与本年增减矛盾', en: 'Table-2 previous count and yearly change contradict each other' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const t of report.tables) {
      if (t.unreadable) continue; // said once by table-row-cell-count
      if (t.kind !== 'T2') continue;
      for (const r of t.rows) {
        if (!r.aligned) continue;
        const ci = r.def.columns.findIndex((c) => c.kind === 'change');
        if (ci < 0) continue;
        const p = r.cells[0].value;
        const change = r.cells[ci];
        if (p === undefined || change.value === undefined) continue;
        const compact = nfkc(change.raw).replace(/\s+/g, '');
        const loneDecrease = /^(?:减少?|-)(\d+)$/.exec(compact);
        const bad = p + change.value < 0 || (loneDecrease !== null && Number(loneDecrease[1]) > p);
        if (!bad) continue;
        yield { range: change.displayRange, message: msg('table2-change-plausibility', { row: r.def.label, p, raw: change.raw }) };
      }
    }
  },
};
