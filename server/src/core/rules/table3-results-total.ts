import type { Rule, RawFinding, Fix } from '../rule';
import { evaluate, identities } from '../identities';
import { failures, identityFinding, setCellsFix } from './_identity';

/** `(七)总计 = Σ result rows`, per column (domain.md §3.3). */
export const rule: Rule = {
  meta: {
    id: 'table3-results-total',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表3（七）总计不等于各办理结果之和', en: 'Table-3 (七) total is not the sum of the result rows' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 'results-total')) {
      // not offered when new + carried-in − carried-over equals the stated total: then the result rows are wrong
      const balance = identities(report).find((id) => id.kind === 'column-balance' && id.target.col === f.id.target.col);
      let offer = f.computed >= 0;
      if (balance) {
        const ev = evaluate(balance, new Map([[f.target, f.stated]]));
        // balance evaluates carry_out = new + carry_in − total; it holds with the stated total ⇔ new + carry_in − carry_out = stated
        if (ev.evaluable && ev.holds) offer = false;
      }
      const fixes: Fix[] = offer
        ? [setCellsFix(report, 'fix.set-results-total', { column: f.target.column.label, value: f.computed }, new Map([[f.target, f.computed]]))]
        : [];
      yield identityFinding(f, 'table3-results-total', { column: f.target.column.label }, fixes);
    }
  },
};
