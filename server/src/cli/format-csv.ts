/**
 * CSV output: a header row, then one row per finding (file, line, column, severity, rule, message, page).
 * RFC 4180: fields with a comma, a quote, a line break or leading/trailing spaces are quoted, quotes doubled,
 * records end with CRLF. UTF-8 with a byte-order mark, without which Excel and WPS read the file as the local
 * code page and the Chinese turns to mojibake. The header and the severities are in the chosen language.
 */

import { pick, type Lang } from '../core';
import type { CliMessage, FileResult } from './check';
import { displayPath } from './format-stylish';
import { t } from './messages';

/** A finding on a published original (PDF) also says on which page it is (`where.page`). */
export type PagedMessage = CliMessage;

export const CSV_COLUMNS: Record<Lang, readonly string[]> = {
  zh: ['文件', '行', '列', '级别', '规则', '说明', '页码'],
  en: ['file', 'line', 'column', 'severity', 'rule', 'message', 'page'],
};

export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  readonly lang: Lang;
  readonly cwd: string;
}

export function formatCsv(results: readonly FileResult[], o: CsvOptions): string {
  const rows: string[] = [CSV_COLUMNS[o.lang].map(csvField).join(',')];
  for (const r of results) {
    const file = displayPath(r.filePath, o.cwd);
    for (const m of r.messages) {
      rows.push([file, m.line, m.column, t(o.lang, `severity.${m.severity}`), m.ruleId, pick(m.message, o.lang), m.where?.page].map(csvField).join(','));
    }
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
