/**
 * Core results → protocol data: findings to diagnostics with their quick fixes and "fix all", the outline to
 * document symbols, folding ranges, inlay hints, hovers. Pure translation; positions come from the documents'
 * line indexes.
 */

import type { Diagnostic, DiagnosticRelatedInformation, DocumentSymbol, FoldingRange, Hover, InlayHint, Range } from 'vscode-languageserver';
import {
  detectEol,
  fixAllEdits,
  foldingRanges,
  hoverAt,
  inlayHints,
  msg,
  outline,
  pick,
  ruleDocsLink,
  tableSkeleton,
  TABLE_NO,
  TABLE_OF_SECTION,
  type Finding,
  type FoldRange,
  type Lang,
  type LineIndex,
  type OffsetRange,
  type OutlineSymbol,
  type Report,
  type Severity,
} from '../core';
import { SOURCE, type Analysis, type DiagnosticData, type FixData } from './analysis';

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };
const SYMBOL_KIND: Record<OutlineSymbol['kind'], DocumentSymbol['kind']> = {
  report: 1, // File
  section: 3, // Namespace
  subsection: 2, // Module
  table: 23, // Struct
  row: 8, // Field
};

function toRange(index: LineIndex, r: OffsetRange): Range {
  return index.rangeToPositions(r);
}

export interface FindingsInDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lang: Lang;
  readonly index: LineIndex;
  readonly findings: readonly Finding[];
  /** The rule links: a template holding `{id}`; none when the pages are not reachable. */
  readonly ruleDocs?: string;
  /** The reports among which the one holding an offset is (the table a `table-missing` fix inserts). */
  reportsAt(offset: number): readonly Report[];
  /** The line index of another document (related locations in it). */
  indexOf(uri: string): LineIndex | undefined;
}

/** The diagnostics of findings, their quick fixes (same index) and "fix all". */
export function toDiagnostics(doc: FindingsInDocument): Pick<Analysis, 'diagnostics' | 'fixes' | 'fixAll'> {
  const { index, lang } = doc;
  const diagnostics: Diagnostic[] = [];
  const fixes: FixData[][] = [];
  const eol = detectEol(doc.text);
  doc.findings.forEach((f, i) => {
    const related: DiagnosticRelatedInformation[] = f.related.map((r) => {
      const other = r.uri && r.uri !== doc.uri ? doc.indexOf(r.uri) : undefined;
      return {
        location: { uri: r.uri ?? doc.uri, range: toRange(other ?? index, r.range) },
        message: pick(r.message, lang),
      };
    });
    const data: DiagnosticData = { v: doc.version, i, rule: f.ruleId };
    const d: Diagnostic = {
      range: toRange(index, f.range),
      severity: SEVERITY[f.severity],
      source: SOURCE,
      code: f.ruleId,
      ...(doc.ruleDocs ? { codeDescription: { href: ruleDocsLink(doc.ruleDocs, f.ruleId) } } : {}),
      message: pick(f.message, lang),
      data,
    };
    if (related.length) d.relatedInformation = related;
    diagnostics.push(d);
    const fx: FixData[] = f.fixes.map((x) => ({
      title: pick(x.title, lang),
      preferred: x.preferred,
      edits: x.edits.map((e) => ({ range: toRange(index, e.range), newText: e.newText })),
    }));
    const insert = f.ruleId === 'table-missing' ? tableInsert(doc.reportsAt(f.range.start), f, eol, lang) : undefined;
    if (insert) fx.push(insert);
    fixes.push(fx);
  });

  const all = fixAllEdits(doc.findings);
  const chosen = new Set(all.fixes); // a lookup per fix below, not a scan of the list
  const covers: number[] = [];
  doc.findings.forEach((f, i) => {
    if (f.fixes.some((x) => x.preferred && chosen.has(x))) covers.push(i);
  });
  const fixAll = { edits: all.edits.map((e) => ({ range: toRange(index, e.range), newText: e.newText })), covers };
  return { diagnostics, fixes, fixAll };
}

/** "Insert an empty table" for a section that has none: the skeleton after the heading line. */
function tableInsert(reports: readonly Report[], f: Finding, eol: string, lang: Lang): FixData | undefined {
  for (const report of reports) {
    const s = report.sections.find((x) => x.heading.range.start === f.range.start && x.heading.range.end === f.range.end);
    if (!s) continue;
    const kind = TABLE_OF_SECTION[s.no];
    if (!kind) return undefined;
    const next = s.heading.line + 1;
    const snippet = tableSkeleton(kind, report.format.effective, eol);
    let at: number;
    let newText = snippet;
    if (next < report.lines.length) at = report.lines[next].start;
    else {
      at = report.lines[s.heading.line].end;
      newText = eol + snippet.slice(eol.length);
    }
    const pos = report.index.positionAt(at);
    return {
      title: pick(msg('server.insert-table', { X: TABLE_NO[kind] }), lang),
      preferred: false,
      edits: [{ range: { start: pos, end: pos }, newText }],
    };
  }
  return undefined;
}

/** The hover at an offset of the reports around it (`hoverAt` in the core), or null. */
export function hoverView(reports: readonly Report[], findings: readonly Finding[], offset: number, lang: Lang): Hover | null {
  const h = hoverAt(reports, findings, offset, lang);
  return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(reports[0].index, h.range) } : null;
}

export function symbolsView(reports: readonly Report[], lang: Lang): DocumentSymbol[] {
  return outline(reports, lang).map((s) => toDocumentSymbol(reports[0].index, s));
}

export function toDocumentSymbol(index: LineIndex, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || '?',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(index, s.range),
    selectionRange: toRange(index, s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(index, c)),
  };
}

export function foldingView(reports: readonly Report[]): FoldingRange[] {
  return foldingRanges(reports).map(toFoldingRange);
}

export function toFoldingRange(f: FoldRange): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: 'region' };
}

export function inlayView(reports: readonly Report[], findings: readonly Finding[], lang: Lang): InlayHint[] {
  const index = reports[0].index;
  return inlayHints(reports, findings, lang).map((h) => ({ position: index.positionAt(h.offset), label: h.label, tooltip: h.tooltip }));
}
