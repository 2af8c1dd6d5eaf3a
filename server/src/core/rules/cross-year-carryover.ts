import type { Rule, RawFinding } from '../rule';
import { msg, fmt } from '../messages';
import { rowOf, tableOf } from '../model';

/** This year's 上年结转 equals last year's 结转下年度继续办理, per column (domain.md §3.7). */
export const rule: Rule = {
  meta: {
    id: 'cross-year-carryover',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    crossDocument: true,
    description: { zh: '上年结转与上一年度报告的结转下年度不一致', en: 'Carried-in differs from last year’s carried-over' },
  },
  *check({ report, previousYear }): Iterable<RawFinding> {
    if (!previousYear) return;
    const t = tableOf(report, 'T3');
    const p = tableOf(previousYear.report, 'T3');
    if (t?.unreadable || p?.unreadable) return; // nothing is read from a table that cannot be read row by row
    const cin = rowOf(t, 'carry_in');
    const cout = rowOf(p, 'carry_out');
    if (!cin?.aligned || !cout?.aligned) return;
    const prevYear = previousYear.report.title?.year ?? '';
    for (let i = 0; i < cin.cells.length; i++) {
      const a = cin.cells[i];
      const b = cout.cells.find((x) => x.column.id === a.column.id);
      if (a.value === undefined || b?.value === undefined || a.value === b.value) continue;
      yield {
        range: a.displayRange,
        message: msg('cross-year-carryover', { column: a.column.label, a: a.value, b: b.value, prevYear, file: previousYear.name }),
        related: [{ range: b.displayRange, uri: previousYear.uri, message: msg('related.previous-year', { prevYear }) }],
        fixes: [{ title: msg('fix.set-carry-in', { value: b.value }), edits: [{ range: a.range, newText: fmt(b.value) }], preferred: false }],
        data: { expected: b.value, stated: a.value },
      };
    }
  },
};
