import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';

/** Two headings map to the same section (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-duplicate',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '同一部分的标题重复出现', en: 'A section heading appears twice' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      if (!s.duplicate) continue;
      const first = report.sections.find((x) => x.no === s.no && !x.duplicate)!;
      yield {
        range: s.heading.range,
        message: msg('section-duplicate', { N: SECTION_NUMERALS[s.no], title: SECTION_TITLES[s.no], L: first.heading.line + 1 }),
        related: [{ range: first.heading.range, message: msg('related.first-heading') }],
      };
    }
  },
};
