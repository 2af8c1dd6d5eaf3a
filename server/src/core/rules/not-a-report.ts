import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

/** Input that is no annual report at all gets one clear finding instead of dozens. */
export const rule: Rule = {
  meta: {
    id: 'not-a-report',
    severity: 'info',
    formats: 'both',
    kind: 'exact',
    description: { zh: '文件不是政府信息公开工作年度报告', en: 'The file is not an annual report' },
  },
  *check({ report }): Iterable<RawFinding> {
    if (report.notAReport) yield { range: { start: 0, end: Math.min(report.text.length, report.lines[0].end) }, message: msg('not-a-report') };
  },
};
