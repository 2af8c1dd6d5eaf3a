import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';

/** Sections must appear in the order 一…六 (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-order',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '六个部分的顺序错误', en: 'Sections are out of order' },
  },
  *check({ report }): Iterable<RawFinding> {
    const seen: number[] = [];
    for (const s of report.sections) {
      if (s.duplicate) continue;
      const higher = seen.filter((n) => n > s.no);
      if (higher.length) {
        const m = Math.min(...higher);
        const first = report.sections.find((x) => x.no === m && !x.duplicate)!;
        yield {
          range: s.heading.range,
          message: msg('section-order', { N: SECTION_NUMERALS[s.no], title: SECTION_TITLES[s.no], M: SECTION_NUMERALS[m] }),
          related: [{ range: first.heading.range, message: { zh: `第${SECTION_NUMERALS[m]}部分`, en: `Section ${SECTION_NUMERALS[m]}` } }],
        };
      }
      seen.push(s.no);
    }
  },
};
