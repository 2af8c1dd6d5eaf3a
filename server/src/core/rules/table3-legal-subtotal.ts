import type { Rule, RawFinding } from '../rule';
import { failures, identityFinding, setCellsFix } from './_identity';

/** `cL = c2 + … + c6` when the 法人或其他组织小计 column exists (domain.md §3.3). */
export const rule: Rule = {
  meta: {
    id: 'table3-legal-subtotal',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表3法人或其他组织小计不等于五类组织之和', en: 'The legal-person subtotal is not the sum of the five organisation columns' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 'legal-subtotal')) {
      const fixes = f.computed >= 0 ? [setCellsFix(report, 'fix.set-subtotal', { column: f.target.column.label, value: f.computed }, new Map([[f.target, f.computed]]))] : [];
      yield identityFinding(f, 'table3-legal-subtotal', { row: f.id.target.row.def.label }, fixes);
    }
  },
};
