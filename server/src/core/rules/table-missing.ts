import type { Rule, RawFinding } from '../rule';
import { TABLE_OF_SECTION } from '../model';
import { msg } from '../messages';
import { SECTION_NUMERALS } from '../schema';

/** Section 二/三/四 present without any row of its table (domain.md §3.2). */
export const rule: Rule = {
  meta: {
    id: 'table-missing',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    tableRule: true,
    description: { zh: '第二、三、四部分缺少统计表', en: 'Section 二, 三 or 四 has no table' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sections) {
      const kind = TABLE_OF_SECTION[s.no];
      if (!kind || s.duplicate) continue;
      if (report.tables.some((t) => t.kind === kind)) continue;
      if (report.glued) {
        yield { range: s.heading.range, severity: 'info', message: msg('table-missing.glued', { N: SECTION_NUMERALS[s.no] }) };
        continue;
      }
      yield {
        range: s.heading.range,
        message: msg('table-missing', { N: SECTION_NUMERALS[s.no], table: msg(`table.${kind}`).zh }),
      };
    }
  },
};
