/**
 * `checkDocument` in bounded memory, for large concatenations (the command line): the same findings, failures and
 * pairing, but the reports are parsed one at a time and each model is let go once its rules have run, so memory
 * holds the text, a few numbers per line and the findings — not every report's model, nor an object per line.
 *
 * How: the document's lines are known by their offsets only (`starts`, `ends`). The parser gets the one `lines`
 * array it always gets (indexed by document line), but only the lines of the reports whose models are alive hold
 * their `Line` objects; the others hold a placeholder, which no parse reads (a report is parsed from its own lines,
 * [from, to)). The reports are cut as `parseDocument` cuts them (`splitReports` over every line, served on demand)
 * and each is parsed with `parseReportLines`, as `parseDocument` parses it. Texts that may be glued (a line longer
 * than `GLUED_LINE_LENGTH`) and texts below `WINDOW_FROM` characters are cut by `splitDocument` as a whole.
 *
 * Pairing needs every report's key before the first report is checked (a report's previous year may come later in
 * the text), so each report is parsed once for its key and once more to be checked (the models of the first reports, up to
 * `KEEP_CHARS` characters, are kept from the first parse: a document of moderate size is parsed once). Kept to the end are the models of the reports
 * other reports may be compared with (`cross-report-copy`: at most `MAX_SAME_YEAR + 1` per year); a previous year
 * of the same document is parsed again when needed (the last few models are remembered, as pairs are often
 * adjacent). A document of one report is parsed once.
 */

import type { Heading, Report } from './model';
import { compareFindings, type Finding, type OtherReport } from './rule';
import type { RuleFailure } from './engine';
import { CheckPairing, checkPaired, type CheckOptions, type Partner } from './check';
import { reportKey, type ReportKey } from './pairing';
import { GLUED_LINE_LENGTH, parseReportLines, splitDocument, splitReports } from './parser';
import { parseHeading } from './structure';
import { LineIndex, splitLines, type Line } from './text';

/** What `checkDocumentStreamed` keeps of a check: the findings, not the reports' models. */
export interface StreamedCheckResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
  /** The documents whose reports served as previous years (each once, in the order first used). */
  readonly previousYears: readonly { readonly name: string; readonly uri: string }[];
  /** Line index of the document (offsets ↔ positions). */
  readonly index: LineIndex;
  /** The pairing key of each report of the document, in document order. */
  readonly keys: readonly ReportKey[];
}

/** Models of the first reports kept from the parse for the keys to the check, up to this many characters of text. */
const KEEP_CHARS = 1 << 18;
/** Models remembered besides the kept ones: the last few parsed (adjacent previous years). */
const RECENT_MODELS = 3;
/** Below this many characters a text's lines are all held as `Line` objects (a few MB at most). */
const WINDOW_FROM = 1 << 20;
/** The text is cut into lines this many characters at a time (never a whole document's `Line` objects at once). */
const CHUNK_CHARS = 1 << 16;

/** Stands in the `lines` array for a line whose report has no model alive. */
const ABSENT: Line = Object.freeze({ index: -1, start: 0, end: 0, text: '' });

interface Cut {
  readonly index: LineIndex;
  readonly count: number;
  parse(j: number): Report;
  /** The model of report j is gone: its lines may be let go. */
  release(j: number): void;
}

/**
 * `splitDocument` with lines held only while a model of their report is alive (see the top of this file);
 * undefined for texts that may be glued.
 */
function cutLazily(text: string): Cut | undefined {
  const startList: number[] = [];
  const endList: number[] = [];
  const headings = new Map<number, Heading>();
  // the lines, a chunk at a time, as splitLines cuts the whole text: a chunk ends after a line feed
  for (let a = 0; a < text.length || startList.length === 0; ) {
    let b = a + CHUNK_CHARS >= text.length ? text.length : text.indexOf('\n', a + CHUNK_CHARS);
    b = b < 0 ? text.length : b === text.length ? b : b + 1;
    const chunk = splitLines(a === 0 && b === text.length ? text : text.slice(a, b));
    // a chunk that ends with a line break ends with an empty line that is the next chunk's first
    const n = b < text.length ? chunk.length - 1 : chunk.length;
    for (let k = 0; k < n; k++) {
      const l = chunk[k];
      if (l.end - l.start > GLUED_LINE_LENGTH) return undefined;
      const i = startList.length;
      startList.push(l.start + a);
      endList.push(l.end + a);
      const h = parseHeading(a === 0 ? { ...l, index: i } : { index: i, start: l.start + a, end: l.end + a, text: l.text });
      if (h) headings.set(i, h);
    }
    a = b;
    if (b === text.length) break;
  }
  const starts = Int32Array.from(startList);
  const ends = Int32Array.from(endList);
  startList.length = endList.length = 0;
  const make = (i: number): Line => ({ index: i, start: starts[i], end: ends[i], text: text.slice(starts[i], ends[i]) });
  const lines: Line[] = new Array<Line>(starts.length).fill(ABSENT);
  // every line on demand (a new object each time), for what reads lines outside a parse: the cut, the index
  const onDemand = new Proxy(lines, {
    get: (target, p, receiver): unknown =>
      typeof p === 'string' && p.length > 0 && p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57 ? make(Number(p)) : (Reflect.get(target, p, receiver) as unknown),
  });
  const headingAt = (i: number) => headings.get(i);
  const ranges = splitReports(onDemand, headingAt);
  const index = new LineIndex(onDemand, text.length);
  return {
    index,
    count: ranges.length,
    parse: (j) => {
      const [from, to] = ranges[j];
      for (let i = from; i < to; i++) if (lines[i] === ABSENT) lines[i] = make(i);
      return parseReportLines(text, lines, index, from, to, headingAt);
    },
    release: (j) => {
      const [from, to] = ranges[j];
      lines.fill(ABSENT, from, to);
    },
  };
}

