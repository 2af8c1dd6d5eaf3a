/**
 * Checking one file: read → decode → lint (with the previous year's report when paired) → optionally fix and
 * write back. `checkFile` depends only on its arguments and the file system, and returns plain data, so the
 * worker pool (pool.ts, worker.ts) runs exactly the same function as the in-process loop.
 */

import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { specialType } from './special';
import * as path from 'node:path';
import {
  checkDocument,
  checkDocumentStreamed,
  countSeverities,
  documentGrids,
  parseDocument,
  reportKey,
  ruleMeta,
  type Finding,
  type GridReport,
  type LineIndex,
  type LintResult,
  type OtherReport,
  type Report,
  type ReportKey,
  type RuleFailure,
  type RuleSetting,
  type Severity,
  type Text2,
  withoutSuppressed,
} from '../core';
import { decodeBytes, encodeText, ENCODING_LABEL, roundTrips, type DecodedText, type TextEncoding } from './decode';
import { fixLoop, FixWriteError, writeAtomically, type AppliedFix } from './fix';
import { readOriginal } from '../readers/index';
import { originalKind, type OriginalKind, type ReaderNotice, type SourcePlace } from '../readers/types';
import { both } from './messages';
import { configFor, suppressionsFor, type ConfigChoice } from '../shared/project-config';

export interface CheckOptions {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly fix: boolean;
  /** Severities whose findings `--fix` may fix (all when absent; `--quiet` fixes errors only). */
  readonly fixSeverities?: readonly Severity[];
  /**
   * Other checked files that hold the previous year's report of a report in this file (cross-year rules).
   * Reports of this file itself are always candidates too (a file can hold several concatenated reports).
   */
  readonly pairWith?: readonly string[];
  /** Also return the grids of the tables (`--format html`). */
  readonly grids?: boolean;
  /** Which `.govreportrc.json` applies (default: the nearest above the file); `rules` win over its rules. */
  readonly config?: ConfigChoice;
  /** Keep the text read from each original in its result (`--print-text`). */
  readonly keepText?: boolean;
  /** Percent of repeated sentences from which `cross-year-repetition` and `cross-report-copy` report (default 50). */
  readonly repetitionThreshold?: number;
}

/** A 1-based range, columns in UTF-16 code units (+1), end exclusive — like ESLint. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CliRelated extends Span {
  readonly message: Text2;
  /** Path of the other file, when the related range is not in this file. */
  readonly file?: string;
}

/** Where a finding on an original lies in the original (page for PDF; table, row and column for Word/HTML). */
export interface OriginalPlace {
  readonly page?: number;
  readonly table?: number;
  readonly row?: number;
  /** Column of the original table the finding's cell came from. */
  readonly column?: number;
}

export interface CliMessage extends Span {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: Text2;
  /** A preferred (safe) fix exists, i.e. `--fix` would try it. */
  readonly fixable: boolean;
  readonly related: readonly CliRelated[];
  /** Findings on an original: where to look in it. */
  readonly where?: OriginalPlace;
}

export interface FileResult {
  /** Absolute path. */
  readonly filePath: string;
  readonly encoding: TextEncoding | 'binary';
  readonly messages: readonly CliMessage[];
  /** Fixes applied and written (`--fix`). */
  readonly fixed: readonly AppliedFix[];
  /** `--fix` found fixes but did not write them. */
  readonly fixNotWritten?: Text2;
  /** The file could not be read (no messages then). */
  readonly readError?: string;
  /** Rules that threw (their findings are missing). */
  readonly failures: readonly RuleFailure[];
  /** Paths of the files whose reports served as previous years for the cross-year rules. */
  readonly previousYears: readonly string[];
  /** The check itself failed (an exception, or the worker checking the file died); no messages then. */
  readonly internalError?: Text2;
  /** Tables 2–4 of every report of the file as grids (with `CheckOptions.grids`; after the fixes with `--fix`). */
  readonly grids?: readonly GridReport[];
  /** The file is a published original (PDF, Word, web page) read by the readers. */
  readonly original?: OriginalInfo;
  /** The text that was checked (`keepText`): the decoded file, or the text read from an original. */
  readonly text?: string;
}

