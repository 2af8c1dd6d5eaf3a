import type { Rule, RawFinding } from '../rule';
import { T4_BLOCKS } from '../schema';
import { failures, identityFinding, setCellsFix } from './_identity';

/** Each of the three blocks of table 4: 总计 = 维持 + 纠正 + 其他 + 尚未审结 (domain.md §3.4). */
export const rule: Rule = {
  meta: {
    id: 'table4-block-total',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '表4总计不等于各结果之和', en: 'A table-4 total is not the sum of its results' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const f of failures(report, 't4-block')) {
      const fixes = f.computed >= 0 ? [setCellsFix(report, 'fix.set-total', { value: f.computed }, new Map([[f.target, f.computed]]))] : [];
      yield identityFinding(f, 'table4-block-total', { block: T4_BLOCKS[f.id.block!] }, fixes);
    }
  },
};
