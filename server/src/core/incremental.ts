/**
 * Incremental checking for large documents. A document is checked report by report (files can hold many
 * concatenated reports); when the text of a report did not change since the last check, its findings are
 * reused, shifted to the report's new position. Typing in one report of a 10 MB concatenation re-checks
 * that report only. The result always equals a fresh check of the whole text (tested with random edits).
 *
 * Cross-year rules make a report's findings depend on another report (the same agency's previous year, in this
 * document or another). A host that pairs reports passes a `Pairing`: it names each report's previous-year report
 * by a key computed from the reports' summaries (no parsing), and a report's findings are reused only when that
 * key is the one they were computed with.
 */

import type { Format, Report } from './model';
import { compareFindings, type Finding, type OtherReport, type Related, type TextEdit } from './rule';
import { lintReport, type LintOptions, type RuleFailure } from './engine';
import { parseDocument, parseReportLines, splitReports } from './parser';
import { LineMemo } from './incremental-lines';
import { LineIndex, detach, type Line } from './text';
import { agencyKey, reportKey, type ReportKey } from './pairing';

/** What a host needs of a report without its model: whether it is one, its identity (pairing) and format. */
export interface ReportSummary {
  readonly notAReport: boolean;
  readonly encodingSuspect: boolean;
  readonly year?: number;
  readonly agencyKey?: string;
  /** What pairing compares (core/pairing.ts); null when the report can never be paired. */
  readonly pairKey: ReportKey;
  readonly format: Format;
}

/** A report of the checked document. */
export interface Segment {
  /** Offsets [start, end) and first line of the report in the document. */
  readonly start: number;
  readonly end: number;
  readonly firstLine: number;
  readonly summary: ReportSummary;
  /** Names the report's text while the linter remembers it: the same id means the same text (0: not remembered). */
  readonly textId: number;
}

/** Cross-year pairing (see the top of this file). */
export interface Pairing {
  /**
   * The key of report i's previous-year report, from the segments alone: equal keys must mean the same
   * previous-year report (the same text at the same place, the same file name); '' for none.
   */
  keyOf(i: number, segments: readonly Segment[]): string;
  /** Report i's previous-year report, for a report checked anew; `reportAt(j)` is report j of this document. */
  previousYearOf(i: number, segments: readonly Segment[], reportAt: (j: number) => Report): OtherReport | undefined;
  /** Other agencies' reports of report i's year (`cross-report-copy`); `keyOf` must name them too. */
  sameYearOf?(i: number, segments: readonly Segment[], reportAt: (j: number) => Report): OtherReport[];
}

interface Cached {
  readonly id: number;
  readonly summary: ReportSummary;
  /** Offset and first line of the report when it was checked. */
  start: number;
  line: number;
  /** The pairing key the findings were computed with. */
  pairKey: string;
  findings: Finding[];
  failures: RuleFailure[];
  /** Last time this entry was used (generation counter). */
  used: number;
}

export interface IncrementalResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
  /** Reports whose findings were reused / checked anew. */
  readonly reused: number;
  readonly checked: number;
  /** The reports of the document, in order, without parsing them. */
  readonly segments: readonly Segment[];
  /** Line index of the document (offsets ↔ positions). */
  readonly index: LineIndex;
  /** Report j of the document (parsed on first use). */
  reportAt(j: number): Report;
  /** The reports of the document (parsed anew on first use when findings were reused). */
  reports(): readonly Report[];
}

export function summarize(report: Report): ReportSummary {
  const k = reportKey(report);
  const key = k?.key ?? agencyKey(report);
  return {
    notAReport: !!report.notAReport,
    encodingSuspect: !!report.encodingSuspect,
    ...(report.title?.year !== undefined ? { year: report.title.year } : {}),
    ...(key !== undefined ? { agencyKey: detach(key) } : {}),
    pairKey: k && { key: detach(k.key), regions: k.regions.map(detach), year: k.year },
    format: report.format.effective,
  };
}

function optionsFor(options: LintOptions, pairing: Pairing | undefined, i: number, segments: readonly Segment[], reportAt: (j: number) => Report): LintOptions {
  if (!pairing) return options;
  return {
    rules: options.rules,
    ruleSet: options.ruleSet,
    repetitionThreshold: options.repetitionThreshold,
    previousYear: pairing.previousYearOf(i, segments, reportAt),
    sameYear: pairing.sameYearOf?.(i, segments, reportAt),
  };
}

/** Rules whose messages name line numbers: shift them with the report. */
const LINE_MESSAGE_RULES = new Set(['section-duplicate', 'fee-statement-contradiction', 'format-year-mismatch']);

function shiftLineNumbers(s: string, delta: number): string {
  return s
    .replace(/第(\d+)行/g, (_, n: string) => `第${Number(n) + delta}行`)
    .replace(/\b(lines? )(\d+)(?: and (\d+))?/g, (_, w: string, a: string, b?: string) =>
      `${w}${Number(a) + delta}${b ? ` and ${Number(b) + delta}` : ''}`,
    );
}

function shiftFinding(f: Finding, d: number, lines: number): Finding {
  if (d === 0 && lines === 0) return f;
  const r = (x: { start: number; end: number }) => ({ start: x.start + d, end: x.end + d });
  const related: Related[] = f.related.map((x) => (x.uri ? x : { ...x, range: r(x.range) }));
  const fixes = f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map((e: TextEdit) => ({ range: r(e.range), newText: e.newText })) }));
  const message =
    lines !== 0 && LINE_MESSAGE_RULES.has(f.ruleId)
      ? { zh: shiftLineNumbers(f.message.zh, lines), en: shiftLineNumbers(f.message.en, lines) }
      : f.message;
  return { ...f, range: r(f.range), related, fixes, message };
}

