import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

/** Columns/rows of both formats in one report (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'format-mixed',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表格混用2021版与2019版栏目', en: 'Tables mix 2021 and 2019 format columns' },
  },
  *check({ report }): Iterable<RawFinding> {
    const t3 = report.tables.find((t) => t.kind === 'T3' && t.sixAsOneRow);
    const six = t3?.rows.find((r) => r.def.key === 'r6');
    if (six) {
      yield { range: six.labelRange, message: msg('format-mixed.six') };
      return;
    }
    const f = report.format;
    const structural = f.markers.filter((m) => m.structural);
    const has21 = structural.some((m) => m.format === 'F2021');
    const has19 = structural.some((m) => m.format === 'F2019');
    if (!has21 || !has19 || !f.detected) return;
    const minority = structural.find((m) => m.format !== f.detected)!;
    yield { range: minority.range, message: msg('format-mixed', { marker: minority.marker }) };
  },
};