export interface OriginalInfo {
  readonly kind: OriginalKind;
  /** The readers' notices about the whole file (shown once each). */
  readonly notices: readonly ReaderNotice[];
  /** Nothing could be read (the notices say why); the file was not checked. */
  readonly unread: boolean;
  /** `--fix` was asked and there were fixes: originals are never written. */
  readonly fixRefused?: boolean;
}


/** A file's result plus the pairing keys of its reports (as read before any fix). */
export interface KeyedResult {
  readonly result: FileResult;
  readonly keys: readonly ReportKey[];
}

export type Loaded =
  /** `bytes`: absent when the caller does not need them (`loadFile(file, false)`: only `--fix` compares them). */
  | { readonly kind: 'text'; readonly bytes?: Buffer; readonly decoded: DecodedText }
  | { readonly kind: 'binary'; readonly bytes: Buffer }
  | { readonly kind: 'error'; readonly error: string };

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) return String((e).code);
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reads a regular file. Opened without blocking (a FIFO put in place of the file after the inputs were expanded
 * must not hang the open) and checked with fstat on the open descriptor: anything but a regular file (FIFO,
 * device, socket) is refused rather than read forever.
 */
export function loadFile(file: string, keepBytes = true): Loaded {
  let bytes: Buffer;
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    let st: fs.Stats;
    try {
      st = fs.fstatSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (!st.isFile()) return { kind: 'error', error: `not a regular file (${specialType(st)})` };
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { kind: 'error', error: errorText(e) };
  }
  const decoded = decodeBytes(bytes);
  return decoded.kind === 'text' ? { kind: 'text', ...(keepBytes ? { bytes } : {}), decoded } : { kind: 'binary', bytes };
}

/**
 * Where the configuration files are, by folder, during one run over many files (`startRun` … `endRun`: a run of
 * `checkAll`, or a worker's life); outside a run nothing is remembered (a file may appear between two checks).
 */
let configLookups: Map<string, string | undefined> | undefined;

export function startRun(): void {
  configLookups = new Map();
}

export function endRun(): void {
  configLookups = undefined;
}

/** From this many characters on, a concatenation makes the heap grow in smaller steps (`boundHeapGrowth`). */
const LARGE_TEXT = 4 << 20;

/**
 * V8 lets the heap grow to up to four times what survived the last full collection before it collects again: on
 * a large concatenation, whose check allocates and drops a model per report, that garbage would be most of the
 * process's peak memory (750 MB on a 50 MB concatenation checked one report at a time), and so on a run over many
 * files. From the first such text or run on, the process (all its threads) grows the heap by 30 % at a time
 * instead — a few more collections, a peak near what is alive (330 MB on that concatenation).
 */
export function boundHeapGrowth(): void {
  if (heapBounded) return;
  heapBounded = true;
  v8.setFlagsFromString('--heap-growing-percent=30');
}
let heapBounded = false;

/** The reports of a file (for pairing); none for unreadable or binary files. Originals are read by the readers. */
export async function loadReports(file: string): Promise<Report[]> {
  if (originalKind(file)) {
    try {
      const read = await readOriginal(path.basename(file), fs.readFileSync(file));
      return read.text ? parseDocument(read.text) : [];
    } catch {
      return [];
    }
  }
  const l = loadFile(file);
  return l.kind === 'text' ? parseDocument(l.decoded.text) : [];
}

/** The previous-year candidates from the paired files, and their line indexes (for related locations). */
async function loadOthers(filePath: string, pairWith: readonly string[] | undefined): Promise<{ others: OtherReport[]; indexes: Map<string, LineIndex> }> {
  const others: OtherReport[] = [];
  const indexes = new Map<string, LineIndex>();
  for (const other of pairWith ?? []) {
    const abs = path.resolve(other);
    if (abs === filePath) continue;
    const reports = await loadReports(abs);
    for (const report of reports) others.push({ report, name: path.basename(abs), uri: abs });
    if (reports.length) indexes.set(abs, reports[0].index);
  }
  return { others, indexes };
}