export class IncrementalLinter {
  private cache = new Map<string, Cached>();
  private readonly lineMemo = new LineMemo();
  private generation = 0;
  private nextId = 0;
  private optionsKey = '';

  /**
   * @param maxEntries how many reports to remember (older ones are dropped).
   * @param maxAge drop reports not seen in the last `maxAge` checks (old versions of an edited report).
   */
  constructor(
    private readonly maxEntries = 5000,
    private readonly maxAge = Infinity,
  ) {}

  /**
   * Checks `text`. `optionsKey` identifies the options (settings): when it changes, nothing is reused. Without
   * `pairing`, `options.previousYear` must be part of the key, and `options.previousYearOf` disables reuse; with
   * it, each report's previous-year report comes from the pairing and is keyed per report.
   */
  lint(text: string, options: LintOptions = {}, optionsKey = JSON.stringify(options.rules ?? {}), pairing?: Pairing): IncrementalResult {
    if (optionsKey !== this.optionsKey || (options.previousYearOf && !pairing)) {
      this.cache.clear();
      this.optionsKey = optionsKey;
    }
    const gen = ++this.generation;
    // the lines and headings of the whole document, from those of the last text where it did not change
    const { lines, headings } = this.lineMemo.update(text);
    if (lines.some((l: Line) => l.text.length > 1500)) return this.whole(text, options, pairing);
    const index = new LineIndex(lines, text.length);
    const headingAt = (i: number) => headings.get(i);
    const segs = splitReports(lines, headingAt);
    const parsed = new Map<number, Report>();
    const reportAt = (j: number): Report => {
      let r = parsed.get(j);
      if (!r) {
        const [from, to] = segs[j];
        r = parseReportLines(text, lines, index, from, to, headingAt);
        parsed.set(j, r);
      }
      return r;
    };
    // the reports and what is remembered of them
    const keys: string[] = [];
    const hits: (Cached | undefined)[] = [];
    const segments: Segment[] = [];
    segs.forEach(([from, to], j) => {
      const start = lines[from].start;
      const end = to < lines.length ? lines[to].start : text.length;
      const key = `${to === lines.length ? 'L' : 'M'}${text.slice(start, end)}`;
      const hit = this.cache.get(key);
      keys.push(key);
      hits.push(hit);
      segments.push({ start, end, firstLine: from, summary: hit ? hit.summary : summarize(reportAt(j)), textId: hit ? hit.id : ++this.nextId });
    });
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    let reused = 0;
    let checked = 0;
    segs.forEach(([from], j) => {
      const { start } = segments[j];
      const pairKey = pairing ? pairing.keyOf(j, segments) : '';
      const hit = hits[j];
      if (hit && hit.pairKey === pairKey) {
        hit.used = gen;
        const d = start - hit.start;
        const dl = from - hit.line;
        for (const f of hit.findings) findings.push(shiftFinding(f, d, dl));
        failures.push(...hit.failures);
        reused++;
        return;
      }
      const res = lintReport(reportAt(j), optionsFor(options, pairing, j, segments, reportAt));
      findings.push(...res.findings);
      failures.push(...res.failures);
      checked++;
      const entry: Cached = { id: segments[j].textId, summary: segments[j].summary, start, line: from, pairKey, findings: res.findings, failures: res.failures, used: gen };
      if (hit) this.cache.set(keys[j], entry);
      else this.cache.set(detach(keys[j]), entry);
    });
    this.evict();
    findings.sort(compareFindings);
    let all: Report[] | undefined;
    return {
      findings,
      failures,
      reused,
      checked,
      segments,
      index,
      reportAt,
      reports: () => (all ??= segs.map((_, j) => reportAt(j))),
    };
  }

  /** Text whose line breaks may have been lost (parsed on virtual lines): checked as a whole, nothing reused. */
  private whole(text: string, options: LintOptions, pairing: Pairing | undefined): IncrementalResult {
    const reports = parseDocument(text);
    const reportAt = (j: number): Report => reports[j];
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    const segments: Segment[] = reports.map((r) => ({
      start: r.lines[r.firstLine]?.start ?? 0,
      end: r.lines[r.lastLine]?.end ?? text.length,
      firstLine: r.firstLine,
      summary: summarize(r),
      textId: 0,
    }));
    reports.forEach((r, j) => {
      const res = lintReport(r, optionsFor(options, pairing, j, segments, reportAt));
      findings.push(...res.findings);
      failures.push(...res.failures);
    });
    findings.sort(compareFindings);
    return { findings, failures, reused: 0, checked: reports.length, segments, index: reports[0].index, reportAt, reports: () => reports };
  }

  private evict(): void {
    if (this.maxAge !== Infinity) {
      for (const [k, e] of this.cache) if (this.generation - e.used >= this.maxAge) this.cache.delete(k);
    }
    if (this.cache.size <= this.maxEntries) return;
    // drop the entries not used in this round first, oldest first
    const entries = [...this.cache.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [k] of entries.slice(0, this.cache.size - this.maxEntries)) this.cache.delete(k);
  }
}
