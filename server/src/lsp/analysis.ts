/**
 * What the report service (service.ts) takes and answers: the input of an analysis, the analysis as the handlers
 * use it (diagnostics, quick fixes, fix-all, counts, pairing), and the views. Plain data: it crosses the worker
 * boundary by structured clone.
 */

import type { Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, TextEdit } from 'vscode-languageserver';
import type { Lang, PreviewData, RuleFailure, RuleSetting, SeverityCounts } from '../core';
import type { CheckStopped } from '../shared/protocol';

export { DIAGNOSTIC_SOURCE as SOURCE } from '../shared/protocol';

export interface AnalyzeInput {
  readonly uri: string;
  readonly version: number;
  /** Identifies the settings and workspace state the result depends on (cache key, result id). */
  readonly key: string;
  readonly text: string;
  readonly languageId: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly lang: Lang;
  readonly detect: 'auto' | 'off';
  /** Suppressions that apply to this file (already matched by file). */
  readonly suppressions: readonly { readonly rule: string; readonly line?: number }[];
  /** A file that is not open (workspace check): neither kept as the open text nor remembered for views. */
  readonly closed?: boolean;
  /** `govreport.repetitionThreshold` (percent); the rules' default when absent. */
  readonly repetitionThreshold?: number;
  /** The rule links (`codeDescription.href`): a template holding `{id}`; none when the pages are not reachable. */
  readonly ruleDocs?: string;
}

export interface FixData {
  readonly title: string;
  readonly preferred: boolean;
  readonly edits: TextEdit[];
}

/** What a diagnostic carries in `data` for code actions. */
export interface DiagnosticData {
  /** Document version the diagnostic was computed for. */
  readonly v: number;
  /** Index into `Analysis.diagnostics` / `Analysis.fixes`. */
  readonly i: number;
  readonly rule: string;
}

export type Counts = SeverityCounts;

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly key: string;
  /** False when the document's diagnostics are not shown (plain text that is no report, detection off). */
  readonly publish: boolean;
  readonly isReport: boolean;
  readonly format?: 'F2021' | 'F2019';
  readonly year?: number;
  /** Agency key of the first report (cross-year pairing). */
  readonly agencyKey?: string;
  readonly diagnostics: Diagnostic[];
  /** Quick fixes per diagnostic (same index). */
  readonly fixes: FixData[][];
  /** The edits of "fix all" (preferred fixes that apply together) and the diagnostics they fix. */
  readonly fixAll: { readonly edits: TextEdit[]; readonly covers: number[] };
  readonly counts: Counts;
  readonly failures: RuleFailure[];
  /** The document whose report served as the first paired report's previous year (cross-year rules). */
  readonly previousYear?: { readonly uri: string; readonly name: string };
  /** Milliseconds spent in parse + lint + translation. */
  readonly ms: number;
  /** Set on the stand-in result of a check that was stopped (time budget): its diagnostics are not the document's. */
  readonly stopped?: CheckStopped;
}

export type ViewRequest =
  | { readonly view: 'hover'; readonly offset: number }
  | { readonly view: 'symbols' }
  | { readonly view: 'folding' }
  | { readonly view: 'inlay' }
  | { readonly view: 'preview'; readonly line?: number };

export type ViewResult = Hover | null | DocumentSymbol[] | FoldingRange[] | InlayHint[] | PreviewData;
