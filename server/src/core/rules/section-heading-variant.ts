import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

/** A known alternative wording of a section title (domain.md §1.3). */
export const rule: Rule = {
  meta: {
    id: 'section-heading-variant',
    severity: 'info',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '部分标题用了非规范的写法', en: 'A section heading uses a non-canonical wording' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      const h = s.heading;
      if (h.match !== 'variant') continue;
      yield {
        range: h.titleRange,
        message: msg('section-heading-variant', { actual: h.title, canonical: h.canonical }),
        fixes: [fix('fix.replace-title', { title: h.canonical }, [{ range: h.titleRange, newText: h.canonical }], true)],
      };
    }
  },
};