/** Line indexes of the documents related locations may point into, by uri. */
type Indexes = ReadonlyMap<string, LineIndex>;

function spanIn(index: LineIndex, start: number, end: number): Span {
  const s = index.positionAt(start);
  const e = index.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toMessage(own: LineIndex, f: Finding, filePath: string, indexes: Indexes): CliMessage {
  const related: CliRelated[] = f.related.map((r) => {
    const elsewhere = r.uri !== undefined && r.uri !== filePath ? indexes.get(r.uri) : undefined;
    return { ...spanIn(elsewhere ?? own, r.range.start, r.range.end), message: r.message, file: elsewhere ? r.uri : undefined };
  });
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    ...spanIn(own, f.range.start, f.range.end),
    message: f.message,
    fixable: f.fixes.some((x) => x.preferred && x.edits.length > 0),
    related,
  };
}

function binaryResult(filePath: string, options: CheckOptions): FileResult {
  const setting = options.rules['encoding-suspect'];
  const messages: CliMessage[] =
    setting === 'off'
      ? []
      : [
          {
            ruleId: 'encoding-suspect',
            severity: setting ?? ruleMeta('encoding-suspect')?.severity ?? 'warning',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            message: both('binary'),
            fixable: false,
            related: [],
          },
        ];
  return { filePath, encoding: 'binary', messages, fixed: [], failures: [], previousYears: [] };
}

export async function checkFile(file: string, options: CheckOptions): Promise<FileResult> {
  return (await checkFileKeyed(file, options)).result;
}

/** `checkFile`, plus the pairing keys of the file's reports (from the parse the check does anyway). */
export async function checkFileKeyed(file: string, options: CheckOptions): Promise<KeyedResult> {
  const filePath = path.resolve(file);
  // the project configuration: its rule levels under the command line's, its suppressions for this file
  const config = configFor(filePath, options.config, configLookups);
  const effective: CheckOptions = config ? { ...options, rules: { ...config.config.rules, ...options.rules } } : options;
  const suppressions = suppressionsFor(config, filePath);
  if (originalKind(filePath)) return checkOriginal(filePath, effective, suppressions);
  // the bytes are kept only for `--fix` (it compares them before writing): a large file is not held twice
  const loaded = loadFile(filePath, options.fix);
  if (loaded.kind === 'error') {
    return { result: { filePath, encoding: 'utf8', messages: [], fixed: [], failures: [], previousYears: [], readError: loaded.error }, keys: [] };
  }
  if (loaded.kind === 'binary') return { result: binaryResult(filePath, effective), keys: [] };
  let keys: readonly ReportKey[] = [];
  const result = await checkText(filePath, loaded.bytes, loaded.decoded, effective, suppressions, (k) => (keys = k));
  return { result: options.keepText ? { ...result, text: loaded.decoded.text } : result, keys };
}

