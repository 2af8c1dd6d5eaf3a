import type { Rule, RawFinding, Fix } from '../rule';
import { evaluate, identities } from '../identities';
import { fmt } from '../messages';
import { failures, identityFinding, setCellsFix } from './_identity';

/** `new + carry_in = total + carry_out`, per column: the 勾稽关系 printed in the header (domain.md §3.3). */
export const rule: Rule = {
  meta: {
    id: 'table3-column-balance',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表3某列不满足“第一项加第二项之和，等于第三项加第四项之和”', en: 'A table-3 column does not balance' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 'column-balance')) {
      const ev = evaluate(f.id);
      const [a, b, t] = ev.values as number[];
      const k = f.stated;
      const fixes: Fix[] = [];
      const want = a + b - t;
      if (want >= 0) {
        // only if the carried-over row still passes its row total afterwards; never preferred
        const rowTotal = identities(report).find((id) => id.kind === 'row-total' && id.target.row === f.id.target.row);
        const edits = new Map([[f.target, want]]);
        const rt = rowTotal ? evaluate(rowTotal, edits) : undefined;
        if (!rt || (rt.evaluable && rt.holds)) {
          fixes.push(setCellsFix(report, 'fix.set-carry-out', { column: f.target.column.label, value: want }, edits, false));
        }
      }
      yield identityFinding(
        f,
        'table3-column-balance',
        { column: f.target.column.label, a, b, ab: fmt(a + b), t, k, tk: fmt(t + k) },
        fixes,
      );
    }
  },
};