/** The sizes that decide what a streamed check keeps (tests make them small, to exercise every path on small texts). */
export interface StreamTuning {
  /** How much of the first reports' text may keep its models from the parse for the keys to the check. */
  readonly keepChars?: number;
  /** From how many characters on the lines are held as offsets only. */
  readonly windowFrom?: number;
  /** Called once the text is cut, before any report is parsed, with the number of reports. */
  readonly onCut?: (reports: number) => void;
}

/** `checkDocument`'s findings, failures and pairing, in bounded memory (see the top of this file). */
export function checkDocumentStreamed(text: string, options: CheckOptions = {}, tuning: StreamTuning = {}): StreamedCheckResult {
  const keepChars = tuning.keepChars ?? KEEP_CHARS;
  const whole = (): Cut => ({ ...splitDocument(text), release: () => undefined });
  const doc: Cut = text.length >= (tuning.windowFrom ?? WINDOW_FROM) ? (cutLazily(text) ?? whole()) : whole();
  tuning.onCut?.(doc.count);
  const uri = options.uri ?? '';
  const name = options.name ?? uri;
  const pairing = new CheckPairing(options);
  // the models alive: kept (same-year candidates, the first reports), remembered (the last parsed)
  const kept = new Map<number, Report>();
  const recent = new Map<number, Report>();
  const letGo = (j: number): void => {
    if (!kept.has(j) && !recent.has(j)) doc.release(j);
  };
  const remember = (j: number, report: Report): void => {
    recent.delete(j);
    recent.set(j, report);
    if (recent.size > RECENT_MODELS) {
      const oldest = recent.keys().next().value as number;
      recent.delete(oldest);
      letGo(oldest);
    }
  };
  // the report being checked and its previous year are the two newest remembered models: neither is let go while
  // in use (same-year candidates are kept, they do not pass through `recent`)
  const modelAt = (j: number): Report => {
    const k = kept.get(j);
    if (k) return k;
    const report = recent.get(j) ?? doc.parse(j);
    remember(j, report);
    return report;
  };
  const keys: ReportKey[] = [];
  const firstModels = new Set<number>();
  let keptChars = 0;
  for (let j = 0; j < doc.count; j++) {
    const report = doc.parse(j);
    const k = reportKey(report);
    keys.push(k);
    const chars = report.lines[report.lastLine].end - report.lines[report.firstLine].start;
    if (pairing.addOwn(k)) kept.set(j, report);
    else if (keptChars + chars <= keepChars) {
      keptChars += chars;
      firstModels.add(j);
      kept.set(j, report);
    }
    remember(j, report);
  }
  const resolve = (p: Partner): OtherReport => ('own' in p ? { report: modelAt(p.own), name, uri } : p.other);
  const previousYears: { readonly name: string; readonly uri: string }[] = [];
  const usedOwn = new Set<number>();
  const usedOther = new Set<OtherReport>();
  const used = (p: Partner | { readonly given: OtherReport }, o: OtherReport): void => {
    const fresh = 'own' in p ? !usedOwn.has(p.own) : !usedOther.has(o);
    if ('own' in p) usedOwn.add(p.own);
    else usedOther.add(o);
    if (fresh) previousYears.push({ name: o.name, uri: o.uri });
  };
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (let j = 0; j < doc.count; j++) {
    const { result, previousYear, partner } = checkPaired(modelAt(j), j, pairing, resolve, options);
    if (previousYear) used(partner ?? { given: previousYear }, previousYear);
    findings.push(...result.findings);
    failures.push(...result.failures);
    // models kept only to spare a second parse are let go once checked
    if (firstModels.delete(j)) {
      kept.delete(j);
      letGo(j);
    }
  }
  if (doc.count > 1) findings.sort(compareFindings);
  return { findings, failures, previousYears, index: doc.index, keys };
}
