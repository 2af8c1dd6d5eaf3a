/**
 * Checking one file: read → decode → lint (with the previous year's report when paired) → optionally fix and
 * write back. `checkFile` depends only on its arguments and the file system, and returns plain data, so the
 * worker pool (pool.ts, worker.ts) runs exactly the same function as the in-process loop.
 */

import * as fs from 'node:fs';
import { specialType } from './special';
import * as path from 'node:path';
import {
  countSeverities,
  findPreviousYear,
  lintReport,
  parseDocument,
  ruleMeta,
  type Finding,
  type LineIndex,
  type LintResult,
  type OtherReport,
  type Report,
  type RuleFailure,
  type RuleSetting,
  type Severity,
  type Text2,
} from '../core';
import { decodeBytes, encodeText, ENCODING_LABEL, roundTrips, type DecodedText, type TextEncoding } from './decode';
import { fixLoop, FixWriteError, writeAtomically, type AppliedFix } from './fix';
import { both } from './messages';
import { reportKey, type ReportKey } from './pairing';

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

export interface CliMessage extends Span {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: Text2;
  /** A preferred (safe) fix exists, i.e. `--fix` would try it. */
  readonly fixable: boolean;
  readonly related: readonly CliRelated[];
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
}

/** A file's result plus the pairing keys of its reports (as read before any fix). */
export interface KeyedResult {
  readonly result: FileResult;
  readonly keys: readonly ReportKey[];
}

export type Loaded =
  | { readonly kind: 'text'; readonly bytes: Buffer; readonly decoded: DecodedText }
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
export function loadFile(file: string): Loaded {
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
  return decoded.kind === 'text' ? { kind: 'text', bytes, decoded } : { kind: 'binary', bytes };
}

/** The reports of a file (for pairing); none for unreadable or binary files. */
export function loadReports(file: string): Report[] {
  const l = loadFile(file);
  return l.kind === 'text' ? parseDocument(l.decoded.text) : [];
}

/** Line indexes of the documents related locations may point into, by uri. */
type Indexes = ReadonlyMap<string, LineIndex>;

function spanIn(index: LineIndex, start: number, end: number): Span {
  const s = index.positionAt(start);
  const e = index.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toMessage(result: LintResult, f: Finding, filePath: string, indexes: Indexes): CliMessage {
  const own = result.report.index;
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

function byPosition(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId);
}

/**
 * Lints a document report by report, each with its own previous year: first among the document's other reports,
 * then among the reports of `others` (in the given order). Records the uris of the previous years used.
 */
function lintDocument(
  text: string,
  filePath: string,
  rules: CheckOptions['rules'],
  others: readonly OtherReport[],
  used: Set<string>,
  parsed?: (reports: readonly Report[]) => void,
): LintResult {
  const reports = parseDocument(text);
  parsed?.(reports);
  const name = path.basename(filePath);
  const candidates: OtherReport[] = [...reports.map((report) => ({ report, name, uri: filePath })), ...others];
  const results = reports.map((report) => {
    const previousYear = findPreviousYear(report, candidates);
    if (previousYear) used.add(previousYear.uri);
    return lintReport(report, { rules, previousYear });
  });
  if (results.length === 1) return results[0];
  return {
    report: reports[0],
    reports,
    findings: results.flatMap((r) => r.findings).sort(byPosition),
    failures: results.flatMap((r) => r.failures),
  };
}

export function checkFile(file: string, options: CheckOptions): FileResult {
  return checkFileKeyed(file, options).result;
}

/** `checkFile`, plus the pairing keys of the file's reports (from the parse the check does anyway). */
export function checkFileKeyed(file: string, options: CheckOptions): KeyedResult {
  const filePath = path.resolve(file);
  const loaded = loadFile(filePath);
  if (loaded.kind === 'error') {
    return { result: { filePath, encoding: 'utf8', messages: [], fixed: [], failures: [], previousYears: [], readError: loaded.error }, keys: [] };
  }
  if (loaded.kind === 'binary') return { result: binaryResult(filePath, options), keys: [] };
  let keys: readonly ReportKey[] = [];
  const result = checkText(filePath, loaded.bytes, loaded.decoded, options, (reports) => (keys = reports.map(reportKey)));
  return { result, keys };
}

/**
 * `checkFileKeyed` that never throws: an exception of the check becomes the file's `internalError` (reported
 * per file, like an unreadable file). In-process and in a worker alike.
 */
export function checkFileSafely(file: string, options: CheckOptions): KeyedResult {
  try {
    return checkFileKeyed(file, options);
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

function checkText(filePath: string, bytes: Buffer, decoded: DecodedText, options: CheckOptions, parsed: (reports: readonly Report[]) => void): FileResult {
  const others: OtherReport[] = [];
  const indexes = new Map<string, LineIndex>();
  for (const other of options.pairWith ?? []) {
    const abs = path.resolve(other);
    if (abs === filePath) continue;
    const reports = loadReports(abs);
    for (const report of reports) others.push({ report, name: path.basename(abs), uri: abs });
    if (reports.length) indexes.set(abs, reports[0].index);
  }
  const used = new Set<string>();
  const lintText = (text: string): LintResult => lintDocument(text, filePath, options.rules, others, used);

  const initial = lintDocument(decoded.text, filePath, options.rules, others, used, parsed);
  const done = (result: LintResult, fixed: readonly AppliedFix[], fixNotWritten?: Text2): FileResult => ({
    filePath,
    encoding: decoded.encoding,
    messages: result.findings.map((f) => toMessage(result, f, filePath, indexes)),
    fixed,
    fixNotWritten,
    failures: result.failures,
    previousYears: [...used].sort(),
  });
  if (!options.fix) return done(initial, []);

  const severities = options.fixSeverities;
  const outcome = fixLoop(decoded.text, (t) => (t === decoded.text ? initial : lintText(t)), (f) => !severities || severities.includes(f.severity));
  if (outcome.applied.length === 0) return done(outcome.result, []);

  if (!decoded.lossless) return done(initial, [], reasonText(filePath, 'fix.reason.lossy', {}));
  const out = encodeText(outcome.text, decoded.encoding, decoded.bom);
  if (!roundTrips(out, outcome.text, decoded.encoding, decoded.bom)) {
    return done(initial, [], reasonText(filePath, 'fix.reason.unencodable', { encoding: ENCODING_LABEL[decoded.encoding] }));
  }
  try {
    writeAtomically(filePath, out, bytes);
  } catch (e) {
    const reason = e instanceof FixWriteError && e.reason === 'changed' ? 'fix.reason.changed' : 'fix.reason.io';
    return done(initial, [], reasonText(filePath, reason, { error: e instanceof Error ? e.message : String(e) }));
  }
  return done(outcome.result, outcome.applied);
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
