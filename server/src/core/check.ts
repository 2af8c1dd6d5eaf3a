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
import { PairIndex, reportKey, SameYearIndex, type ReportKey } from './pairing';
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
  const pairing = new CheckPairing(options);
  for (const report of reports) pairing.addOwn(reportKey(report));
  const own: OtherReport[] = reports.map((report) => ({ report, name, uri }));
  const resolve = (p: Partner): OtherReport => ('own' in p ? own[p.own] : p.other);
  const previousYears: OtherReport[] = [];
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  reports.forEach((report, j) => {
    const { result, previousYear } = checkPaired(report, j, pairing, resolve, options);
    if (previousYear && !previousYears.includes(previousYear)) previousYears.push(previousYear);
    findings.push(...result.findings);
    failures.push(...result.failures);
  });
  if (reports.length > 1) findings.sort(compareFindings);
  return { report: reports[0], reports, findings, failures, previousYears };
}

/**
 * Checks report j of a document (`checkReports`, `checkDocumentStreamed`): its previous year (given by
 * `options.previousYearOf`, else the pairing's partner), its same-year reports, then its rules. `resolve` gives a
 * partner's report.
 */
export function checkPaired(
  report: Report,
  j: number,
  pairing: CheckPairing,
  resolve: (p: Partner) => OtherReport,
  options: CheckOptions,
): { readonly result: LintResult; readonly previousYear?: OtherReport; readonly partner?: Partner } {
  const partner = options.previousYearOf ? undefined : pairing.previousOf(j);
  const previousYear = options.previousYearOf ? options.previousYearOf(report) : partner && resolve(partner);
  const sameYear = options.sameYearReports ?? pairing.sameYearOf(j)?.map(resolve);
  const result = lintReport(report, { rules: options.rules, ruleSet: options.ruleSet, previousYear, sameYear, repetitionThreshold: options.repetitionThreshold });
  return { result, previousYear, partner };
}

/** Report j of the checked document, or another document's report. */
export type Partner = { readonly own: number } | { readonly other: OtherReport };

/**
 * The pairing of one check, from indexes built once per check (linear in the number of reports): report j's
 * previous year is `findPreviousYear`'s choice among this document's reports, then among `others`; its same-year
 * reports are `findSameYear`'s choice among this document's reports (`sameYear: 'all'`), then `others`. The
 * document's report keys are added first, in document order; `others` is asked for once, when first needed.
 */
export class CheckPairing {
  private readonly keys: ReportKey[] = [];
  private readonly sameYear = new SameYearIndex<Partner>();
  private othersInSameYear = false;
  private others: readonly OtherReport[] | undefined;
  private own: PairIndex<number> | undefined;
  private otherIndex: PairIndex<OtherReport> | undefined;

  constructor(private readonly options: CheckOptions) {}

  private otherReports(): readonly OtherReport[] {
    return (this.others ??= this.options.others?.() ?? []);
  }

  /** Adds the next report's key; true when that report is a same-year candidate of the others (keep its model). */
  addOwn(k: ReportKey): boolean {
    const j = this.keys.length;
    this.keys.push(k);
    return this.options.sameYear === 'all' && !this.options.sameYearReports && this.sameYear.add(k, { own: j });
  }

  previousOf(j: number): Partner | undefined {
    const k = this.keys[j];
    if (!k) return undefined;
    if (!this.own) {
      const index = new PairIndex<number>();
      this.keys.forEach((key, i) => index.add(key, i));
      this.own = index;
    }
    const i = this.own.previousOf(k);
    if (i !== undefined) return { own: i };
    if (!this.otherIndex) {
      const index = new PairIndex<OtherReport>();
      for (const o of this.otherReports()) index.add(reportKey(o.report), o);
      this.otherIndex = index;
    }
    const other = this.otherIndex.previousOf(k);
    return other && { other };
  }

  /** Report j's same-year reports; undefined when the check compares none (or the report has no key). */
  sameYearOf(j: number): Partner[] | undefined {
    const k = this.keys[j];
    if (!this.options.sameYear || !k) return undefined;
    if (!this.othersInSameYear) {
      this.othersInSameYear = true;
      for (const o of this.otherReports()) this.sameYear.add(reportKey(o.report), { other: o });
    }
    return this.sameYear.of(k);
  }
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
  // other agencies' reports of the same year in the other documents (cross-report-copy), as `findSameYear` picks them;
  // indexed once, when first asked for
  let sameYearIndex: SameYearIndex<StampedReport> | undefined;
  const sameYear = (i: number, segments: readonly Segment[]): StampedReport[] => {
    if (!sameYearIndex) {
      sameYearIndex = new SameYearIndex<StampedReport>();
      for (const o of others()) sameYearIndex.add(reportKey(o.report), o);
    }
    return sameYearIndex.of(segments[i].summary.pairKey);
  };
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
