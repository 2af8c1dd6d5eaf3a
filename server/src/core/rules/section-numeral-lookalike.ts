import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

/** `—、总体情况`: a dash typed for 一 (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-numeral-lookalike',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '标题序号用了形似“一”的符号', en: 'A dash-like glyph is used for the numeral 一' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      const h = s.heading;
      if (h.numeralKind !== 'lookalike' || s.no !== 1) continue;
      const cp = h.numeral.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      yield {
        range: h.numeralRange,
        message: msg('section-numeral-lookalike', { ch: h.numeral, cp }),
        fixes: [fix('fix.replace-numeral', { numeral: '一' }, [{ range: h.numeralRange, newText: '一' }], true)],
      };
    }
  },
};
