/**
 * Human-readable output in the manner of ESLint's `stylish`: problems grouped by file, aligned columns
 * (CJK characters counted as two cells), a summary line. Colours only when the caller says so.
 */

import * as path from 'node:path';
import { pick, type Lang, type Severity } from '../core';
import { countMessages, type FileResult, type OriginalPlace } from './check';
import { ENCODING_LABEL } from './decode';
import { plural, t } from './messages';

export interface StylishOptions {
  readonly lang: Lang;
  readonly color: boolean;
  readonly cwd: string;
  /** `--fix` was given (show what was fixed, not what could be). */
  readonly fixMode: boolean;
}

const ESC = '\u001b[';
type Style = 'red' | 'yellow' | 'cyan' | 'green' | 'dim' | 'bold' | 'underline';
const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
  dim: [2, 22],
  bold: [1, 22],
  underline: [4, 24],
};

/** Terminal cells of a string: East Asian wide and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function severityStyle(s: Severity): Style {
  return s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'cyan';
}

/** A path relative to `cwd` when it lies below it, else as given. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Where to look in an original: `第3页`, `表2第5行第4列` (line:column refer to the text read, see --print-text). */
export function whereText(w: OriginalPlace, lang: Lang): string {
  const parts: string[] = [];
  if (w.page !== undefined) parts.push(t(lang, 'where.page', { page: w.page }));
  if (w.table !== undefined && w.row !== undefined) {
    parts.push(w.column !== undefined ? t(lang, 'where.table-row-col', { table: w.table, row: w.row, col: w.column }) : t(lang, 'where.table-row', { table: w.table, row: w.row }));
  }
  return parts.join(lang === 'en' ? ', ' : '');
}

export function formatStylish(results: readonly FileResult[], o: StylishOptions): string {
  const c = (style: Style, s: string): string => (o.color ? `${ESC}${CODES[style][0]}m${s}${ESC}${CODES[style][1]}m` : s);
  const { lang } = o;
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  let fixedCount = 0;
  let fixedFiles = 0;

  for (const r of results) {
    const n = countMessages(r.messages);
    errors += n.errorCount;
    warnings += n.warningCount;
    infos += n.infoCount;
    // --fix never writes an original (PDF, Word, web page): its fixable findings are not counted for the hint
    if (!r.original) fixable += r.messages.filter((m) => m.fixable).length;
    if (r.fixed.length) {
      fixedCount += r.fixed.length;
      fixedFiles++;
    }
    if (r.messages.length === 0 && r.fixed.length === 0) continue;

    let header = c('underline', displayPath(r.filePath, o.cwd));
    if (r.encoding !== 'binary' && r.encoding !== 'utf8' && r.encoding !== 'utf8bom') {
      header += '  ' + c('dim', t(lang, 'stylish.encoding', { encoding: ENCODING_LABEL[r.encoding] }));
    }
    if (r.previousYears.length) {
      const names = r.previousYears.map((p) => (p === r.filePath ? t(lang, 'stylish.same-file') : path.basename(p)));
      header += '  ' + c('dim', t(lang, 'stylish.previous-year', { file: names.join(lang === 'en' ? ', ' : '、') }));
    }
    out.push('', header);

    if (r.fixed.length) {
      out.push('  ' + c('green', t(lang, 'stylish.fixed', { count: r.fixed.length })));
      const lw = Math.max(...r.fixed.map((f) => String(f.line).length));
      const tw = Math.max(...r.fixed.map((f) => displayWidth(pick(f.title, lang))));
      for (const f of r.fixed) {
        out.push(`    ${c('dim', String(f.line).padStart(lw))}  ${padEnd(pick(f.title, lang), tw)}  ${c('dim', f.ruleId)}`);
      }
    }

    const rows = r.messages.map((m) => ({
      where: m.where ? whereText(m.where, lang) : '',
      line: String(m.line),
      col: String(m.column),
      sev: t(lang, `severity.${m.severity}`),
      style: severityStyle(m.severity),
      text: pick(m.message, lang),
      rule: m.ruleId,
    }));
    const lineW = Math.max(0, ...rows.map((x) => x.line.length));
    const colW = Math.max(0, ...rows.map((x) => x.col.length));
    const sevW = Math.max(0, ...rows.map((x) => displayWidth(x.sev)));
    const textW = Math.max(0, ...rows.map((x) => displayWidth(x.text)));
    const whereW = Math.max(0, ...rows.map((x) => displayWidth(x.where)));
    for (const x of rows) {
      const pos = c('dim', `${x.line.padStart(lineW)}:${x.col.padEnd(colW)}`);
      const where = whereW ? `  ${c('bold', padEnd(x.where, whereW))}` : '';
      out.push(`  ${pos}${where}  ${c(x.style, padEnd(x.sev, sevW))}  ${padEnd(x.text, textW)}  ${c('dim', x.rule)}`);
    }
  }

  const total = errors + warnings + infos;
  out.push('');
  if (total > 0) {
    const line =
      lang === 'en'
        ? t('en', 'stylish.problems', {
            count: total,
            problemWord: plural(total, 'problem', 'problems'),
            errors,
            errorWord: plural(errors, 'error', 'errors'),
            warnings,
            warningWord: plural(warnings, 'warning', 'warnings'),
            infos,
          })
        : t('zh', 'stylish.problems', { count: total, errors, warnings, infos });
    const style: Style = errors ? 'red' : warnings ? 'yellow' : 'cyan';
    out.push(c(style, c('bold', `✖ ${line}`)));
    if (!o.fixMode && fixable > 0) out.push(c(style, c('bold', `  ${t(lang, 'stylish.fixable', { count: fixable })}`)));
  }
  if (fixedCount > 0) {
    out.push(c('green', c('bold', `✔ ${t(lang, 'stylish.fixed-summary', { count: fixedCount, files: fixedFiles, fileWord: plural(fixedFiles, 'file', 'files') })}`)));
  }
  if (total === 0 && fixedCount === 0) {
    out.push(c('green', `✔ ${t(lang, 'stylish.clean', { files: results.length, fileWord: plural(results.length, 'file', 'files') })}`));
  }
  return out.join('\n').replace(/^\n/, '') + '\n';
}
