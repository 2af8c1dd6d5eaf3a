import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';

/** Mojibake or U+FFFD: the file was read with the wrong encoding; all other rules are suppressed. */
export const rule: Rule = {
  meta: {
    id: 'encoding-suspect',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '文本疑似编码错误', en: 'The text looks mis-decoded' },
  },
  *check({ report }): Iterable<RawFinding> {
    if (report.encodingSuspect) yield { range: report.encodingSuspect.range, message: msg('encoding-suspect') };
  },
};
