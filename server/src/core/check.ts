/**
 * The one way to check a document: text (or its parsed reports) + options + a way to find other documents'
 * reports → findings in `compareFindings` order, rule failures, and which report each report was paired with.
 * The CLI, the language server (and its browser worker) and the tests all call `checkDocument` /
 * `checkReports`; large open documents use the incremental linter with `documentPairing`, which makes the same
 * pairing choice from the reports' summaries. Readers of published originals (PDF, Word, HTML) feed their
 * `text` to `checkDocument` like any other text.
 */

import type { Report } from './model';
import { compareFindings, type Finding, type OtherReport, type Rule } from './rule';
import { lintReport, type LintOptions, type LintResult, type RuleFailure, type RuleSetting } from './engine';
import type { Pairing, Segment } from './incremental';
import { findSameYear, PairIndex, previousYearAmong, reportKey, sameYearAmong } from './pairing';
import { parseDocument } from './parser';

export interface CheckOptions {
  /** Per-rule severity override or `off`. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Rules to use instead of the built-in registry (e.g. the registry plus a rule under test). */
  readonly ruleSet?: readonly Rule[];
  /** Names the document (uri or path, and a display name): a report of it that serves as another's previous year. */
  readonly uri?: string;
  readonly name?: string;
  /**
   * The reports of other documents, searched after this document's own reports, in the order given. Called at most
   * once per check, and only when a report of the document can be paired at all.
   */
  readonly others?: () => readonly OtherReport[];
  /** Pairs reports itself instead (tests with a given previous year): a report's previous year, or none. */
  readonly previousYearOf?: (report: Report) => OtherReport | undefined;
  /**
   * Compare each report with other agencies' reports of the same year (`cross-report-copy`): among the other
   * documents' reports (`others`), or also among this document's own (`all`: the CLI, where a file may concatenate
   * the reports of several agencies). Off when absent.
   */
  readonly sameYear?: 'others' | 'all';
  /** Gives the same-year reports instead (tests and `lint`): other agencies' reports of the same year. */
  readonly sameYearReports?: readonly OtherReport[];
  /** Share of repeated sentences (percent, 0–100) from which the repetition rules report; default 50. */
  readonly repetitionThreshold?: number;
}

export interface CheckResult extends LintResult {
  /** The previous-year reports the check used (each once, in the order first used): whom it paired with. */
  readonly previousYears: readonly OtherReport[];
}

/** Parses and checks a document; each report of a concatenation is checked on its own, with its own previous year. */
export function checkDocument(text: string, options: CheckOptions = {}): CheckResult {
  return checkReports(parseDocument(text), options);
}

/** `checkDocument` on reports parsed already (`parseDocument(text)`, never empty). */
export function checkReports(reports: readonly Report[], options: CheckOptions = {}): CheckResult {
  const uri = options.uri ?? '';
  const name = options.name ?? uri;
  const own: OtherReport[] = options.previousYearOf ? [] : reports.map((report) => ({ report, name, uri }));
  let others: readonly OtherReport[] | undefined;
  const otherReports = (): readonly OtherReport[] => (others ??= options.others?.() ?? []);
  // where other agencies' reports of the same year are looked for: built once per check, not once per report
  let pool: readonly OtherReport[] | undefined;
  const sameYearPool = (): readonly OtherReport[] =>
    (pool ??= options.sameYear === 'all' ? [...reports.map((report) => ({ report, name, uri })), ...otherReports()] : otherReports());
  const previousYears: OtherReport[] = [];
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const report of reports) {
    const previousYear = options.previousYearOf ? options.previousYearOf(report) : previousYearAmong(report, own, otherReports);
    if (previousYear && !previousYears.includes(previousYear)) previousYears.push(previousYear);
    const sameYear = options.sameYearReports ?? (options.sameYear && reportKey(report) ? findSameYear(report, sameYearPool()) : undefined);
    const res = lintReport(report, { rules: options.rules, ruleSet: options.ruleSet, previousYear, sameYear, repetitionThreshold: options.repetitionThreshold });
    findings.push(...res.findings);
    failures.push(...res.failures);
  }
  if (reports.length > 1) findings.sort(compareFindings);
  return { report: reports[0], reports, findings, failures, previousYears };
}

/** Checks a document with an explicitly given previous year (or none): `checkDocument` without pairing. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const { previousYear, previousYearOf } = options;
  return checkDocument(text, {
    rules: options.rules,
    ruleSet: options.ruleSet,
    previousYearOf: previousYearOf ?? (() => previousYear),
    sameYearReports: options.sameYear,
    repetitionThreshold: options.repetitionThreshold,
  });
}

/** Another document's report, with what names its text (so that a changed file changes the pairing key). */
export interface StampedReport extends OtherReport {
  /** Changes when the document's text changes. */
  readonly stamp: string;
  /** Index of the report in its document. */
  readonly k: number;
}

/**
 * The pairing of `checkReports` for the incremental linter, decided on the reports' summaries so that unchanged
 * reports are not parsed: a report's previous year is the first report of the same agency and the year before in
 * this document, else in `others()` (asked for once, when first needed).
 */
export function documentPairing(
  uri: string,
  name: string,
  others: () => readonly StampedReport[],
): Pairing & { firstPrevious(segments: readonly Segment[]): OtherReport | { readonly uri: string; readonly name: string } | undefined } {
  type Partner = { readonly own: number } | { readonly other: StampedReport };
  let own: { readonly segments: readonly Segment[]; readonly index: PairIndex<number> } | undefined;
  let otherIndex: PairIndex<StampedReport> | undefined;
  const resolve = (i: number, segments: readonly Segment[]): Partner | undefined => {
    const k = segments[i].summary.pairKey;
    if (!k) return undefined;
    if (own?.segments !== segments) {
      const index = new PairIndex<number>();
      segments.forEach((s, j) => index.add(s.summary.pairKey, j));
      own = { segments, index };
    }
    const j = own.index.previousOf(k);
    if (j !== undefined && j !== i) return { own: j };
    if (!otherIndex) {
      otherIndex = new PairIndex<StampedReport>();
      for (const o of others()) otherIndex.add(reportKey(o.report), o);
    }
    const other = otherIndex.previousOf(k);
    return other ? { other } : undefined;
  };
  // other agencies' reports of the same year in the other documents (cross-report-copy), as `findSameYear` picks them
  let all: readonly StampedReport[] | undefined;
  const sameYear = (i: number, segments: readonly Segment[]): StampedReport[] => sameYearAmong(segments[i].summary.pairKey, (all ??= others()));
  return {
    keyOf: (i, segments) => {
      const p = resolve(i, segments);
      const same = sameYear(i, segments).map((o) => `#${o.uri}|${o.stamp}|${o.k}`).join('');
      if (!p) return same;
      if ('own' in p) return `own|${segments[p.own].textId}|${segments[p.own].start}${same}`;
      return `file|${p.other.uri}|${p.other.stamp}|${p.other.k}|${p.other.name}${same}`;
    },
    sameYearOf: (i, segments) => sameYear(i, segments),
    previousYearOf: (i, segments, reportAt) => {
      const p = resolve(i, segments);
      if (!p) return undefined;
      return 'own' in p ? { report: reportAt(p.own), name, uri } : p.other;
    },
    firstPrevious: (segments) => {
      for (let i = 0; i < segments.length; i++) {
        const p = resolve(i, segments);
        if (p) return 'own' in p ? { name, uri } : p.other;
      }
      return undefined;
    },
  };
}
