import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { firstSection } from '../model';
import { sentenceRange } from './_narrative';
import { MAX_RELATED, MIN_SENTENCES, repetition, thresholdOf } from './_repetition';

/**
 * Parts 一 and 五 largely repeat the same agency's previous-year report: the share of sentences that are the same, or
 * differ only in numbers and years, reaches the threshold (setting `govreport.repetitionThreshold`, CLI
 * `--repetition-threshold`, default 50 %).
 */
export const rule: Rule = {
  meta: {
    id: 'cross-year-repetition',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    crossDocument: true,
    description: { zh: '总体情况和问题改进部分与上年报告大量雷同', en: 'Parts 一 and 五 repeat last year’s report' },
  },
  *check({ report, previousYear, repetitionThreshold }): Iterable<RawFinding> {
    if (!previousYear) return;
    const rep = repetition(report, previousYear.report);
    if (rep.total < MIN_SENTENCES || rep.repeated.length === 0 || rep.share < thresholdOf(repetitionThreshold)) return;
    const at = firstSection(report, 1) ?? firstSection(report, 5);
    if (!at) return;
    const prevYear = previousYear.report.title?.year ?? '';
    yield {
      range: at.heading.range,
      message: msg('cross-year-repetition', { share: rep.share, n: rep.repeated.length, total: rep.total, prevYear, file: previousYear.name }),
      related: rep.repeated.slice(0, MAX_RELATED).map((r) => ({
        range: sentenceRange(r.theirs),
        uri: previousYear.uri,
        message: msg('related.repeated-sentence', { prevYear }),
      })),
      data: { stated: rep.share, formula: `${rep.repeated.length} / ${rep.total}` },
    };
  },
};
