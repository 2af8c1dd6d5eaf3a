import type { Rule, RawFinding, Related } from '../rule';
import type { OffsetRange, Report } from '../model';
import { msg } from '../messages';
import { firstSection } from '../model';
import { sentenceRange } from './_narrative';
import { MAX_RELATED, MIN_SENTENCES, repetition, thresholdOf } from './_repetition';

function agencyName(report: Report): string | undefined {
  const a = report.title?.agency?.normalize('NFKC').replace(/\s+/g, '');
  return a && a.length >= 4 ? a : undefined;
}

/** Where the narrative of `report` names `name` (first occurrence), if it does. */
function nameIn(report: Report, name: string): OffsetRange | undefined {
  for (const s of report.sentences) {
    const i = s.text.indexOf(name);
    if (i >= 0) return sentenceRange(s, i, i + name.length);
  }
  return undefined;
}

/**
 * Parts 一 and 五 are largely the same as another agency's report of the same year in the workspace (a template
 * filled in for another unit). The other agency's name left in the text is a strong sign: then half the threshold
 * suffices.
 */
export const rule: Rule = {
  meta: {
    id: 'cross-report-copy',
    severity: 'info',
    formats: 'both',
    kind: 'heuristic',
    sameYearDocuments: true,
    description: { zh: '与同年度其他机关的报告大量雷同', en: 'Parts 一 and 五 repeat another agency’s report of the same year' },
  },
  *check({ report, sameYear, repetitionThreshold }): Iterable<RawFinding> {
    if (!sameYear?.length) return;
    const own = agencyName(report);
    const at = firstSection(report, 1) ?? firstSection(report, 5);
    if (!own || !at) return;
    const threshold = thresholdOf(repetitionThreshold);
    // one finding per report: the other report it repeats most (the first of equal shares)
    let best: RawFinding | undefined;
    let bestShare = -1;
    for (const other of sameYear) {
      const name = agencyName(other.report);
      if (!name || name === own || own.includes(name) || name.includes(own)) continue;
      const rep = repetition(report, other.report, [own, name]);
      if (rep.total < MIN_SENTENCES || rep.repeated.length === 0) continue;
      const named = nameIn(report, name);
      if (rep.share < (named ? threshold / 2 : threshold)) continue;
      const args = { share: rep.share, n: rep.repeated.length, total: rep.total, other: name, file: other.name };
      const related: Related[] = [];
      if (named) related.push({ range: named, message: msg('related.other-agency-name') });
      for (const r of rep.repeated.slice(0, MAX_RELATED)) {
        related.push({ range: sentenceRange(r.theirs), uri: other.uri, message: msg('related.copied-sentence', { other: name }) });
      }
      if (rep.share <= bestShare) continue;
      bestShare = rep.share;
      best = {
        range: named ?? at.heading.range,
        message: msg(named ? 'cross-report-copy.name' : 'cross-report-copy', args),
        related,
        data: { stated: rep.share, formula: `${rep.repeated.length} / ${rep.total}` },
      };
    }
    if (best) yield best;
  },
};
