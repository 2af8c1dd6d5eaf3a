import type { Rule, RawFinding } from '../rule';
import { failures, identityFinding, setCellsFix } from './_identity';

/** A group subtotal row equals the sum of its sub-rows, per column (domain.md §3.3). */
export const rule: Rule = {
  meta: {
    id: 'table3-group-subtotal',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表3分组小计不等于其分项之和', en: 'A table-3 group subtotal is not the sum of its sub-rows' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 'group-subtotal')) {
      const fixes = f.computed >= 0 ? [setCellsFix(report, 'fix.set-subtotal', { column: f.target.column.label, value: f.computed }, new Map([[f.target, f.computed]]))] : [];
      yield identityFinding(f, 'table3-group-subtotal', { group: f.id.target.row.def.label, column: f.target.column.label }, fixes);
    }
  },
};
