/** Sentence repetition between two reports (not a rule), shared by `cross-year-repetition` and `cross-report-copy`. */

import type { Report, Sentence } from '../model';
import { comparedSentences } from './_narrative';

const DEFAULT_REPETITION_THRESHOLD = 50;

/** The threshold in percent, from the context (bad values fall back to the default). */
export function thresholdOf(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : DEFAULT_REPETITION_THRESHOLD;
}

export interface Repetition {
  /** Compared sentences of the checked report (parts 一 and 五). */
  readonly total: number;
  /** Sentences of the checked report found in the other one, each with its counterpart there. */
  readonly repeated: readonly { readonly mine: Sentence; readonly theirs: Sentence }[];
  /** Percent, rounded down. */
  readonly share: number;
}

/**
 * Which sentences of parts 一 and 五 of `report` appear in parts 一 and 五 of `other`, equal once numbers, years and
 * punctuation are set aside (`_narrative.sentenceKey`). `ignore` lists names removed from both sides first (the two
 * agencies' names, for reports of different agencies).
 */
export function repetition(report: Report, other: Report, ignore: readonly string[] = []): Repetition {
  const strip = (k: string): string => {
    let out = k;
    for (const n of ignore) if (n.length >= 2) out = out.split(n).join('');
    return out;
  };
  const theirs = new Map<string, Sentence>();
  for (const c of comparedSentences(other)) {
    const k = strip(c.key);
    if (!theirs.has(k)) theirs.set(k, c.sentence);
  }
  const mine = comparedSentences(report);
  const repeated: { mine: Sentence; theirs: Sentence }[] = [];
  for (const c of mine) {
    const t = theirs.get(strip(c.key));
    if (t) repeated.push({ mine: c.sentence, theirs: t });
  }
  return { total: mine.length, repeated, share: mine.length ? Math.floor((100 * repeated.length) / mine.length) : 0 };
}

/** Fewer compared sentences than this: too little text for a share to mean anything. */
export const MIN_SENTENCES = 4;

/** At most this many related locations per finding. */
export const MAX_RELATED = 50;
