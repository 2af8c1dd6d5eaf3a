import type { Rule, RawFinding } from '../rule';
import type { Subsection } from '../model';
import { msg } from '../messages';
import { toCjkNumber } from '../text';
import { fix } from './_util';

function markerText(type: 'cjk' | 'arabic', width: 'full' | 'half', value: number): string {
  const n = type === 'cjk' ? toCjkNumber(value) : String(value);
  return width === 'full' ? `（${n}）` : `(${n})`;
}

function majority<T>(items: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  let best: T | undefined;
  let bestN = 0;
  for (const [k, n] of counts) {
    if (n > bestN || (n === bestN && k === items[0])) {
      best = k;
      bestN = n;
    }
  }
  return best;
}

/**
 * Sibling markers （一）（二）… within a section: one numeral type, one bracket width, no gaps or duplicates
 * (domain.md §3.1). A run of Arabic markers starting at (1) right after a Chinese one is a nested list, not a
 * mistake.
 *
 * One renumbering per sequence: the siblings of a section must read 1, 2, … n, which is the only consistent
 * numbering of n siblings and so the one that changes the fewest headings; only the siblings it changes are
 * reported, each with the number it gives them. All findings of a sequence come from that one renumbering, so fix-all
 * can never apply a fix and then its inverse (`（三）（二）` is `（三）→（一）`, never also `（二）→（四）`). The fixes
 * are preferred (applied by fix-all / `--fix`) when every changed sibling sits between unchanged ones (a typo, a
 * wrong numeral type, a last number skipped); a run of adjacent changes (a gap or a repeat in the middle: renumbering
 * the rest) is the author's call.
 */
export const rule: Rule = {
  meta: {
    id: 'subsection-numbering',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    description: { zh: '小标题序号不连续、类型或括号不统一', en: 'Sub-heading numbers skip, repeat or mix styles' },
  },
  *check({ report }): Iterable<RawFinding> {
    const bySection = new Map<number, Subsection[]>();
    for (const s of report.subsections) {
      if (s.section === undefined) continue;
      let list = bySection.get(s.section);
      if (!list) bySection.set(s.section, (list = []));
      list.push(s);
    }
    for (const list of bySection.values()) {
      const type = majority(list.map((s) => s.numeralType))!;
      const width = majority(list.map((s) => s.width))!;
      // the siblings: every marker of the majority type, and a minority-type marker that takes the next number
      const siblings: Subsection[] = [];
      let nested = false;
      for (const s of list) {
        if (s.numeralType !== type) {
          if (s.value === siblings.length + 1 && !(nested && s.value !== 1)) siblings.push(s); // （3） among （一）（二）
          else nested = s.value === 1 || nested; // an item list under the current sub-heading
          continue;
        }
        nested = false;
        siblings.push(s);
      }
      const changed = siblings.map((s, i) => s.value !== i + 1 || s.numeralType !== type);
      const isolated = changed.every((c, i) => !c || (!changed[i - 1] && !changed[i + 1]));
      const reported = new Set<Subsection>();
      for (let i = 0; i < siblings.length; i++) {
        if (!changed[i]) continue;
        const s = siblings[i];
        const want = markerText(type, width, i + 1);
        reported.add(s);
        yield {
          range: s.markerRange,
          message: msg('subsection-numbering', { actual: s.marker, expected: want }),
          fixes: [fix('fix.replace-marker', { actual: s.marker, expected: want }, [{ range: s.markerRange, newText: want }], isolated)],
        };
      }
      // bracket width (information only)
      for (const s of list) {
        if (s.width === width || reported.has(s) || s.numeralType !== type) continue;
        const want = markerText(s.numeralType, width, s.value);
        yield {
          range: s.markerRange,
          severity: 'info',
          message: msg(width === 'full' ? 'subsection-numbering.width-full' : 'subsection-numbering.width-half'),
          fixes: [fix('fix.replace-marker', { actual: s.marker, expected: want }, [{ range: s.markerRange, newText: want }], true)],
        };
      }
    }
  },
};
