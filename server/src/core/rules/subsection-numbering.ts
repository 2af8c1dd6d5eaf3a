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
  for (const [k, n] of counts) if (n > bestN || (n === bestN && k === items[0])) (best = k), (bestN = n);
  return best;
}

/**
 * Sibling markers （一）（二）… within a section: one numeral type, one bracket width, no gaps or duplicates
 * (domain.md §3.1). A run of Arabic markers starting at (1) right after a Chinese one is a nested list, not a
 * mistake.
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
      let expected = 1;
      let nested = false;
      const typeReported = new Set<Subsection>();
      for (const s of list) {
        if (s.numeralType !== type) {
          if (s.value === expected && !(nested && s.value !== 1)) {
            // the right number in the wrong numeral type: （3） among （一）（二）
            const want = markerText(type, width, expected);
            typeReported.add(s);
            yield {
              range: s.markerRange,
              message: msg('subsection-numbering', { actual: s.marker, expected: want }),
              fixes: [fix('fix.replace-marker', { actual: s.marker, expected: want }, [{ range: s.markerRange, newText: want }], true)],
            };
            expected = s.value + 1;
            continue;
          }
          nested = s.value === 1 || nested; // an item list under the current sub-heading
          continue;
        }
        nested = false;
        if (s.value !== expected) {
          const want = markerText(type, s.width, expected);
          typeReported.add(s);
          // The fix is safe only if it makes the run consistent: the next sibling already follows `expected`.
          // A duplicate （一）（一）（二） or a gap （一）（三）（四） needs renumbering the rest, which is the author's call.
          const next = list.slice(list.indexOf(s) + 1).find((x) => x.numeralType === type);
          const safe = !next || next.value === expected + 1;
          yield {
            range: s.markerRange,
            message: msg('subsection-numbering', { actual: s.marker, expected: want }),
            fixes: [fix('fix.replace-marker', { actual: s.marker, expected: want }, [{ range: s.markerRange, newText: want }], safe)],
          };
        }
        expected = s.value + 1;
      }
      // bracket width (information only)
      for (const s of list) {
        if (s.width === width || typeReported.has(s) || s.numeralType !== type) continue;
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
