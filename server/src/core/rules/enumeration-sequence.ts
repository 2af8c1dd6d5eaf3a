import type { Rule, RawFinding, Fix } from '../rule';
import type { Sentence } from '../model';
import { msg } from '../messages';
import { parseCjkNumber, toCjkNumber } from '../text';
import { fix } from './_util';
import { paragraphs, sentenceRange } from './_narrative';

/** One marker of an inline enumeration as written. */
interface Marker {
  readonly value: number;
  readonly written: string;
  /** The numeral (the part a fix replaces). */
  readonly numeralFrom: number;
  readonly numeralTo: number;
  readonly sentence: Sentence;
  readonly render: (n: number) => string;
  /** The whole marker (for the message). */
  readonly from: number;
  readonly to: number;
}

/**
 * Where an inline marker may stand: the start of a sentence or right after one of these clause marks. Checked on
 * the character before a match instead of a lookbehind, which the regex engine would try at every position.
 */
const BOUNDARY = '。;；,，:：、#)）';
/** `一是` `二是` …: one family, one run per section (a new `一是` starts a new run). */
const SHI_RE = /([一二三四五六七八九十]{1,2})是/g;
/**
 * `一是` glued to the text before it (a web page's text without its line breaks: `5.加强平台建设一是…`) still
 * starts a new run, unless it ends a word (`之一是`, `统一是`, `唯一是`, `第一是`).
 */
const SHI_WORD_ENDS = '之统唯第同专单万划';
/** `首先` → `其次` → `再次`: only clause-initial and followed by a comma, as enumerations are written. */
const ORDER_WORDS = ['首先', '其次', '再次'];
const ORDER_RE = /(首先|其次|再次)(?=[,，])/g;
/** `（一）…（二）…` inside a paragraph (markers at a line start are `subsection-numbering`'s). */
const PAREN_BOUNDARY = '。;；,，:：';
const PAREN_CJK_RE = /[(（]([一二三四五六七八九十]{1,2})[)）]/g;
const PAREN_ARABIC_RE = /[(（]([1-9１-９][0-9０-９]?)[)）]/g;

/** Offsets (in the sentence) of glued `一是` that restart a run. */
function gluedStarts(s: Sentence): Marker[] {
  const out: Marker[] = [];
  const t = s.text;
  for (let at = t.indexOf('一是'); at >= 0; at = t.indexOf('一是', at + 1)) {
    const before = at > 0 ? t.charCodeAt(at - 1) : -1;
    if (before < 0x4e00 || before > 0x9fff || SHI_WORD_ENDS.includes(t[at - 1])) continue;
    out.push({ value: 1, written: '一是', numeralFrom: at, numeralTo: at + 1, sentence: s, render: toCjkNumber, from: at, to: at + 2 });
  }
  return out;
}

/** Whether the document has text before `offset` on its line (the marker is not at a line start). */
function midLine(doc: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = doc[i];
    if (c === '\n' || c === '\r') return false;
    if (!/\s/.test(c)) return true;
  }
  return false;
}

function collect(
  sentences: readonly Sentence[],
  re: RegExp,
  boundary: string,
  value: (s: string) => number | undefined,
  render: (n: number) => string,
  inlineIn?: string,
): Marker[] {
  const out: Marker[] = [];
  for (const s of sentences) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s.text))) {
      if (m.index > 0 && !boundary.includes(s.text[m.index - 1])) {
        re.lastIndex = m.index + 1; // not a marker here: look again from the next character, as a lookbehind would
        continue;
      }
      const v = value(m[1]);
      if (v === undefined || v < 1) continue;
      // (一) starting a sentence counts only in the middle of a line (`…；（三）…`), not as a line's sub-heading
      if (inlineIn !== undefined && m.index === 0 && !midLine(inlineIn, s.map[0])) continue;
      const numeralFrom = m.index + m[0].indexOf(m[1]);
      out.push({ value: v, written: m[0], numeralFrom, numeralTo: numeralFrom + m[1].length, sentence: s, render, from: m.index, to: m.index + m[0].length });
    }
  }
  return out;
}