/** Where a message lies in the original: the source place of its line, and the table column of its cell. */
export function placeOf(m: Span, lines: readonly SourcePlace[], textLines: readonly string[]): OriginalPlace | undefined {
  const place = lines[m.line - 1];
  if (!place || (place.page === undefined && place.table === undefined)) return undefined;
  let column: number | undefined;
  if (place.cells) {
    const text = textLines[m.line - 1] ?? '';
    const start = Math.max(0, m.column - 1);
    // a blank cell's range is the tab before it
    const field = text.slice(0, start).split('\t').length - 1 + (text[start] === '\t' ? 1 : 0);
    column = place.cells[field];
  }
  return {
    ...(place.page !== undefined ? { page: place.page } : {}),
    ...(place.table !== undefined ? { table: place.table } : {}),
    ...(place.row !== undefined ? { row: place.row } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

/**
 * An original (PDF, Word, web page): read by the readers, the text checked like any report, every finding given
 * the place in the original it came from. Originals are never written: `--fix` only notes that it was refused.
 */
async function checkOriginal(
  filePath: string,
  options: CheckOptions,
  suppressions: readonly { readonly rule: string; readonly line?: number }[],
): Promise<KeyedResult> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (e) {
    return { result: { filePath, encoding: 'utf8', messages: [], fixed: [], failures: [], previousYears: [], readError: errorText(e) }, keys: [] };
  }
  const read = await readOriginal(path.basename(filePath), bytes);
  const base = { filePath, encoding: 'utf8' as const, fixed: [], ...(options.keepText ? { text: read.text } : {}) };
  if (read.text === '') {
    return { result: { ...base, messages: [], failures: [], previousYears: [], original: { kind: read.kind, notices: read.notices, unread: true } }, keys: [] };
  }
  const { others, indexes } = await loadOthers(filePath, options.pairWith);
  const result = checkFileText(read.text, filePath, options, others, suppressions, options.grids);
  const keys: readonly ReportKey[] = result.keys();
  const textLines = read.text.split('\n');
  const messages = result.findings.map((f) => {
    const m = toMessage(result.index, f, filePath, indexes);
    const where = placeOf(m, read.lines, textLines);
    return where ? { ...m, where } : m;
  });
  const fixRefused = options.fix && messages.some((m) => m.fixable);
  return {
    result: {
      ...base,
      messages,
      failures: result.failures,
      ...(options.grids && result.reports ? { grids: documentGrids(result.reports, result.findings) } : {}),
      previousYears: [...new Set(result.previousYears.map((p) => p.uri))].sort(),
      original: { kind: read.kind, notices: read.notices, unread: false, ...(fixRefused ? { fixRefused } : {}) },
    },
    keys,
  };
}

/** A check of a file's text as the CLI uses it: findings, and the reports' models only when they are needed. */
interface TextCheck {
  readonly findings: Finding[];
  readonly failures: readonly RuleFailure[];
  readonly previousYears: readonly { readonly uri: string }[];
  readonly index: LineIndex;
  /** The pairing keys of the reports, in document order. */
  keys(): readonly ReportKey[];
  /** The reports' models: only with `modelsNeeded` (grids, `--fix`). */
  readonly reports?: readonly Report[];
  /** The whole result of the core (with `modelsNeeded`), for the fix loop. */
  readonly lint?: LintResult;
}

/**
 * The one check of a file's text (the core's `checkDocument`, text file or original alike): the command line's
 * rule levels and repetition threshold, the paired files' reports, the other agencies' reports in the same file,
 * and the project configuration's suppressions for this file. Without `modelsNeeded` the core checks the reports
 * one after the other and keeps only their findings (`checkDocumentStreamed`: the same findings, in bounded
 * memory on large concatenations); with it (grids, `--fix`) it keeps every report's model.
 */
function checkFileText(
  text: string,
  filePath: string,
  options: CheckOptions,
  others: readonly OtherReport[],
  suppressions: readonly { readonly rule: string; readonly line?: number }[],
  modelsNeeded = false,
): TextCheck {
  const checkOptions = {
    rules: options.rules,
    uri: filePath,
    name: path.basename(filePath),
    others: () => others,
    sameYear: 'all' as const,
    repetitionThreshold: options.repetitionThreshold,
  };
  const suppressed = (findings: Finding[], index: LineIndex): Finding[] => (suppressions.length ? withoutSuppressed(findings, index, suppressions) : findings);
  if (!modelsNeeded) {
    // a large concatenation drops a model per report: let the heap grow in small steps (not for one large report,
    // whose model is all alive: more collections would find no garbage)
    const r = checkDocumentStreamed(text, checkOptions, {
      onCut: (reports) => {
        if (reports > 1 && text.length >= LARGE_TEXT) boundHeapGrowth();
      },
    });
    return { findings: suppressed(r.findings, r.index), failures: r.failures, previousYears: r.previousYears, index: r.index, keys: () => r.keys };
  }
  const r = checkDocument(text, checkOptions);
  const findings = suppressed(r.findings, r.report.index);
  return {
    findings,
    failures: r.failures,
    previousYears: r.previousYears,
    index: r.report.index,
    keys: () => r.reports.map(reportKey),
    reports: r.reports,
    lint: findings === r.findings ? r : { ...r, findings },
  };
}

/**
 * `checkFileKeyed` that never throws: an exception of the check becomes the file's `internalError` (reported
 * per file, like an unreadable file). In-process and in a worker alike.
 */
export async function checkFileSafely(file: string, options: CheckOptions): Promise<KeyedResult> {
  try {
    return await checkFileKeyed(file, options);
  } catch (e) {
    return { result: internalErrorResult(file, both('check.failed', { path: path.resolve(file), error: errorMessage(e) })), keys: [] };
  }
}

export function internalErrorResult(file: string, error: Text2): FileResult {
  return { filePath: path.resolve(file), encoding: 'utf8', messages: [], fixed: [], failures: [], previousYears: [], internalError: error };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function checkText(
  filePath: string,
  bytes: Buffer | undefined,
  decoded: DecodedText,
  options: CheckOptions,
  suppressions: readonly { readonly rule: string; readonly line?: number }[],
  parsed: (keys: readonly ReportKey[]) => void,
): Promise<FileResult> {
  const { others, indexes } = await loadOthers(filePath, options.pairWith);
  const used = new Set<string>();
  const modelsNeeded = options.fix || options.grids === true;
  const lintText = (text: string): TextCheck => {
    const result = checkFileText(text, filePath, options, others, suppressions, modelsNeeded);
    for (const p of result.previousYears) used.add(p.uri);
    return result;
  };

  const initial = lintText(decoded.text);
  parsed(initial.keys());
  const done = (result: Pick<TextCheck, 'findings' | 'failures' | 'index' | 'reports'>, fixed: readonly AppliedFix[], fixNotWritten?: Text2): FileResult => ({
    filePath,
    encoding: decoded.encoding,
    messages: result.findings.map((f) => toMessage(result.index, f, filePath, indexes)),
    fixed,
    fixNotWritten,
    failures: result.failures,
    previousYears: [...used].sort(),
    ...(options.grids && result.reports ? { grids: documentGrids(result.reports, result.findings) } : {}),
  });
  if (!options.fix) return done(initial, []);

  const severities = options.fixSeverities;
  const lintModel = (t: string): LintResult => {
    const r = t === decoded.text ? initial : lintText(t);
    if (!r.lint) throw new Error('checkFileText: the fix loop needs the models');
    return r.lint;
  };
  const outcome = fixLoop(decoded.text, lintModel, (f) => !severities || severities.includes(f.severity));
  const final = { findings: outcome.result.findings, failures: outcome.result.failures, index: outcome.result.report.index, reports: outcome.result.reports };
  if (outcome.applied.length === 0) return done(final, []);

  if (!decoded.lossless) return done(initial, [], reasonText(filePath, 'fix.reason.lossy', {}));
  const out = encodeText(outcome.text, decoded.encoding, decoded.bom);
  if (!roundTrips(out, outcome.text, decoded.encoding, decoded.bom)) {
    return done(initial, [], reasonText(filePath, 'fix.reason.unencodable', { encoding: ENCODING_LABEL[decoded.encoding] }));
  }
  try {
    if (!bytes) throw new Error('checkText: --fix needs the bytes read');
    writeAtomically(filePath, out, bytes);
  } catch (e) {
    const reason = e instanceof FixWriteError && e.reason === 'changed' ? 'fix.reason.changed' : 'fix.reason.io';
    return done(initial, [], reasonText(filePath, reason, { error: e instanceof Error ? e.message : String(e) }));
  }
  return done(final, outcome.applied);
}

function reasonText(
  file: string,
  key: 'fix.reason.unencodable' | 'fix.reason.changed' | 'fix.reason.io' | 'fix.reason.lossy',
  args: Record<string, string>,
): Text2 {
  const r = both(key, args);
  return { zh: both('fix.not-written', { path: file, reason: r.zh }).zh, en: both('fix.not-written', { path: file, reason: r.en }).en };
}

export interface Counts {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
}

export function countMessages(messages: readonly { readonly severity: Severity }[]): Counts {
  const c = countSeverities(messages);
  return { errorCount: c.errors, warningCount: c.warnings, infoCount: c.infos };
}
