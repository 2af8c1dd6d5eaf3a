import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';

const TYPOS: { re: RegExp; replacement: (m: RegExpExecArray) => string }[] = [
  { re: /(?<!行)政复议/g, replacement: () => '行政复议' },
  { re: /行政法复议/g, replacement: () => '行政复议' },
  { re: /行政复仪/g, replacement: () => '行政复议' },
  { re: /政府信息公开条列/g, replacement: () => '政府信息公开条例' },
  { re: /依申情公开/g, replacement: () => '依申请公开' },
  { re: /([县市区])委\1政务(?!公开|服务|中心|大厅|数据)/g, replacement: (m) => `${m[1]}委${m[1]}政府` },
];

/** Every typo of the dictionary holds one of these characters. */
const TYPO_HINT_RE = /复议|复仪|条列|依申情|政务/;

/** A dictionary of known typos in reports (domain.md §3.6). */
export const rule: Rule = {
  meta: {
    id: 'typo-known',
    severity: 'warning',
    formats: 'both',
    kind: 'exact',
    description: { zh: '常见错别字', en: 'A known typo' },
  },
  *check({ report }): Iterable<RawFinding> {
    let prevText = '';
    for (let i = report.firstLine; i <= report.lastLine; i++) {
      const l = report.lines[i];
      const t = l.text;
      if (t.trim() === '') continue;
      if (!TYPO_HINT_RE.test(t)) {
        prevText = t;
        continue;
      }
      for (const { re, replacement } of TYPOS) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(t))) {
          // a word wrapped at the line break (PDF text): 行 / 政复议
          if (m[0].startsWith('政复议') && t.slice(0, m.index).trim() === '' && /行$/.test(prevText.trimEnd())) continue;
          const rep = replacement(m);
          const range = { start: l.start + m.index, end: l.start + m.index + m[0].length };
          yield {
            range,
            message: msg('typo-known', { actual: m[0], replacement: rep }),
            fixes: [fix('fix.replace-text', { actual: m[0], replacement: rep }, [{ range, newText: rep }], true)],
          };
        }
      }
      prevText = t;
    }
  },
};
