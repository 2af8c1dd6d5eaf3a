import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { eol } from './_util';
import { feeStatements } from './_fees';

/** 2021 format: section 六 states whether 信息处理费 was collected (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'fee-statement-missing',
    severity: 'warning',
    formats: 'F2021',
    kind: 'heuristic',
    description: { zh: '第六部分未说明信息处理费收取情况', en: 'Section 六 does not state the information-processing fees' },
  },
  *check({ report }): Iterable<RawFinding> {
    const six = report.sections.find((s) => s.no === 6 && !s.duplicate);
    const stmts = feeStatements(report);
    if (stmts.some((s) => s.sentence.section === 6)) return;
    if (stmts.length) {
      // stated, but outside 六 (also when 六 is missing altogether)
      yield { range: stmts[0].range, severity: 'info', message: msg('fee-statement-missing.elsewhere') };
      return;
    }
    if (!six) return; // section-missing reports the heading
    const at = report.lines[six.heading.line].end;
    yield {
      range: six.heading.range,
      message: msg('fee-statement-missing'),
      fixes: [
        {
          title: msg('fix.insert-fee-template'),
          edits: [{ range: { start: at, end: at }, newText: eol(report) + msg('fee-template').zh }],
          preferred: false,
        },
      ],
    };
  },
};
