/**
 * Outline views of the model (pure): a hierarchical symbol tree (sections → sub-sections → tables → rows)
 * and folding ranges for sections, sub-sections and tables. A document holding several concatenated reports
 * gets one top-level symbol per report. Ranges are UTF-16 offsets; folding uses lines.
 */

import { TABLE_NO, type OffsetRange, type Report, type Section, type Table } from '../model';
import { SECTION_NUMERALS, SECTION_TITLES } from '../schema';
import { msg, pick, type Lang } from '../messages';

export type OutlineKind = 'report' | 'section' | 'subsection' | 'table' | 'row';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole extent of the node (contains the children and the selection range). */
  readonly range: OffsetRange;
  /** What is revealed when the symbol is picked (the heading, the marker line, the row label). */
  readonly selectionRange: OffsetRange;
  readonly children: OutlineSymbol[];
}

export interface FoldRange {
  /** 0-based lines, start < end. */
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: OutlineKind;
}


/** Last line of [first, last] that is not blank (folded regions should not swallow trailing empty lines). */
function lastContentLine(report: Report, first: number, last: number): number {
  let l = last;
  while (l > first && report.lines[l].text.trim() === '') l--;
  return l;
}

function lineSpan(report: Report, first: number, last: number): OffsetRange {
  return { start: report.lines[first].start, end: report.lines[last].end };
}

function clip(r: OffsetRange, outer: OffsetRange): OffsetRange {
  const start = Math.min(Math.max(r.start, outer.start), outer.end);
  const end = Math.max(Math.min(r.end, outer.end), start);
  return { start, end };
}

