import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { lineRange } from './_util';

/** No four-digit year in the title: year-dependent rules are off (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'report-year-missing',
    severity: 'info',
    formats: 'both',
    kind: 'exact',
    description: { zh: '标题中没有报告年度', en: 'The title has no report year' },
  },
  *check({ report }): Iterable<RawFinding> {
    if (report.title?.year !== undefined) return;
    let line = report.firstLine;
    while (line < report.lastLine && report.lines[line].text.trim() === '') line++;
    yield { range: report.title ? report.title.range : lineRange(report, line), message: msg('report-year-missing') };
  },
};
