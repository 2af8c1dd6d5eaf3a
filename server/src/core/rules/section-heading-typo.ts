import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

/** A heading close to exactly one canonical title (Dice ≥ 0.75) (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-heading-typo',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    structural: true,
    description: { zh: '部分标题疑似笔误', en: 'A section heading looks like a typo' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      const h = s.heading;
      if (h.match !== 'fuzzy') continue;
      yield {
        range: h.titleRange,
        message: msg('section-heading-typo', { actual: h.title, canonical: h.canonical }),
        fixes: [fix('fix.replace-title', { title: h.canonical }, [{ range: h.titleRange, newText: h.canonical }], true)],
      };
    }
  },
};
