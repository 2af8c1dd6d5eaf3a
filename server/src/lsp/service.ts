/**
 * The report service: core results translated to protocol data (diagnostics, quick-fix edits, symbols, folding
 * ranges, inlay hints, hovers). Pure computation over the core plus a store of other reports for the
 * cross-year rules; no connection, no file system. It runs in the analysis worker (so a huge document never
 * blocks the server's message loop) and, as a fallback, inline.
 */

import type {
  Diagnostic,
  DiagnosticRelatedInformation,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Range,
  TextEdit,
} from 'vscode-languageserver';
import {
  RULES,
  countSeverities,
  docsUrl,
  findPreviousYear,
  fixAllEdits,
  foldingRanges,
  hoverAt,
  inlayHints,
  lintReport,
  msg,
  outline,
  parseDocument,
  pick,
  tableSkeleton,
  exportTables,
  type ExportFormat,
  type Finding,
  type Lang,
  type OffsetRange,
  type OtherReport,
  type OutlineSymbol,
  type Report,
  type Rule,
  type RuleFailure,
  type RuleSetting,
  type Severity,
  type SeverityCounts,
  type TableKind,
} from '../core';
import { IncrementalLinter, summarize, type Pairing, type ReportSummary, type Segment } from '../core/incremental';
import type { LineIndex } from '../core/text';

export const SOURCE = 'govreport';

export interface AnalyzeInput {
  readonly uri: string;
  readonly version: number;
  /** Identifies the settings and workspace state the result depends on (cache key, result id). */
  readonly key: string;
  readonly text: string;
  readonly languageId: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly lang: Lang;
  readonly detect: 'auto' | 'off';
  /** Suppressions that apply to this file (already matched by file). */
  readonly suppressions: readonly { readonly rule: string; readonly line?: number }[];
  /** A file that is not open (workspace check): neither kept as the open text nor remembered for views. */
  readonly closed?: boolean;
}

export interface FixData {
  readonly title: string;
  readonly preferred: boolean;
  readonly edits: TextEdit[];
}

/** What a diagnostic carries in `data` for code actions. */
export interface DiagnosticData {
  /** Document version the diagnostic was computed for. */
  readonly v: number;
  /** Index into `Analysis.diagnostics` / `Analysis.fixes`. */
  readonly i: number;
  readonly rule: string;
}

export type Counts = SeverityCounts;

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly key: string;
  /** False when the document's diagnostics are not shown (plain text that is no report, detection off). */
  readonly publish: boolean;
  readonly isReport: boolean;
  readonly format?: 'F2021' | 'F2019';
  readonly year?: number;
  /** Agency key of the first report (cross-year pairing). */
  readonly agencyKey?: string;
  readonly diagnostics: Diagnostic[];
  /** Quick fixes per diagnostic (same index). */
  readonly fixes: FixData[][];
  /** The edits of "fix all" (preferred fixes that apply together) and the diagnostics they fix. */
  readonly fixAll: { readonly edits: TextEdit[]; readonly covers: number[] };
  readonly counts: Counts;
  readonly failures: RuleFailure[];
  readonly previousYear?: { readonly uri: string; readonly name: string };
  /** Milliseconds spent in parse + lint + translation. */
  readonly ms: number;
}

export type ViewRequest =
  | { readonly view: 'hover'; readonly offset: number }
  | { readonly view: 'symbols' }
  | { readonly view: 'folding' }
  | { readonly view: 'inlay' };

export type ViewResult = Hover | null | DocumentSymbol[] | FoldingRange[] | InlayHint[];

