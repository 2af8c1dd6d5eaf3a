/**
 * Hovers (pure, Markdown): what a table cell is (row and column), the arithmetic it takes part in (as a
 * total: its formula with values and computed result; as an operand: the totals it feeds into), what a
 * section heading stands for and whether the section is complete, and what the title says (year, format).
 */

import { countSeverities, TABLE_NO, TABLE_OF_SECTION, type Cell, type OffsetRange, type Report, type Row, type Section, type Table } from '../model';
import type { Finding } from '../rule';
import { msg, pick, type Lang, type MessageKey } from '../messages';
import type { Args } from '../messages';
import { SECTION_NUMERALS } from '../schema';
import { identitiesByCell, identityLine } from './identityText';
import { sectionName } from './outline';

export interface HoverView {
  readonly range: OffsetRange;
  /** Markdown. */
  readonly markdown: string;
}


/**
 * Escapes Markdown syntax in report text (labels may hold `*`, `_`, `[`, `<` …). Every line built here starts
 * with fixed text or a label, never with a list marker, so `-`, `+` and `1.` need no escaping.
 */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~]/g, (c) => '\\' + c);
}

function t(key: MessageKey, args: Args, lang: Lang): string {
  return mdEscape(pick(msg(key, args), lang));
}

function within(r: OffsetRange, offset: number): boolean {
  return r.start <= offset && offset <= r.end && (r.end > r.start || offset === r.start);
}

function reportAt(reports: readonly Report[], offset: number): Report | undefined {
  for (const r of reports) {
    const first = r.lines[r.firstLine].start;
    const last = r.lines[r.lastLine].end;
    if (first <= offset && offset <= last) return r;
  }
  return undefined;
}

function tableHeader(table: Table, lang: Lang): string {
  return `**表${TABLE_NO[table.kind]}** · ${mdEscape(pick(msg(`table.${table.kind}`), lang))}`;
}

function cellHover(report: Report, table: Table, row: Row, cell: Cell, lang: Lang): HoverView {
  const parts: string[] = [tableHeader(table, lang)];
  const rowLabel = row.def.group && table.kind === 'T3' && row.def.group !== '三、本年度办理结果' ? `${row.def.group} ${row.def.label}` : row.def.label;
  parts.push(`${t('hover.row', { row: rowLabel }, lang)}  \n${t('hover.column', { column: cell.column.label }, lang)}`);
  const ids = identitiesByCell(report).get(cell);
  if (ids?.targetOf.length) parts.push(ids.targetOf.map((id) => mdEscape(identityLine(id, lang))).join('  \n'));
  if (ids?.operandOf.length) {
    parts.push(`${t('hover.feeds', {}, lang)}\n\n${ids.operandOf.map((id) => `- ${mdEscape(identityLine(id, lang))}`).join('\n')}`);
  }
  return { range: cell.displayRange, markdown: parts.join('\n\n') };
}

function rowLabelHover(table: Table, row: Row, lang: Lang): HoverView {
  const parts: string[] = [tableHeader(table, lang), t('hover.row', { row: row.def.label }, lang)];
  if (row.match !== 'exact' && row.label && row.label.replace(/\s/g, '') !== row.def.label) {
    parts.push(t('hover.row-canonical', { label: row.def.label }, lang));
  }
  if (!row.aligned) parts.push(t('hover.row-cells', { expected: row.expected, actual: row.written }, lang));
  return { range: row.labelRange, markdown: parts.join('\n\n') };
}

/** The counts of a section's findings as the message arguments E, W, I. */
function severityArgs(findings: readonly Finding[]): Args {
  const c = countSeverities(findings);
  return { E: c.errors, W: c.warnings, I: c.infos };
}

