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
}

export interface JsonFileResult {
  readonly filePath: string;
  readonly messages: JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  readonly encoding: TextEncoding | 'binary';
  readonly fixed?: { readonly ruleId: string; readonly line: number; readonly message: string }[];
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
    })),
    ...countMessages(r.messages),
    encoding: r.encoding,
    ...(fixMode ? { fixed: r.fixed.map((f) => ({ ruleId: f.ruleId, line: f.line, message: pick(f.title, lang) })) } : {}),
  }));
}

export function formatJson(results: readonly FileResult[], lang: Lang, fixMode: boolean): string {
  return JSON.stringify(toJson(results, lang, fixMode)) + '\n';
}
