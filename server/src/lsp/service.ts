/**
 * The report service: checks documents with the core's one check (`checkReports`, or the incremental linter with
 * `documentPairing` for large open documents), keeps what the views of the last check need, and answers in
 * protocol data (translate.ts). Pure computation plus the store of other documents for the cross-year rules
 * (candidates.ts); no connection, no file system. It runs in the analysis worker (so a huge document never blocks
 * the server's message loop) and, as a fallback, inline.
 */

import {
  checkReports,
  countSeverities,
  documentPairing,
  exportTables,
  parseDocument,
  previewData,
  reportSpan,
  RULES,
  summarize,
  withoutSuppressed,
  type ExportFormat,
  type Finding,
  type Lang,
  type LineIndex,
  type Report,
  type ReportSpan,
  type ReportSummary,
  type Rule,
  type RuleFailure,
} from '../core';
import { IncrementalLinter } from '../core/incremental';
import type { Analysis, AnalyzeInput, ViewRequest, ViewResult } from './analysis';
import { CandidateStore, nameOf } from './candidates';
import { SegmentViews, type SegmentedDocument } from './segment-views';
import { foldingView, hoverView, inlayView, symbolsView, toDiagnostics } from './translate';

export * from './analysis';

/**
 * Open documents from this many characters on are checked incrementally: a file of concatenated reports (a
 * single report is 5–15 K characters) re-checks only the reports an edit touched.
 */
export const INCREMENTAL_FROM = 32 * 1024;

export interface ServiceOptions {
  /** The rules to run (default: the core's registry). */
  readonly ruleSet?: readonly Rule[];
  /** Open documents whose last check is kept for views (and incremental linters), at most. */
  readonly maxStates?: number;
  readonly incrementalFrom?: number;
}

/** What one check of a document found, fresh or incremental. */
interface Checked {
  readonly index: LineIndex;
  readonly publish: boolean;
  /** The first report that is one. */
  readonly real?: ReportSummary;
  /** Sorted; empty when not published. */
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
  /** Where the first paired report's previous year is. */
  readonly previousYear?: { readonly uri: string; readonly name: string };
  reports(): readonly Report[];
  /** Reports among which the one holding `offset` is. */
  reportsAt(offset: number): readonly Report[];
  /** Where every report of the document is (no parsing). */
  spans(): readonly ReportSpan[];
  /** The incremental linter's reports (outline, folding and inlay hints report by report, segment-views.ts). */
  readonly segmented?: SegmentedDocument;
}

interface DocState {
  readonly version: number;
  readonly key: string;
  reports(): readonly Report[];
  /** Reports among which the one holding `offset` is (hovers need no other). */
  reportsAt(offset: number): readonly Report[];
  spans(): readonly ReportSpan[];
  readonly text: string;
  readonly findings: Finding[];
  readonly lang: Lang;
  readonly segmented?: SegmentedDocument;
  /** Views are offered only for documents whose diagnostics are published. */
  readonly publish: boolean;
}

export class ReportService {
  private readonly candidates = new CandidateStore();
  private readonly states = new Map<string, DocState>();
  /** One incremental linter per large open document. */
  private readonly linters = new Map<string, IncrementalLinter>();
  /** The outline, folding and inlay hints of each large open document's reports. */
  private readonly segmentViews = new Map<string, SegmentViews>();
  private readonly ruleSet: readonly Rule[];
  private readonly maxStates: number;
  private readonly incrementalFrom: number;

  constructor(options: ServiceOptions = {}) {
    this.ruleSet = options.ruleSet ?? RULES;
    this.maxStates = options.maxStates ?? 16;
    this.incrementalFrom = options.incrementalFrom ?? INCREMENTAL_FROM;
  }

  /** Files of the workspace that may hold reports (keyed by URI; `stamp` changes when the file does). */
  setCandidates(upserts: readonly { uri: string; name?: string; stamp: string; text: string }[], removes: readonly string[] = []): void {
    this.candidates.setFiles(upserts, removes);
  }

  forgetOpen(uri: string): void {
    this.candidates.forgetOpen(uri);
    this.states.delete(uri);
    this.linters.delete(uri);
    this.segmentViews.delete(uri);
  }

