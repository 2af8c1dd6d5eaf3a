import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { SECTION_NUMERALS } from '../schema';
import { fix } from './_util';

/** The numeral belongs to the title: 五 stays 五 even when 四 is missing (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-misnumbered',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '部分标题的序号错误或缺失', en: 'A section heading has a wrong or no numeral' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      const h = s.heading;
      const expected = SECTION_NUMERALS[s.no];
      if (h.numeralKind === 'cjk' && h.numeralValue === s.no) continue;
      if (h.numeralKind === 'lookalike' && s.no === 1) continue; // section-numeral-lookalike
      if (h.numeralKind === 'none') {
        yield {
          range: h.range,
          message: msg('section-misnumbered', { N: expected, expected, actual: msg('section-misnumbered.none').zh }),
          fixes: [fix('fix.replace-numeral', { numeral: expected + '、' }, [{ range: { start: h.range.start, end: h.range.start }, newText: expected + '、' }], true)],
        };
        continue;
      }
      yield {
        range: h.numeralRange,
        message: msg('section-misnumbered', { N: expected, expected, actual: h.numeral }),
        fixes: [fix('fix.replace-numeral', { numeral: expected }, [{ range: h.numeralRange, newText: expected }], true)],
      };
    }
  },
};