function contains(outer: OffsetRange, inner: OffsetRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The canonical name of a section, e.g. `一、总体情况`. */
export function sectionName(s: Section): string {
  return `${SECTION_NUMERALS[s.no]}、${SECTION_TITLES[s.no]}`;
}

function shorten(s: string, max = 40): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function tableSymbol(report: Report, t: Table, lang: Lang): OutlineSymbol {
  const range = lineSpan(report, t.firstLine, lastContentLine(report, t.firstLine, t.lastLine));
  const rows: OutlineSymbol[] = [];
  for (const r of t.rows) {
    const start = Math.min(r.labelRange.start, r.valuesRange.start);
    const end = Math.max(r.labelRange.end, r.valuesRange.end);
    const rowRange = clip({ start, end }, range);
    const sel = clip(r.labelRange.end > r.labelRange.start ? r.labelRange : r.valuesRange, rowRange);
    const values = r.cells.map((c) => (c.raw === '' ? '∅' : c.raw)).join(' ');
    rows.push({ name: r.def.label, detail: shorten(values, 60), kind: 'row', range: rowRange, selectionRange: sel, children: [] });
  }
  const first = report.lines[t.firstLine];
  return {
    name: `表${TABLE_NO[t.kind]}`,
    detail: pick(msg(`table.${t.kind}`), lang),
    kind: 'table',
    range,
    selectionRange: clip({ start: first.start, end: first.end }, range),
    children: rows,
  };
}

/**
 * The document's symbol tree: the sections in document order, each with its sub-sections (（一）…) and the
 * tables inside it; tables with their rows. A table before the first heading is a top-level symbol.
 * With several reports in one document, each report is a top-level symbol holding its own tree.
 */
export function outline(reports: readonly Report[], lang: Lang = 'zh'): OutlineSymbol[] {
  if (reports.length === 1) return reportOutline(reports[0], lang);
  return reports.map((r, i) => reportSymbol(r, i, lang));
}

/**
 * The top-level symbol of report `i` of a document holding several (what `outline` gives for it): it depends on
 * the report alone, so a host can keep it while the report's text does not change.
 */
export function reportSymbol(r: Report, i: number, lang: Lang = 'zh'): OutlineSymbol {
  const last = lastContentLine(r, r.firstLine, r.lastLine);
  const range = lineSpan(r, r.firstLine, last);
  const sel = r.title ? clip(r.title.range, range) : lineSpan(r, r.firstLine, r.firstLine);
  return {
    name: r.title ? shorten(r.title.text) : `#${i + 1}`,
    detail: r.title?.year !== undefined ? String(r.title.year) : undefined,
    kind: 'report' as const,
    range,
    selectionRange: sel,
    children: reportOutline(r, lang),
  };
}

function reportOutline(report: Report, lang: Lang): OutlineSymbol[] {
  const top: OutlineSymbol[] = [];
  const tables = report.tables.map((t) => tableSymbol(report, t, lang));
  const placed = new Set<number>();
  for (const s of report.sections) {
    const last = lastContentLine(report, s.firstLine, s.lastLine);
    const range = lineSpan(report, s.firstLine, last);
    const subs = report.subsections
      .filter((x) => x.line > s.firstLine && x.line <= last)
      .map((x, i, all) => {
        const next = all[i + 1];
        const subLast = lastContentLine(report, x.line, next ? next.line - 1 : last);
        return { x, range: lineSpan(report, x.line, subLast) };
      });
    const subSymbols = subs.map(({ x, range: r }) => {
      const children: OutlineSymbol[] = [];
      tables.forEach((t, k) => {
        if (!placed.has(k) && contains(r, t.range)) {
          children.push(t);
          placed.add(k);
        }
      });
      return {
        name: shorten(`${x.marker}${x.titleText}`),
        kind: 'subsection' as const,
        range: r,
        selectionRange: clip(x.markerRange, r),
        children,
      };
    });
    const children: OutlineSymbol[] = [...subSymbols];
    tables.forEach((t, k) => {
      if (!placed.has(k) && t.range.start >= range.start && t.range.start <= range.end) {
        placed.add(k);
        children.push(contains(range, t.range) ? t : { ...t, range: clip(t.range, range), children: t.children.filter((c) => contains(clip(t.range, range), c.range)) });
      }
    });
    children.sort((a, b) => a.range.start - b.range.start);
    const written = report.text.slice(s.heading.range.start, s.heading.range.end);
    const name = sectionName(s);
    top.push({
      name,
      detail: written !== name ? shorten(written) : undefined,
      kind: 'section',
      range,
      selectionRange: clip(s.heading.range, range),
      children,
    });
  }
  tables.forEach((t, k) => {
    if (!placed.has(k)) top.push(t);
  });
  top.sort((a, b) => a.range.start - b.range.start);
  return top;
}

/** Folding ranges of reports (when several), sections, sub-sections and tables (two lines or more). */
export function foldingRanges(reports: readonly Report[]): FoldRange[] {
  // the reports' lines are disjoint and in order: the folds of each report, sorted, follow each other
  return reports.flatMap((r) => reportFoldingRanges(r, reports.length > 1));
}

/**
 * The folding ranges of one report (what `foldingRanges` gives for it), sorted; with `several`, the report of a
 * document holding several, which folds as a whole too. Depends on the report alone (see `reportSymbol`).
 */
export function reportFoldingRanges(report: Report, several: boolean): FoldRange[] {
  const out: FoldRange[] = [];
  const push = (startLine: number, endLine: number, kind: OutlineKind): void => {
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  if (several) push(report.firstLine, lastContentLine(report, report.firstLine, report.lastLine), 'report');
  reportFolds(report, push);
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}

function reportFolds(report: Report, push: (startLine: number, endLine: number, kind: OutlineKind) => void): void {
  for (const s of report.sections) {
    const last = lastContentLine(report, s.firstLine, s.lastLine);
    push(s.firstLine, last, 'section');
    const subs = report.subsections.filter((x) => x.line > s.firstLine && x.line <= last);
    subs.forEach((x, i) => {
      const next = subs[i + 1];
      push(x.line, lastContentLine(report, x.line, next ? next.line - 1 : last), 'subsection');
    });
  }
  for (const t of report.tables) push(t.firstLine, lastContentLine(report, t.firstLine, t.lastLine), 'table');
}