/** A rule that always throws: injected by tests to prove a failing rule cannot take the server down. */
export const THROWING_RULE: Rule = {
  meta: {
    id: 'test-throwing-rule',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    description: { zh: '测试用：总是抛出异常的规则', en: 'Test only: a rule that always throws' },
  },
  check() {
    throw new Error('injected failure (test hook)');
  },
};

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };
const SYMBOL_KIND: Record<OutlineSymbol['kind'], DocumentSymbol['kind']> = {
  report: 1, // File
  section: 3, // Namespace
  subsection: 2, // Module
  table: 23, // Struct
  row: 8, // Field
};
const TABLE_OF_SECTION: Record<number, TableKind | undefined> = { 2: 'T2', 3: 'T3', 4: 'T4' };
const TABLE_NO: Record<TableKind, string> = { T2: '2', T3: '3', T4: '4' };

/**
 * Open documents from this many characters on are checked incrementally: a file of concatenated reports (a
 * single report is 5–15 K characters) re-checks only the reports an edit touched.
 */
export const INCREMENTAL_FROM = 32 * 1024;

interface Candidate {
  readonly uri: string;
  readonly name: string;
  readonly stamp: string;
  readonly text: string;
  reports?: Report[];
}

/** Another file's report, with what names its text (pairing keys of incremental checks). */
interface OtherFileReport extends OtherReport {
  readonly stamp: string;
  /** Index of the report in its file. */
  readonly k: number;
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
}

interface DocState {
  readonly version: number;
  readonly key: string;
  reports(): readonly Report[];
  /** Reports among which the one holding `offset` is (hovers need no other). */
  reportsAt(offset: number): readonly Report[];
  readonly findings: Finding[];
  readonly lang: Lang;
  /** Views are offered only for documents whose diagnostics are published. */
  readonly publish: boolean;
}

function toRange(index: LineIndex, r: OffsetRange): Range {
  return index.rangeToPositions(r);
}

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  if (i > 0 && text[i - 1] === '\r') return '\r\n';
  if (i < 0 && text.includes('\r')) return '\r';
  return '\n';
}

