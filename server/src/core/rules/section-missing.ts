import type { Rule, RawFinding } from '../rule';
import { SECTION_OF_TABLE, type SectionNo } from '../model';
import { msg } from '../messages';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';
import { eol, fix, lineRange, sectionHeadingText } from './_util';

/** Each of the six sections must have a heading (domain.md §3.1). */
export const rule: Rule = {
  meta: {
    id: 'section-missing',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    structural: true,
    description: { zh: '缺少六个部分之一的标题', en: 'One of the six section headings is missing' },
  },
  *check({ report }): Iterable<RawFinding> {
    const present = new Set(report.sections.map((s) => s.no));
    for (const n of [1, 2, 3, 4, 5, 6] as SectionNo[]) {
      if (present.has(n)) continue;
      // insertion point: an orphan table of this section, else the next present section, else the end
      const orphan = report.tables.find((t) => SECTION_OF_TABLE[t.kind] === n && t.orphan);
      const next = report.sections.find((s) => s.no > n && !s.duplicate);
      const heading = sectionHeadingText(n);
      const nl = eol(report);
      let line: number | undefined;
      if (orphan) line = orphan.firstLine;
      else if (next) line = next.heading.line;
      const args = { N: SECTION_NUMERALS[n], title: SECTION_TITLES[n] };
      if (line !== undefined) {
        const at = report.lines[line].start;
        yield {
          range: lineRange(report, line),
          message: msg('section-missing', args),
          fixes: [fix('fix.insert-heading', { heading }, [{ range: { start: at, end: at }, newText: heading + nl }], true)],
        };
      } else {
        const last = report.lines[report.lastLine];
        const end = last.end;
        const prefix = last.text.length === 0 ? '' : nl; // a heading always starts its own line
        yield {
          range: { start: end, end },
          message: msg('section-missing', args),
          fixes: [fix('fix.insert-heading', { heading }, [{ range: { start: end, end }, newText: prefix + heading + nl }], true)],
        };
      }
    }
  },
};
