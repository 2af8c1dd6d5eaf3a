import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

// starts only where a run of digits starts: an unanchored `\d+` would retry every suffix of a long run (quadratic)
const HEAD_RE = /(?<!\d)(\d+)([条件篇个])[，,]其中(.+)/;

/** `共N条，其中a条、b条…`: the parts do not add up (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'narrative-sum-mismatch',
    severity: 'info',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '正文“其中”各项之和与合计不一致', en: 'The parts listed after 其中 do not add up' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sentences) {
      const m = HEAD_RE.exec(s.text);
      if (!m) continue;
      const [, head, unit, tail] = m;
      if (/等|包括|含/.test(tail)) continue;
      const parts = [...tail.matchAll(new RegExp(`(?<![\\d.])(\\d+)${unit}`, 'g'))].map((x) => Number(x[1]));
      if (parts.length < 2) continue;
      const n = Number(head);
      // the enumeration may stop before the sentence does (`…其中a条、b条，在微信发布c条`): any leading
      // run of at least two items that adds up to the total settles it
      let sum = 0;
      let settled = false;
      for (let k = 0; k < parts.length; k++) {
        sum += parts[k];
        if (k >= 1 && sum === n) settled = true;
      }
      if (settled) continue;
      const at = m.index;
      yield {
        range: { start: s.map[at], end: s.map[at + head.length - 1] + 1 },
        message: msg('narrative-sum-mismatch', { s: sum, n }),
        data: { expected: sum, stated: n },
      };
    }
  },
};
