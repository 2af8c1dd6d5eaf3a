/**
 * ESLint-style JSON: one object per file, 1-based lines and columns (columns in UTF-16 code units), plus the
 * encoding the file was read in. `fixed` lists what `--fix` changed (only when `--fix` was given).
 */

import { pick, type Lang, type Severity } from '../core';
import { countMessages, type FileResult } from './check';
import type { TextEncoding } from './decode';

export interface JsonMessage {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  /** Findings on an original: the PDF page; the Word/HTML table, row and column. */
  readonly page?: number;
  readonly table?: number;
  readonly row?: number;
  readonly tableColumn?: number;
}

export interface JsonFileResult {
  readonly filePath: string;
  readonly messages: JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly encoding: TextEncoding | 'binary';
  readonly fixed?: { readonly ruleId: string; readonly line: number; readonly message: string }[];
  /** A published original (PDF, Word, web page): its kind and the readers' notices. */
  readonly original?: { readonly kind: string; readonly read: boolean; readonly notices: { readonly code: string; readonly message: string }[] };
}

export function toJson(results: readonly FileResult[], lang: Lang, fixMode: boolean): JsonFileResult[] {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      message: pick(m.message, lang),
      ...(m.where?.page !== undefined ? { page: m.where.page } : {}),
      ...(m.where?.table !== undefined ? { table: m.where.table } : {}),
      ...(m.where?.row !== undefined ? { row: m.where.row } : {}),
      ...(m.where?.column !== undefined ? { tableColumn: m.where.column } : {}),
    })),
    ...countMessages(r.messages),
    encoding: r.encoding,
    ...(r.original
      ? { original: { kind: r.original.kind, read: !r.original.unread, notices: r.original.notices.map((n) => ({ code: n.code, message: lang === 'en' ? n.en : n.zh })) } }
      : {}),
    ...(fixMode ? { fixed: r.fixed.map((f) => ({ ruleId: f.ruleId, line: f.line, message: pick(f.title, lang) })) } : {}),
  }));
}

export function formatJson(results: readonly FileResult[], lang: Lang, fixMode: boolean): string {
  return JSON.stringify(toJson(results, lang, fixMode)) + '\n';
}
