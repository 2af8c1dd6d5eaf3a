/**
 * Checking one file: read → decode → lint (with the previous year's report when paired) → optionally fix and
 * write back. `checkFile` depends only on its arguments and the file system, and returns plain data, so a
 * worker pool can run it later without changes.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  lint,
  parseReport,
  ruleMeta,
  type Finding,
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

export interface CheckOptions {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly fix: boolean;
  /** Severities whose findings `--fix` may fix (all when absent; `--quiet` fixes errors only). */
  readonly fixSeverities?: readonly Severity[];
  /** Path of the same agency's report for the previous year (cross-year rules). */
  readonly previousYear?: string;
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
  /** Path of the previous year's report used by the cross-year rules. */
  readonly previousYear?: string;
}

export type Loaded =
  | { readonly kind: 'text'; readonly bytes: Buffer; readonly decoded: DecodedText }
  | { readonly kind: 'binary'; readonly bytes: Buffer }
  | { readonly kind: 'error'; readonly error: string };

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) return String((e as { code: unknown }).code);
  return e instanceof Error ? e.message : String(e);
}

export function loadFile(file: string): Loaded {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { kind: 'error', error: errorText(e) };
  }
  const decoded = decodeBytes(bytes);
  return decoded.kind === 'text' ? { kind: 'text', bytes, decoded } : { kind: 'binary', bytes };
}

/** Parses a file as a report (for pairing); undefined for unreadable or binary files. */
export function loadReport(file: string): Report | undefined {
  const l = loadFile(file);
  return l.kind === 'text' ? parseReport(l.decoded.text) : undefined;
}

function spanOf(report: Report, start: number, end: number): Span {
  const s = report.index.positionAt(start);
  const e = report.index.positionAt(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function toMessage(result: LintResult, f: Finding, previous?: OtherReport): CliMessage {
  const related: CliRelated[] = f.related.map((r) => {
    const other = r.uri !== undefined && previous && r.uri === previous.uri ? previous.report : undefined;
    return { ...spanOf(other ?? result.report, r.range.start, r.range.end), message: r.message, file: other ? previous!.uri : r.uri };
  });
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    ...spanOf(result.report, f.range.start, f.range.end),
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
  return { filePath, encoding: 'binary', messages, fixed: [], failures: [] };
}

function previousReport(file: string | undefined): OtherReport | undefined {
  if (!file) return undefined;
  const report = loadReport(file);
  return report ? { report, name: path.basename(file), uri: file } : undefined;
}

export function checkFile(file: string, options: CheckOptions): FileResult {
  const filePath = path.resolve(file);
  const loaded = loadFile(filePath);
  if (loaded.kind === 'error') return { filePath, encoding: 'utf8', messages: [], fixed: [], failures: [], readError: loaded.error };
  if (loaded.kind === 'binary') return binaryResult(filePath, options);

  const { decoded, bytes } = loaded;
  const previous = previousReport(options.previousYear);
  const lintText = (text: string): LintResult => lint(text, { rules: options.rules, previousYear: previous });
  const base = { filePath, encoding: decoded.encoding, previousYear: previous?.uri };

  const initial = lintText(decoded.text);
  const done = (result: LintResult, fixed: readonly AppliedFix[], fixNotWritten?: Text2): FileResult => ({
    ...base,
    messages: result.findings.map((f) => toMessage(result, f, previous)),
    fixed,
    fixNotWritten,
    failures: result.failures,
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
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const m of messages) {
    if (m.severity === 'error') errorCount++;
    else if (m.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { errorCount, warningCount, infoCount };
}
