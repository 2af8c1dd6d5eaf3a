import type { Rule, RawFinding } from '../rule';
import { msg, fmt } from '../messages';
import { claims, claimTableValue } from '../narrative';

/** A number in the narrative contradicts the table it describes (domain.md §3.6 N1–N5). */
export const rule: Rule = {
  meta: {
    id: 'narrative-table-mismatch',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    tableRule: true,
    description: { zh: '正文数字与表格不一致', en: 'A number in the text contradicts the table' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const c of claims(report)) {
      const tv = claimTableValue(report, c);
      if (!tv || tv.value === c.value) continue;
      const X = c.target.kind === 't3' ? 3 : 4;
      const isZeroPhrase = c.id === 'N6' || !/\d|[零〇一二两三四五六七八九十]$/.test(report.text.slice(c.range.start, c.range.end));
      yield {
        range: c.range,
        message:
          c.id === 'N6'
            ? msg('narrative-table-mismatch.upheld', { item: c.item, phrase: report.text.slice(c.range.start, c.range.end), cell: c.target.label, v: tv.value })
            : msg('narrative-table-mismatch', { item: c.item, n: c.value, X, cell: c.target.label, v: tv.value }),
        related: tv.ranges.map((r) => ({ range: r, message: msg('related.stated-total') })),
        fixes: isZeroPhrase
          ? []
          : [{ title: msg('fix.narrative-number', { value: tv.value }), edits: [{ range: c.range, newText: fmt(tv.value) }], preferred: false }],
        data: { expected: tv.value, stated: c.value },
      };
    }
  },
};
