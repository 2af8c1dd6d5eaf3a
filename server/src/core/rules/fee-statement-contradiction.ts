import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { feeStatements } from './_fees';

/** One statement says no fee was collected, another states an amount (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'fee-statement-contradiction',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '信息处理费说明前后矛盾', en: 'Contradictory statements on information-processing fees' },
  },
  *check({ report }): Iterable<RawFinding> {
    const stmts = feeStatements(report);
    const none = stmts.find((s) => s.none);
    const some = stmts.find((s) => s.amount !== undefined && s.amount > 0);
    if (!none || !some) return;
    const [first, second] = none.range.start < some.range.start ? [none, some] : [some, none];
    yield {
      range: second.range,
      message: msg('fee-statement-contradiction', { L1: first.line + 1, L2: second.line + 1 }),
      related: [{ range: first.range, message: msg('related.statement') }],
    };
  },
};
