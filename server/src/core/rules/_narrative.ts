/** Narrative helpers shared by the text rules (not a rule): a section's sentences and text, sentence ranges. */

import { firstSection, perReport, type OffsetRange, type Report, type Section, type SectionNo, type Sentence } from '../model';

/** The narrative sentences of a section (outside tables), in document order; its heading's sentence excluded. */
export function sectionSentences(report: Report, no: SectionNo): Sentence[] {
  const sec = firstSection(report, no);
  if (!sec) return [];
  return report.sentences.filter((s) => s.map.length > 0 && inSection(sec, s) && !isHeadingSentence(sec, s));
}

function inSection(sec: Section, s: Sentence): boolean {
  const at = s.map[0];
  return at >= sec.range.start && at < sec.range.end;
}

function isHeadingSentence(sec: Section, s: Sentence): boolean {
  return s.map[0] >= sec.heading.range.start && s.map[s.map.length - 1] < sec.heading.range.end;
}

/** The document range of text[from, to) of a sentence. */
export function sentenceRange(s: Sentence, from = 0, to = s.text.length): OffsetRange {
  return { start: s.map[from], end: s.map[to - 1] + 1 };
}

/** Sentences grouped by paragraph (the line a paragraph starts on), in order. */
export function paragraphs(sentences: readonly Sentence[]): Sentence[][] {
  const out: Sentence[][] = [];
  let last = -1;
  for (const s of sentences) {
    if (s.firstLine !== last || !out.length) out.push([]);
    out[out.length - 1].push(s);
    last = s.firstLine;
  }
  return out;
}

/**
 * A sentence reduced for comparison across reports: numbers (Arabic and Chinese year digits) become `#`, and
 * punctuation and quotes are dropped, so that sentences that differ only in figures and years compare equal.
 */
function sentenceKey(text: string): string {
  return text
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .replace(/[〇零一二三四五六七八九]{4}(?=年)/g, '#')
    .replace(/[\s，,。；;：:！!？?、“”"‘’'（）()《》〈〉【】[\]…—\-·]/g, '');
}

/** Comparable sentences of parts 一 and 五 (at least this many characters once reduced: short titles repeat by nature). */
const MIN_COMPARED = 15;

export interface Compared {
  readonly sentence: Sentence;
  readonly key: string;
}

export const comparedSentences = perReport((report: Report): Compared[] => {
  const out: Compared[] = [];
  for (const no of [1, 5] as const) {
    for (const s of sectionSentences(report, no)) {
      const key = sentenceKey(s.text);
      if (key.length >= MIN_COMPARED) out.push({ sentence: s, key });
    }
  }
  return out;
});