/** Runs of a family: a marker of value 1 starts a run; markers before the first 1 belong to no run. */
function runs(markers: readonly Marker[]): Marker[][] {
  const out: Marker[][] = [];
  for (const m of markers) {
    if (m.value === 1) out.push([m]);
    else if (out.length) out[out.length - 1].push(m);
  }
  return out;
}

function* checkRun(run: readonly Marker[]): Iterable<RawFinding> {
  // walk the run; a break that the next marker confirms (1, 3, 3: the first 3 should be 2) is read as a wrong
  // numeral and counting goes on from the corrected value; otherwise (1, 3, 4) from the value as written
  const breaks: { k: number; expected: number; corrected: boolean }[] = [];
  let prev = run[0].value;
  for (let k = 1; k < run.length; k++) {
    const expected = prev + 1;
    if (run[k].value === expected) {
      prev = expected;
      continue;
    }
    const corrected = k + 1 < run.length ? run[k + 1].value === expected + 1 : true;
    breaks.push({ k, expected, corrected });
    prev = corrected ? expected : run[k].value;
  }
  for (const { k, expected, corrected } of breaks) {
    const m = run[k];
    const p = run[k - 1];
    const numeral = m.render(expected);
    if (!numeral) continue; // past the last word of a closed family (首先/其次/再次)
    const expectedText = m.written.slice(0, m.numeralFrom - m.from) + numeral + m.written.slice(m.numeralTo - m.from);
    // the numeral can be corrected safely only when it is the run's one break and the run then counts on
    const fixes: Fix[] =
      breaks.length === 1 && corrected
        ? [fix('fix.replace-text', { actual: m.written, replacement: expectedText }, [{ range: sentenceRange(m.sentence, m.numeralFrom, m.numeralTo), newText: numeral }], false)]
        : [];
    const key = m.value < expected ? 'enumeration-sequence.repeat' : 'enumeration-sequence.skip';
    yield {
      range: sentenceRange(m.sentence, m.from, m.to),
      message: msg(key, { actual: m.written, expected: expectedText, previous: p.written }),
      related: [{ range: sentenceRange(p.sentence, p.from, p.to), message: msg('related.enumeration-previous') }],
      fixes,
      data: { expected: expectedText, stated: m.written },
    };
  }
}

/**
 * Inline enumerations that skip or repeat a number: `一是…二是…二是`, `首先…再次` (no 其次), `（一）…（三）` inside a
 * paragraph. Line-start sub-headings are `subsection-numbering`'s.
 */
export const rule: Rule = {
  meta: {
    id: 'enumeration-sequence',
    severity: 'warning',
    formats: 'both',
    kind: 'heuristic',
    description: { zh: '正文列举序号跳号或重复', en: 'An inline enumeration skips or repeats a number' },
  },
  *check({ report }): Iterable<RawFinding> {
    const bySection = new Map<number, Sentence[]>();
    for (const s of report.sentences) {
      const k = s.section ?? 0;
      let list = bySection.get(k);
      if (!list) bySection.set(k, (list = []));
      list.push(s);
    }
    for (const sentences of bySection.values()) {
      const shi = [...collect(sentences, SHI_RE, BOUNDARY, parseCjkNumber, toCjkNumber), ...sentences.flatMap(gluedStarts)].sort(
        (a, b) => a.sentence.map[a.from] - b.sentence.map[b.from],
      );
      for (const run of runs(shi)) yield* checkRun(run);
      for (const run of runs(collect(sentences, ORDER_RE, BOUNDARY, (w) => ORDER_WORDS.indexOf(w) + 1, (n) => ORDER_WORDS[n - 1] ?? '')))
        yield* checkRun(run);
      for (const para of paragraphs(sentences)) {
        for (const run of runs(collect(para, PAREN_CJK_RE, PAREN_BOUNDARY, parseCjkNumber, toCjkNumber, report.text))) yield* checkRun(run);
        for (const run of runs(collect(para, PAREN_ARABIC_RE, PAREN_BOUNDARY, (d) => Number(d.normalize('NFKC')), (n) => String(n), report.text))) yield* checkRun(run);
      }
    }
  },
};