  analyze(input: AnalyzeInput): Analysis {
    const t0 = Date.now();
    const checked = !input.closed && input.text.length >= this.incrementalFrom ? this.checkIncremental(input) : this.checkFresh(input);
    const { index, publish, findings, failures, previousYear, real } = checked;

    const kept = withoutSuppressed(findings, index, input.suppressions);
    const lang = input.lang;
    const translated = toDiagnostics({
      uri: input.uri,
      version: input.version,
      text: input.text,
      lang,
      index,
      findings: kept,
      ...(input.ruleDocs ? { ruleDocs: input.ruleDocs } : {}),
      reportsAt: checked.reportsAt,
      indexOf: (uri) => this.candidates.indexOf(uri),
    });

    if (!input.closed) this.remember(input.uri, { version: input.version, key: input.key, reports: checked.reports, reportsAt: checked.reportsAt, spans: checked.spans, segmented: checked.segmented, text: input.text, findings: publish ? kept : [], lang, publish });
    return {
      uri: input.uri,
      version: input.version,
      key: input.key,
      publish,
      isReport: publish && !!real,
      format: real ? real.format : undefined,
      year: real?.year,
      agencyKey: real?.agencyKey,
      diagnostics: publish ? translated.diagnostics : [],
      fixes: publish ? translated.fixes : [],
      fixAll: publish ? translated.fixAll : { edits: [], covers: [] },
      counts: publish ? countSeverities(kept) : { errors: 0, warnings: 0, infos: 0 },
      failures,
      previousYear: previousYear ? { uri: previousYear.uri, name: previousYear.name } : undefined,
      ms: Date.now() - t0,
    };
  }

  private publishes(input: AnalyzeInput, isReportText: boolean): boolean {
    return input.languageId === 'govreport' || (input.detect === 'auto' && isReportText);
  }

  /** Parses and checks the whole text. */
  private checkFresh(input: AnalyzeInput): Checked {
    const reports = parseDocument(input.text);
    const publish = this.publishes(input, reports.some((r) => !r.notAReport));
    if (!input.closed) this.candidates.setOpen(input.uri, `v${input.version}`, input.text, reports);
    const result = publish
      ? checkReports(reports, {
          rules: input.rules,
          ruleSet: this.ruleSet,
          // other agencies' reports of the same year in the other files; a document's own reports are not compared
          // with each other, so that its diagnostics are those of the core's `lint`
          sameYear: 'others',
          repetitionThreshold: input.repetitionThreshold,
          uri: input.uri,
          name: nameOf(input.uri),
          others: () => this.candidates.reportsExcept(input.uri),
        })
      : undefined;
    const real = reports.find((r) => !r.notAReport);
    return {
      index: reports[0].index,
      publish,
      real: real ? summarize(real) : undefined,
      findings: result?.findings ?? [],
      failures: result?.failures ?? [],
      previousYear: result?.previousYears[0],
      reports: () => reports,
      reportsAt: () => reports,
      spans: () => reports.map(reportSpan),
    };
  }

