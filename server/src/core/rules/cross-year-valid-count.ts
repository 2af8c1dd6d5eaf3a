import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { rowOf, tableOf } from '../model';

/** 2021 format, both years: 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y) (domain.md §3.7). */
export const rule: Rule = {
  meta: {
    id: 'cross-year-valid-count',
    severity: 'info',
    formats: 'F2021',
    kind: 'heuristic',
    tableRule: true,
    crossDocument: true,
    description: { zh: '现行有效件数与上年数据推算不一致', en: 'Documents in force do not follow from last year’s count' },
  },
  *check({ report, previousYear }): Iterable<RawFinding> {
    if (!previousYear || previousYear.report.format.effective !== 'F2021') return;
    const t2 = tableOf(report, 'T2');
    const p2 = tableOf(previousYear.report, 'T2');
    if (t2?.unreadable || p2?.unreadable) return; // nothing is read from a table that cannot be read row by row
    for (const key of ['T2.规章', 'T2.行政规范性文件']) {
      const r = rowOf(t2, key);
      const p = rowOf(p2, key);
      if (!r?.aligned || !p?.aligned) continue;
      const [i, a, v] = r.cells.map((c) => c.value);
      const pv = p.cells[2].value;
      if (i === undefined || a === undefined || v === undefined || pv === undefined) continue;
      const e = pv + i - a;
      if (e === v) continue;
      yield {
        range: r.cells[2].displayRange,
        message: msg('cross-year-valid-count', { row: r.def.label, v, p: pv, i, a, e, file: previousYear.name }),
        related: [{ range: p.cells[2].displayRange, uri: previousYear.uri, message: msg('related.previous-year', { prevYear: previousYear.report.title?.year ?? '' }) }],
        data: { expected: e, stated: v },
      };
    }
  },
};
