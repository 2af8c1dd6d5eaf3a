/**
 * Incremental checking for large documents. A document is checked report by report (files can hold many
 * concatenated reports); when the text of a report did not change since the last check, its findings are
 * reused, shifted to the report's new position. Typing in one report of a 10 MB concatenation re-checks
 * that report only. The result always equals a fresh check of the whole text (tested with random edits).
 */

import type { Heading, Report } from './model';
import type { Finding, Related, TextEdit } from './rule';
import { lint, lintReport, type LintOptions, type RuleFailure } from './engine';
import { parseReportLines, splitReports } from './parser';
import { parseHeading } from './structure';
import { LineIndex, splitLines, type Line } from './text';

interface Cached {
  /** Offset and first line of the report when it was checked. */
  start: number;
  line: number;
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
  /** The reports of the document (parsed anew on first use when findings were reused). */
  reports(): readonly Report[];
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
  private generation = 0;
  private optionsKey = '';

  /** @param maxEntries how many reports to remember (older ones are dropped). */
  constructor(private readonly maxEntries = 5000) {}

  /**
   * Checks `text`. `optionsKey` identifies the options (settings, previous-year report version): when it
   * changes, nothing is reused.
   */
  lint(text: string, options: LintOptions = {}, optionsKey = JSON.stringify(options.rules ?? {})): IncrementalResult {
    if (optionsKey !== this.optionsKey || options.previousYearOf) {
      this.cache.clear();
      this.optionsKey = optionsKey;
    }
    const gen = ++this.generation;
    const lines = splitLines(text);
    if (lines.some((l: Line) => l.text.length > 1500)) {
      // possibly text whose line breaks were lost (parsed on virtual lines): check it as a whole
      const r = lint(text, options);
      return { findings: r.findings, failures: r.failures, reused: 0, checked: r.reports.length, reports: () => r.reports };
    }
    const index = new LineIndex(lines, text.length);
    const headings = new Map<number, Heading>();
    for (let i = 0; i < lines.length; i++) {
      const h = parseHeading(lines[i]);
      if (h) headings.set(i, h);
    }
    const headingAt = (i: number) => headings.get(i);
    const segs = splitReports(lines, headingAt);
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    let reused = 0;
    let checked = 0;
    const parsed: Report[] = [];
    for (const [from, to] of segs) {
      const start = lines[from].start;
      const end = to < lines.length ? lines[to].start : text.length;
      const key = `${to === lines.length ? 'L' : 'M'}${text.slice(start, end)}`;
      const hit = this.cache.get(key);
      if (hit) {
        hit.used = gen;
        const d = start - hit.start;
        const dl = from - hit.line;
        for (const f of hit.findings) findings.push(shiftFinding(f, d, dl));
        failures.push(...hit.failures);
        reused++;
        continue;
      }
      const report = parseReportLines(text, lines, index, from, to, headingAt);
      parsed.push(report);
      const res = lintReport(report, options);
      findings.push(...res.findings);
      failures.push(...res.failures);
      checked++;
      this.cache.set(key, { start, line: from, findings: res.findings, failures: res.failures, used: gen });
    }
    this.evict();
    findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
    let all: Report[] | undefined = reused === 0 ? parsed : undefined;
    return {
      findings,
      failures,
      reused,
      checked,
      reports: () => (all ??= segs.map(([from, to]) => parseReportLines(text, lines, index, from, to, headingAt))),
    };
  }

  private evict(): void {
    if (this.cache.size <= this.maxEntries) return;
    // drop the entries not used in this round first, oldest first
    const entries = [...this.cache.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [k] of entries.slice(0, this.cache.size - this.maxEntries)) this.cache.delete(k);
  }
}