  /**
   * Checks an open document with its incremental linter: reports whose text, settings and previous-year report
   * are unchanged keep their findings; the pairing is the one of `checkReports` (core/check.ts).
   */
  private checkIncremental(input: AnalyzeInput): Checked {
    const uri = input.uri;
    const linter = this.linters.get(uri) ?? new IncrementalLinter(5000, 64);
    this.linters.delete(uri);
    this.linters.set(uri, linter);
    while (this.linters.size > this.maxStates) {
      const oldest = this.linters.keys().next().value!;
      this.linters.delete(oldest);
      this.segmentViews.delete(oldest);
    }
    this.candidates.setOpen(uri, `v${input.version}`, input.text);

    const pairing = documentPairing(uri, nameOf(uri), () => this.candidates.reportsExcept(uri));
    const rules = Object.keys(input.rules)
      .sort()
      .map((k) => `${k}=${input.rules[k]}`)
      .join(',');
    const r = linter.lint(
      input.text,
      { rules: input.rules, ruleSet: this.ruleSet, repetitionThreshold: input.repetitionThreshold },
      `${this.ruleSet.length}|${input.repetitionThreshold ?? ''}|${rules}`,
      pairing,
    );
    const real = r.segments.find((x) => !x.summary.notAReport)?.summary;
    const publish = this.publishes(input, !!real);
    const segmentAt = (offset: number): number => {
      let j = 0;
      while (j + 1 < r.segments.length && r.segments[j + 1].start <= offset) j++;
      return j;
    };
    return {
      index: r.index,
      publish,
      real,
      findings: publish ? r.findings : [],
      failures: publish ? r.failures : [],
      previousYear: publish ? pairing.firstPrevious(r.segments) : undefined,
      reports: () => r.reports(),
      reportsAt: (offset) => [r.reportAt(segmentAt(offset))],
      spans: () =>
        r.segments.map((x) => ({
          start: x.start,
          end: x.end,
          firstLine: x.firstLine,
          lastLine: r.index.positionAt(Math.max(x.start, x.end - 1)).line,
          notAReport: x.summary.notAReport,
        })),
      segmented: { segments: r.segments, index: r.index, reportAt: (j) => r.reportAt(j) },
    };
  }

  private remember(uri: string, state: DocState): void {
    this.states.delete(uri);
    this.states.set(uri, state);
    while (this.states.size > this.maxStates) this.states.delete(this.states.keys().next().value!);
  }

  /**
   * A view of the last analysis of a document; `miss` when that analysis (version and key) is not held and no
   * input was given to redo it (the worker restarted, or the document fell out of the cache).
   */
  view(uri: string, version: number, key: string, req: ViewRequest, input?: AnalyzeInput): { miss: true } | { miss: false; result: ViewResult } {
    let st = this.states.get(uri);
    if ((!st || st.version !== version || st.key !== key) && input && input.uri === uri && input.version === version && input.key === key) {
      this.analyze(input);
      st = this.states.get(uri);
    }
    if (!st || st.version !== version || st.key !== key) return { miss: true };
    if (req.view === 'hover') return { miss: false, result: st.publish ? hoverView(st.reportsAt(req.offset), st.findings, req.offset, st.lang) : null };
    if (req.view === 'preview') {
      if (!st.publish) return { miss: false, result: previewData(uri, version, '', [], { lang: st.lang, isReport: false }) };
      // one report in full (the one at the line, as previewData picks it), the others listed from their spans
      const spans = st.spans();
      const reportsOnly = spans.filter((x) => !x.notAReport);
      const line = req.line ?? reportsOnly[0]?.firstLine ?? 0;
      let at = reportsOnly[0] ?? spans[0];
      for (const x of reportsOnly) if (x.firstLine <= line) at = x;
      const result = previewData(uri, version, st.text, at ? st.reportsAt(at.start) : [], { lang: st.lang, findings: st.findings, isReport: true, line, spans });
      return { miss: false, result };
    }
    if (!st.publish) return { miss: false, result: [] };
    // a large document's outline, folding and inlay hints, report by report: unchanged reports keep theirs
    if (st.segmented && (req.view === 'symbols' || req.view === 'folding' || req.view === 'inlay')) {
      let sv = this.segmentViews.get(uri);
      if (!sv) this.segmentViews.set(uri, (sv = new SegmentViews()));
      const result = req.view === 'symbols' ? sv.symbols(st.segmented, st.lang) : req.view === 'folding' ? sv.folding(st.segmented) : sv.inlay(st.segmented, st.findings, st.lang);
      return { miss: false, result };
    }
    // outline, folding and inlay hints take every report (parsed now if the check reused findings)
    const reports = st.reports();
    switch (req.view) {
      case 'symbols':
        return { miss: false, result: symbolsView(reports, st.lang) };
      case 'folding':
        return { miss: false, result: foldingView(reports) };
      case 'inlay':
        return { miss: false, result: inlayView(reports, st.findings, st.lang) };
    }
  }

  /** The tables of a text (parsed afresh; works for files that are not open). */
  exportText(text: string, format: ExportFormat): string {
    return exportTables(parseDocument(text), format);
  }
}
