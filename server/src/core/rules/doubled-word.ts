import type { Rule, RawFinding } from '../rule';
import { msg } from '../messages';
import { fix } from './_util';
import { sentenceRange } from './_narrative';

/**
 * Function characters that are never doubled on purpose, each with the characters that end a word in which the
 * character is the last one (`目的` + `的`, `涉及` + `及`, `合并` + `并`): after those, the pair is a word boundary
 * (`实现目的的…`, `涉及及时…`), not a doubling. Content characters are not checked one by one: a word that ends
 * with the character the next word starts with (`公开开展`, `企业业务`, `工作作风`, `城区区域`) is ordinary Chinese.
 */
const FUNCTION_CHARS: ReadonlyMap<string, string> = new Map([
  ['的', '目标有'],
  ['了', '不为'],
  ['在', '存所实现内外潜自旨好'],
  ['与', '参给赠授'],
  ['及', '涉普危波惠顾提论以触企来'],
  ['和', '温缓柔调平总饱'],
  ['并', '合兼吞'],
  ['把', '一'],
  ['被', '棉'],
  ['向', '方导倾意走面指动去志取风趋流转横纵'],
  ['从', '服自随听顺遵'],
  ['将', '即必大'],
  ['对', '针相面核绝应'],
]);

/** Real reduplications (AA, ABAB) written on purpose; from reports and common usage. */
const REDUPLICATION_ALLOW: ReadonlySet<string> = new Set([
  // ABAB verb reduplication (`研究研究`)
  '研究研究', '讨论讨论', '学习学习', '商量商量', '考虑考虑', '了解了解', '交流交流', '检查检查', '整理整理', '看看看看',
]);

const IDEOGRAPH = /^[\u4e00-\u9fff]+$/;
const NUMERALS = /[零〇一二三四五六七八九十百千万亿两几]/;

interface Doubling {
  /** Offset of the second copy in the sentence text and its length. */
  readonly at: number;
  readonly len: number;
  readonly word: string;
}

/** Whether t[i, i+n) equals t[i+n, i+2n). */
function sameRun(t: string, i: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (t.charCodeAt(i + k) !== t.charCodeAt(i + n + k)) return false;
  return true;
}

/** The accidental doublings of one (compacted) sentence. */
function doublings(t: string): Doubling[] {
  const out: Doubling[] = [];
  for (let i = 0; i + 1 < t.length; i++) {
    // single function characters: 的的, 在在 … (compared by code first: this runs for every narrative character)
    const c = t.charCodeAt(i) === t.charCodeAt(i + 1) ? t[i] : '';
    const after = c ? FUNCTION_CHARS.get(c) : undefined;
    if (after !== undefined) {
      const aabb = (t[i + 2] !== undefined && t[i + 2] === t[i + 3] && t[i + 2] !== c) || (i >= 2 && t[i - 2] === t[i - 1] && t[i - 1] !== c);
      const fixed = (c === '了' && t.slice(i + 2, i + 3) === '之') || t[i + 2] === c;
      if (!aabb && !fixed && !(i > 0 && after.includes(t[i - 1]))) {
        out.push({ at: i + 1, len: 1, word: c });
        i++;
        continue;
      }
    }
    // words of 2 to 4 characters written twice: 公开公开, 政府信息政府信息 (compared by code before any slicing:
    // this runs for every narrative character)
    const first = t.charCodeAt(i);
    for (let n = 2; n <= 4; n++) {
      if (i + 2 * n > t.length || t.charCodeAt(i + n) !== first || !sameRun(t, i, n)) continue;
      const a = t.slice(i, i + n);
      if (!IDEOGRAPH.test(a) || NUMERALS.test(a[0]) || new Set(a).size === 1) continue;
      if (REDUPLICATION_ALLOW.has(a + a)) continue;
      out.push({ at: i + n, len: n, word: a });
      i += 2 * n - 1;
      break;
    }
  }
  return out;
}

/** A character or word written twice by accident (`工作的的`, `公开公开`). */
export const rule: Rule = {
  meta: {
    id: 'doubled-word',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '字词重复', en: 'A character or word is written twice' },
  },
  *check({ report }): Iterable<RawFinding> {
    for (const s of report.sentences) {
      for (const d of doublings(s.text)) {
        const whole = sentenceRange(s, d.at - d.len, d.at + d.len);
        // the two copies must be written together, at most wrapped by one line break: words with spaces or a blank
        // line between them are cells or header words of a table torn apart by a PDF extraction (`结果\n\n结果`)
        if (/\s/.test(report.text.slice(whole.start, whole.end).replace(/\r?\n/, ''))) continue;
        const second = sentenceRange(s, d.at, d.at + d.len);
        // deleting the second copy is safe when it is written in one piece (no line break inside it)
        const contiguous = second.end - second.start === d.len;
        yield {
          range: whole,
          message: msg('doubled-word', { word: d.word, doubled: d.word + d.word }),
          fixes: contiguous ? [fix('fix.delete-doubled', { word: d.word }, [{ range: second, newText: '' }], true)] : [],
        };
      }
    }
  },
};