function nameOf(uri: string): string {
  const last = uri.split(/[\\/]/).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export class ReportService {
  private readonly disk = new Map<string, Candidate>();
  private readonly open = new Map<string, Candidate>();
  private readonly states = new Map<string, DocState>();
  /** One incremental linter per large open document. */
  private readonly linters = new Map<string, IncrementalLinter>();
  private readonly ruleSet: readonly Rule[];

  constructor(options: { throwingRule?: boolean; maxStates?: number; incrementalFrom?: number } = {}) {
    this.ruleSet = options.throwingRule ? [...RULES, THROWING_RULE] : RULES;
    this.maxStates = options.maxStates ?? 16;
    this.incrementalFrom = options.incrementalFrom ?? INCREMENTAL_FROM;
  }

  private readonly maxStates: number;
  private readonly incrementalFrom: number;

  // ------------------------------------------------------------------ other reports (cross-year rules)

  /** Files of the workspace that may hold reports (keyed by URI; `stamp` changes when the file does). */
  setCandidates(upserts: readonly { uri: string; name?: string; stamp: string; text: string }[], removes: readonly string[] = []): void {
    for (const u of removes) this.disk.delete(u);
    for (const c of upserts) {
      const old = this.disk.get(c.uri);
      if (old && old.stamp === c.stamp) continue;
      this.disk.set(c.uri, { uri: c.uri, name: c.name ?? nameOf(c.uri), stamp: c.stamp, text: c.text });
    }
  }

  /** An open document's text replaces the file's saved text as a candidate until it is closed. */
  setOpen(uri: string, stamp: string, text: string, reports?: Report[]): void {
    const old = this.open.get(uri);
    if (old && old.stamp === stamp) return;
    this.open.set(uri, { uri, name: nameOf(uri), stamp, text, reports });
  }

  forgetOpen(uri: string): void {
    this.open.delete(uri);
    this.states.delete(uri);
    this.linters.delete(uri);
  }

  private otherReports(exceptUri: string): OtherFileReport[] {
    const out: OtherFileReport[] = [];
    const uris = new Set([...this.disk.keys(), ...this.open.keys()]);
    for (const uri of [...uris].sort()) {
      if (uri === exceptUri) continue;
      const c = this.open.get(uri) ?? this.disk.get(uri)!;
      if (!c.reports) c.reports = parseDocument(c.text);
      c.reports.forEach((report, k) => out.push({ report, name: c.name, uri: c.uri, stamp: c.stamp, k }));
    }
    return out;
  }

  private indexOf(uri: string): LineIndex | undefined {
    const c = this.open.get(uri) ?? this.disk.get(uri);
    if (c && !c.reports) c.reports = parseDocument(c.text);
    return c?.reports?.[0]?.index;
  }

  // ------------------------------------------------------------------ analysis

  analyze(input: AnalyzeInput): Analysis {
    const t0 = Date.now();
    const checked = !input.closed && input.text.length >= this.incrementalFrom ? this.checkIncremental(input) : this.checkFresh(input);
    const { index, publish, findings, failures, previousYear } = checked;

    const kept = findings.filter((f) => {
      if (!input.suppressions.length) return true;
      const line = index.positionAt(f.range.start).line + 1;
      return !input.suppressions.some((s) => (s.rule === f.ruleId || s.rule === '*') && (s.line === undefined || s.line === line));
    });

    const lang = input.lang;
    const counts = countSeverities(kept);
    const diagnostics: Diagnostic[] = [];
    const fixes: FixData[][] = [];
    const eol = eolOf(input.text);
    kept.forEach((f, i) => {
      const related: DiagnosticRelatedInformation[] = f.related.map((r) => {
        const other = r.uri && r.uri !== input.uri ? this.indexOf(r.uri) : undefined;
        return {
          location: { uri: r.uri ?? input.uri, range: toRange(other ?? index, r.range) },
          message: pick(r.message, lang),
        };
      });
      const data: DiagnosticData = { v: input.version, i, rule: f.ruleId };
      const d: Diagnostic = {
        range: toRange(index, f.range),
        severity: SEVERITY[f.severity],
        source: SOURCE,
        code: f.ruleId,
        codeDescription: { href: docsUrl(f.ruleId) },
        message: pick(f.message, lang),
        data,
      };
      if (related.length) d.relatedInformation = related;
      diagnostics.push(d);
      const fx: FixData[] = f.fixes.map((x) => ({
        title: pick(x.title, lang),
        preferred: x.preferred,
        edits: x.edits.map((e) => ({ range: toRange(index, e.range), newText: e.newText })),
      }));
      const insert = f.ruleId === 'table-missing' ? this.tableInsert(checked.reportsAt(f.range.start), f, eol, lang) : undefined;
      if (insert) fx.push(insert);
      fixes.push(fx);
    });

    const all = fixAllEdits(kept);
    const chosen = new Set(all.fixes); // a lookup per fix below, not a scan of the list
    const covers: number[] = [];
    kept.forEach((f, i) => {
      if (f.fixes.some((x) => x.preferred && chosen.has(x))) covers.push(i);
    });
    const fixAll = { edits: all.edits.map((e) => ({ range: toRange(index, e.range), newText: e.newText })), covers };

    const real = checked.real;
    if (!input.closed) this.remember(input.uri, { version: input.version, key: input.key, reports: checked.reports, reportsAt: checked.reportsAt, findings: publish ? kept : [], lang, publish });
    return {
      uri: input.uri,
      version: input.version,
      key: input.key,
      publish,
      isReport: publish && !!real,
      format: real ? real.format : undefined,
      year: real?.year,
      agencyKey: real?.agencyKey,
      diagnostics: publish ? diagnostics : [],
      fixes: publish ? fixes : [],
      fixAll: publish ? fixAll : { edits: [], covers: [] },
      counts: publish ? counts : { errors: 0, warnings: 0, infos: 0 },
      failures,
      previousYear: previousYear ? { uri: previousYear.uri, name: previousYear.name } : undefined,
      ms: Date.now() - t0,
    };
  }

  /** Parses and checks the whole text. */
  private checkFresh(input: AnalyzeInput): Checked {
    const reports = parseDocument(input.text);
    const isReportText = reports.some((r) => !r.notAReport);
    const publish = input.languageId === 'govreport' || (input.detect === 'auto' && isReportText);
    if (!input.closed) this.setOpen(input.uri, `v${input.version}`, input.text, reports);

    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    let previousYear: OtherReport | undefined;
    if (publish) {
      // pair each report with the same agency's previous year: another report of this document or another file
      const needsPairing = reports.some((r) => !r.notAReport && r.title?.year !== undefined && r.title.agency);
      const others = needsPairing ? this.otherReports(input.uri) : [];
      const own: OtherReport[] = reports.map((report) => ({ report, name: nameOf(input.uri), uri: input.uri }));
      for (const report of reports) {
        const prev = needsPairing ? findPreviousYear(report, [...own, ...others]) : undefined;
        if (prev && !previousYear) previousYear = prev;
        const res = lintReport(report, { rules: input.rules, previousYear: prev, ruleSet: this.ruleSet });
        findings.push(...res.findings);
        failures.push(...res.failures);
      }
      findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    }
    const real = reports.find((r) => !r.notAReport);
    return {
      index: reports[0].index,
      publish,
      real: real ? summarize(real) : undefined,
      findings,
      failures,
      previousYear,
      reports: () => reports,
      reportsAt: () => reports,
    };
  }

  /**
   * Checks an open document with its incremental linter: reports whose text, settings and previous-year report
   * are unchanged keep their findings. The pairing is the one of `checkFresh` (the first report of the same
   * agency and the year before, in this document, else in the other files by URI), decided on the reports'
   * summaries so that unchanged reports are not parsed.
   */
  private checkIncremental(input: AnalyzeInput): Checked {
    const uri = input.uri;
    const linter = this.linters.get(uri) ?? new IncrementalLinter(5000, 64);
    this.linters.delete(uri);
    this.linters.set(uri, linter);
    while (this.linters.size > this.maxStates) this.linters.delete(this.linters.keys().next().value!);
    this.setOpen(uri, `v${input.version}`, input.text);

    // the first report of each agency and year: in this document (per segments), in the other files (once)
    const identity = (x: ReportSummary, year: number): string => `${x.agencyKey}\u0000${year}`;
    const firstOf = <T>(items: readonly T[], summary: (t: T) => ReportSummary): Map<string, T> => {
      const m = new Map<string, T>();
      for (const t of items) {
        const x = summary(t);
        if (x.notAReport || x.encodingSuspect || x.agencyKey === undefined || x.year === undefined) continue;
        const k = identity(x, x.year);
        if (!m.has(k)) m.set(k, t);
      }
      return m;
    };
    let others: Map<string, OtherFileReport> | undefined;
    let own: { segments: readonly Segment[]; first: Map<string, number> } | undefined;
    type Partner = { readonly own: number } | { readonly other: OtherFileReport };
    const resolve = (i: number, segments: readonly Segment[]): Partner | undefined => {
      const s = segments[i].summary;
      if (s.notAReport || s.encodingSuspect || s.agencyKey === undefined || s.year === undefined) return undefined;
      if (own?.segments !== segments) {
        own = { segments, first: firstOf(segments.map((_, j) => j), (j) => segments[j].summary) };
      }
      const j = own.first.get(identity(s, s.year - 1));
      if (j !== undefined) return { own: j };
      others ??= firstOf(this.otherReports(uri), (c) => summarize(c.report));
      const other = others.get(identity(s, s.year - 1));
      return other ? { other } : undefined;
    };
    const pairing: Pairing = {
      keyOf: (i, segments) => {
        const p = resolve(i, segments);
        if (!p) return '';
        if ('own' in p) return `own|${segments[p.own].textId}|${segments[p.own].start}`;
        return `file|${p.other.uri}|${p.other.stamp}|${p.other.k}|${p.other.name}`;
      },
      previousYearOf: (i, segments, reportAt) => {
        const p = resolve(i, segments);
        if (!p) return undefined;
        return 'own' in p ? { report: reportAt(p.own), name: nameOf(uri), uri } : p.other;
      },
    };
    const rules = Object.keys(input.rules)
      .sort()
      .map((k) => `${k}=${input.rules[k]}`)
      .join(',');
    const r = linter.lint(input.text, { rules: input.rules, ruleSet: this.ruleSet }, `${this.ruleSet.length}|${rules}`, pairing);
    const real = r.segments.find((x) => !x.summary.notAReport)?.summary;
    const publish = input.languageId === 'govreport' || (input.detect === 'auto' && !!real);
    let previousYear: { uri: string; name: string } | undefined;
    if (publish) {
      for (let i = 0; i < r.segments.length && !previousYear; i++) {
        const p = resolve(i, r.segments);
        if (p) previousYear = 'own' in p ? { name: nameOf(uri), uri } : p.other;
      }
    }
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
      previousYear,
      reports: () => r.reports(),
      reportsAt: (offset) => [r.reportAt(segmentAt(offset))],
    };
  }

  /** "Insert an empty table" for a section that has none: the skeleton after the heading line. */
  private tableInsert(reports: readonly Report[], f: Finding, eol: string, lang: Lang): FixData | undefined {
    for (const report of reports) {
      const s = report.sections.find((x) => x.heading.range.start === f.range.start && x.heading.range.end === f.range.end);
      if (!s) continue;
      const kind = TABLE_OF_SECTION[s.no];
      if (!kind) return undefined;
      const next = s.heading.line + 1;
      const snippet = tableSkeleton(kind, report.format.effective, eol);
      let at: number;
      let newText = snippet;
      if (next < report.lines.length) at = report.lines[next].start;
      else {
        at = report.lines[s.heading.line].end;
        newText = eol + snippet.slice(eol.length);
      }
      const pos = report.index.positionAt(at);
      return {
        title: pick(msg('server.insert-table', { X: TABLE_NO[kind] }), lang),
        preferred: false,
        edits: [{ range: { start: pos, end: pos }, newText }],
      };
    }
    return undefined;
  }

  private remember(uri: string, state: DocState): void {
    this.states.delete(uri);
    this.states.set(uri, state);
    while (this.states.size > this.maxStates) this.states.delete(this.states.keys().next().value!);
  }

  // ------------------------------------------------------------------ views

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
    const publishable = st.publish;
    if (req.view === 'hover') {
      const at = st.reportsAt(req.offset);
      const h = publishable ? hoverAt(at, st.findings, req.offset, st.lang) : undefined;
      return { miss: false, result: h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(at[0].index, h.range) } : null };
    }
    // outline, folding and inlay hints take every report (parsed now if the check reused findings)
    const reports = st.reports();
    const index = reports[0].index;
    switch (req.view) {
      case 'symbols': {
        const conv = (s: OutlineSymbol): DocumentSymbol => ({
          name: s.name || '?',
          detail: s.detail,
          kind: SYMBOL_KIND[s.kind],
          range: toRange(index, s.range),
          selectionRange: toRange(index, s.selectionRange),
          children: s.children.map(conv),
        });
        return { miss: false, result: publishable ? outline(reports, st.lang).map(conv) : [] };
      }
      case 'folding':
        return {
          miss: false,
          result: publishable ? foldingRanges(reports).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: 'region' })) : [],
        };
      case 'inlay':
        return {
          miss: false,
          result: publishable
            ? inlayHints(reports, st.findings, st.lang).map((h) => ({
                position: index.positionAt(h.offset),
                label: h.label,
                tooltip: h.tooltip,
              }))
            : [],
        };
    }
  }

  /** The tables of a text (parsed afresh; works for files that are not open). */
  exportText(text: string, format: ExportFormat): string {
    return exportTables(parseDocument(text), format);
  }
}