function sectionHover(report: Report, s: Section, findings: readonly Finding[], lang: Lang): HoverView {
  const N = SECTION_NUMERALS[s.no];
  const name = sectionName(s);
  const parts: string[] = [`**${t('hover.section', { N }, lang)}** ${mdEscape(name)}`];
  const written = report.text.slice(s.heading.range.start, s.heading.range.end);
  if (written !== name) parts.push(t('hover.section-written', { actual: written }, lang));
  if (s.duplicate) {
    const first = report.sections.find((x) => x.no === s.no && !x.duplicate);
    if (first) parts.push(t('hover.section-duplicate', { L: first.firstLine + 1 }, lang));
  }
  const inSection = findings.filter((f) => f.range.start >= s.range.start && f.range.start <= s.range.end);
  const status: string[] = [];
  const kind = TABLE_OF_SECTION[s.no];
  if (kind) {
    const table = report.tables.find((x) => x.kind === kind);
    const X = TABLE_NO[kind];
    if (!table) status.push(t('hover.table-missing', { X }, lang));
    else {
      if (table.firstLine < s.firstLine || table.firstLine > s.lastLine) status.push(t('hover.table-elsewhere', { X, L: table.firstLine + 1 }, lang));
      const missing = table.truncatedRows.length + table.missing.length;
      if (missing > 0) status.push(t('hover.table-truncated', { X, K: missing }, lang));
      else status.push(t('hover.table-rows', { X, n: table.rows.length, m: table.expected.length }, lang));
    }
  }
  let body = false;
  for (let l = s.firstLine + 1; l <= s.lastLine && !body; l++) body = report.lines[l].text.trim() !== '';
  if (!body) status.push(t('hover.section-empty', {}, lang));
  const title = name.slice(2);
  const complete = inSection.length === 0 && body;
  parts.push(
    complete
      ? t('hover.section-complete', { N, title }, lang)
      : `${t('hover.section-issues', { N, title, K: inSection.length }, lang)}（${t('hover.section-counts', severityArgs(inSection), lang)}）`,
  );
  if (status.length) parts.push(status.join('  \n'));
  return { range: s.heading.range, markdown: parts.join('\n\n') };
}

function titleHover(report: Report, lang: Lang): HoverView | undefined {
  const title = report.title;
  if (!title) return undefined;
  const parts: string[] = [`**${mdEscape(title.text)}**`];
  const facts: string[] = [];
  if (title.agency) facts.push(t('hover.title-agency', { agency: title.agency }, lang));
  if (title.year !== undefined) facts.push(t('hover.title-year', { Y: title.year }, lang));
  const format = pick(msg(`format.${report.format.effective}`), lang);
  const d = report.format.decisive;
  facts.push(
    d && report.format.detected
      ? t('hover.format-detected', { format, L: d.line + 1, marker: d.marker }, lang)
      : t('hover.format-assumed', { format }, lang),
  );
  parts.push(facts.join('  \n'));
  return { range: title.range, markdown: parts.join('\n\n') };
}

/** The hover at an offset, or undefined when nothing there has one. */
export function hoverAt(reports: readonly Report[], findings: readonly Finding[], offset: number, lang: Lang = 'zh'): HoverView | undefined {
  const report = reportAt(reports, offset);
  if (!report) return undefined;
  for (const table of report.tables) {
    if (offset < table.range.start || offset > table.range.end) continue;
    for (const row of table.rows) {
      for (const cell of row.cells) if (within(cell.displayRange, offset)) return cellHover(report, table, row, cell, lang);
      if (row.label && within(row.labelRange, offset)) return rowLabelHover(table, row, lang);
    }
  }
  for (const s of report.sections) if (within(s.heading.range, offset)) return sectionHover(report, s, findings, lang);
  if (report.title && within(report.title.range, offset)) return titleHover(report, lang);
  return undefined;
}

/**
 * Every hover of the document, for hosts that answer hovers from a precomputed list (the language server
 * computes views off the main thread). Ranges do not overlap except where `hoverAt` would prefer the first.
 */
export function hoverItems(reports: readonly Report[], findings: readonly Finding[], lang: Lang = 'zh'): HoverView[] {
  const out: HoverView[] = [];
  for (const report of reports) {
    for (const table of report.tables) {
      for (const row of table.rows) {
        for (const cell of row.cells) out.push(cellHover(report, table, row, cell, lang));
        if (row.label) out.push(rowLabelHover(table, row, lang));
      }
    }
    for (const s of report.sections) out.push(sectionHover(report, s, findings, lang));
    const th = titleHover(report, lang);
    if (th) out.push(th);
  }
  return out;
}

/** Picks the hover of an offset from a list made by `hoverItems` (the first whose range holds the offset). */
export function pickHover(items: readonly HoverView[], offset: number): HoverView | undefined {
  return items.find((h) => within(h.range, offset));
}

