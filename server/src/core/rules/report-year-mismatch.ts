import type { Rule, RawFinding } from '../rule';
import type { OffsetRange, Sentence } from '../model';
import { msg } from '../messages';

const PERIOD_RE = /(?:统计期限|统计时间|统计期间)[^。]*?(\d{4})年1月1日至(?:(\d{4})年)?12月31日/;
const FIRST_YEAR_RE = /(\d{4})年，/;

function digits(s: Sentence, at: number): OffsetRange {
  return { start: s.map[at], end: s.map[at + 3] + 1 };
}

/** A year in the statistics period or the opening of section 一 differs from the title year (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'report-year-mismatch',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '正文年度与报告年度不一致', en: 'A year in the text differs from the report year' },
  },
  *check({ report }): Iterable<RawFinding> {
    const Y = report.title?.year;
    if (Y === undefined) return;
    const out: RawFinding[] = [];
    const flag = (s: Sentence, at: number, X: number): void => {
      const range = digits(s, at);
      out.push({
        range,
        message: msg('report-year-mismatch', { Y, X }),
        fixes: [{ title: msg('fix.replace-year', { Y }), edits: [{ range, newText: String(Y) }], preferred: false }],
      });
    };
    for (const s of report.sentences) {
      const m = PERIOD_RE.exec(s.text);
      if (!m) continue;
      const y1 = Number(m[1]);
      const at1 = m.index + m[0].indexOf(m[1] + '年1月1日');
      if (y1 !== Y) flag(s, at1, y1);
      if (m[2] !== undefined) {
        const y2 = Number(m[2]);
        const at2 = m.index + m[0].lastIndexOf(m[2] + '年12月31日');
        if (y2 !== Y) flag(s, at2, y2);
      }
      break;
    }
    const first = report.sentences.find((s) => s.section === 1 && FIRST_YEAR_RE.test(s.text));
    if (first) {
      const m = FIRST_YEAR_RE.exec(first.text)!;
      const before = first.text.slice(Math.max(0, m.index - 4), m.index);
      const X = Number(m[1]);
      if (X !== Y && !/上年|下一步|下年|〔|\[/.test(before)) flag(first, m.index, X);
    }
    yield* out;
  },
};
