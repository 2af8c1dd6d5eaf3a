import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

/** Report year vs detected format (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'format-year-mismatch',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    description: { zh: '报告年度与所用表格格式不符', en: 'The report year does not match the table format used' },
  },
  *check({ report }): Iterable<RawFinding> {
    const y = report.title?.year;
    if (report.format.legacy && (y === undefined || y >= 2019)) {
      yield { range: report.title?.yearRange ?? report.title?.range ?? { start: 0, end: 0 }, severity: 'info', message: msg('format-year-mismatch.legacy') };
      return;
    }
    if (y === undefined || !report.title?.yearRange) return;
    if (y <= 2018) {
      yield { range: report.title.yearRange, severity: 'info', message: msg('format-year-mismatch.pre2019') };
      return;
    }
    const f = report.format;
    if (!f.detected || !f.decisive) return;
    const expected = y >= 2021 ? 'F2021' : 'F2019';
    if (f.detected === expected) return;
    yield {
      range: report.title.yearRange,
      message: msg('format-year-mismatch', {
        Y: y,
        expectedFormat: msg(`format.${expected}`).zh,
        detectedFormat: msg(`format.${f.detected}`).zh,
        L: f.decisive.line + 1,
        marker: f.decisive.marker,
      }),
      related: [{ range: f.decisive.range, message: { zh: f.decisive.marker, en: f.decisive.marker } }],
    };
  },
};
