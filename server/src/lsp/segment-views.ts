/**
 * The outline, folding ranges and inlay hints of a large open document (one checked by the incremental linter),
 * report by report. A report's symbols and folds depend on its text alone (core/views/outline.ts `reportSymbol`,
 * `reportFoldingRanges`), and a report's text is named by the linter's `textId`: a report whose text did not
 * change since the last view keeps its translated symbols and folds, moved to its new first line (a report starts
 * at the start of a line, so only the lines move). Typing in one report of a 1 MB concatenation parses and
 * translates that report alone, where `symbolsView(reports())` parsed every report again. Inlay hints depend on the
 * report and on its findings of the table identities: a report without such findings has none and is not parsed.
 */

import type { DocumentSymbol, FoldingRange, InlayHint, Range } from 'vscode-languageserver';
import { IDENTITY_RULE, outline, reportFoldingRanges, reportSymbol, type Finding, type Lang, type LineIndex, type Report, type Segment } from '../core';
import { inlayView, toDocumentSymbol, toFoldingRange } from './translate';

/** The rules whose findings carry inlay hints (core/views/inlay.ts: a hint only where one of them has a finding). */
const HINTED_RULES: ReadonlySet<string> = new Set(Object.values(IDENTITY_RULE));

interface Kept {
  /** The report's first line when these views were computed. */
  readonly line: number;
  /** `${lang}|${several}` → the report's symbols (its top-level symbol, or the document's when it is alone). */
  readonly symbols: Map<string, { readonly untitled: boolean; readonly value: DocumentSymbol[] }>;
  /** `several` → the report's folds. */
  readonly folds: Map<boolean, FoldingRange[]>;
  /** `${lang}|${the report's findings of HINTED_RULES, at offsets from its start}` → the report's inlay hints. */
  readonly hints: Map<string, InlayHint[]>;
  used: number;
}

/** The views the document's segments need. */
export interface SegmentedDocument {
  readonly segments: readonly Segment[];
  readonly index: LineIndex;
  reportAt(j: number): Report;
}

function moveRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

function moveSymbol(s: DocumentSymbol, d: number): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: s.kind,
    range: moveRange(s.range, d),
    selectionRange: moveRange(s.selectionRange, d),
    children: s.children?.map((c) => moveSymbol(c, d)),
  };
}

/** Per open document: the views of its reports by text (see the top of this file). */
export class SegmentViews {
  private readonly kept = new Map<number, Kept>();
  private generation = 0;

  /** Reports not among the last `maxAge` views' segments are forgotten. */
  constructor(private readonly maxAge = 8) {}

  private entry(seg: Segment): Kept | undefined {
    // 0: the linter does not remember this text (checked as a whole), so it has no name to keep views under
    if (seg.textId === 0) return undefined;
    let k = this.kept.get(seg.textId);
    if (!k) {
      k = { line: seg.firstLine, symbols: new Map(), folds: new Map(), hints: new Map(), used: this.generation };
      this.kept.set(seg.textId, k);
    }
    k.used = this.generation;
    return k;
  }

  private done(): void {
    for (const [id, k] of this.kept) if (this.generation - k.used >= this.maxAge) this.kept.delete(id);
  }

  /** The document symbols, as `symbolsView(reports, lang)` gives them. */
  symbols(doc: SegmentedDocument, lang: Lang): DocumentSymbol[] {
    this.generation++;
    const several = doc.segments.length > 1;
    const key = `${lang}|${several}`;
    const out: DocumentSymbol[] = [];
    doc.segments.forEach((seg, j) => {
      const k = this.entry(seg);
      const hit = k?.symbols.get(key);
      if (k && hit) {
        const d = seg.firstLine - k.line;
        for (const s of hit.value) {
          const moved = d === 0 ? s : moveSymbol(s, d);
          // an untitled report is named by its place in the document
          out.push(hit.untitled ? { ...moved, name: `#${j + 1}` } : moved);
        }
        return;
      }
      const report = doc.reportAt(j);
      const symbols = several ? [reportSymbol(report, j, lang)] : outline([report], lang);
      const value = symbols.map((s) => toDocumentSymbol(doc.index, s));
      if (k) {
        const value0 = k.line === seg.firstLine ? value : value.map((s) => moveSymbol(s, k.line - seg.firstLine));
        k.symbols.set(key, { untitled: several && !report.title, value: value0 });
      }
      out.push(...value);
    });
    this.done();
    return out;
  }

  /** The folding ranges, as `foldingView(reports)` gives them. */
  folding(doc: SegmentedDocument): FoldingRange[] {
    this.generation++;
    const several = doc.segments.length > 1;
    const out: FoldingRange[] = [];
    doc.segments.forEach((seg, j) => {
      const k = this.entry(seg);
      const hit = k?.folds.get(several);
      if (k && hit) {
        const d = seg.firstLine - k.line;
        for (const f of hit) out.push(d === 0 ? f : { startLine: f.startLine + d, endLine: f.endLine + d, kind: f.kind });
        return;
      }
      const value = reportFoldingRanges(doc.reportAt(j), several).map(toFoldingRange);
      if (k) k.folds.set(several, k.line === seg.firstLine ? value : value.map((f) => ({ startLine: f.startLine + k.line - seg.firstLine, endLine: f.endLine + k.line - seg.firstLine, kind: f.kind })));
      out.push(...value);
    });
    this.done();
    return out;
  }

  /** The inlay hints, as `inlayView(reports, findings, lang)` gives them; `findings` sorted (compareFindings). */
  inlay(doc: SegmentedDocument, findings: readonly Finding[], lang: Lang): InlayHint[] {
    this.generation++;
    const { segments } = doc;
    // the hinted findings of each report (a finding lies in the report where it starts)
    const byReport = new Map<number, Finding[]>();
    let j = 0;
    for (const f of findings) {
      if (!HINTED_RULES.has(f.ruleId)) continue;
      while (j + 1 < segments.length && segments[j + 1].start <= f.range.start) j++;
      const list = byReport.get(j);
      if (list) list.push(f);
      else byReport.set(j, [f]);
    }
    const out: InlayHint[] = [];
    segments.forEach((seg, i) => {
      const k = this.entry(seg);
      const own = byReport.get(i);
      if (!own) return;
      const key = `${lang}|${own.map((f) => `${f.ruleId}@${f.range.start - seg.start}:${f.range.end - seg.start}`).join(',')}`;
      const hit = k?.hints.get(key);
      if (k && hit) {
        const d = seg.firstLine - k.line;
        for (const h of hit) out.push(d === 0 ? h : { ...h, position: { line: h.position.line + d, character: h.position.character } });
        return;
      }
      const value = inlayView([doc.reportAt(i)], own, lang);
      if (k) k.hints.set(key, k.line === seg.firstLine ? value : value.map((h) => ({ ...h, position: { line: h.position.line + k.line - seg.firstLine, character: h.position.character } })));
      out.push(...value);
    });
    this.done();
    return out;
  }
}
