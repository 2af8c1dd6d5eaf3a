/**
 * Inlay hints (pure): the computed value beside a stated total that does not match its operands, e.g. ` = 3`
 * after a `（一）予以公开` total of 2. Shown only where the rule reporting the identity has a finding on that cell,
 * so a rule turned off (or a suppressed finding) shows no hint either.
 */

import type { Finding } from '../rule';
import type { Report } from '../model';
import { cellOf, evaluate } from '../identities';
import { fmt, type Lang } from '../messages';
import { IDENTITY_RULE, identitiesByCell, identityLine } from './identityText';

export interface InlayView {
  /** Where the hint goes: just after the stated value. */
  readonly offset: number;
  /** The hint text, e.g. ` = 3`. */
  readonly label: string;
  /** The formulas behind the hint, one per line. */
  readonly tooltip: string;
}

export function inlayHints(reports: readonly Report[], findings: readonly Finding[], lang: Lang = 'zh'): InlayView[] {
  const reported = new Set(findings.map((f) => `${f.ruleId}@${f.range.start}:${f.range.end}`));
  const out: InlayView[] = [];
  for (const report of reports) out.push(...reportHints(report, reported, lang));
  out.sort((a, b) => a.offset - b.offset);
  return out;
}

function reportHints(report: Report, reported: ReadonlySet<string>, lang: Lang): InlayView[] {
  const out: InlayView[] = [];
  for (const [cell, ids] of identitiesByCell(report)) {
    const failing = ids.targetOf.filter((id) => {
      const ev = evaluate(id);
      if (!ev.evaluable || ev.holds) return false;
      const target = cellOf(id.target)!;
      return reported.has(`${IDENTITY_RULE[id.kind]}@${target.displayRange.start}:${target.displayRange.end}`);
    });
    if (!failing.length) continue;
    const values = [...new Set(failing.map((id) => fmt(evaluate(id).computed)))];
    out.push({
      offset: cell.range.end > cell.range.start ? cell.range.end : cell.displayRange.end,
      label: ` = ${values.join(' | ')}`,
      tooltip: failing.map((id) => identityLine(id, lang)).join('\n'),
    });
  }
  return out;
}
