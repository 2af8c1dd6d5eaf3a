/**
 * What a rule is and what it returns. Rules are data + a check function; fixes are data (text edits).
 */

import type { FormatGate, OffsetRange, Report, Severity, Text2 } from './model';

export interface TextEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: Text2;
  readonly edits: readonly TextEdit[];
  /** Preferred fixes are applied by "fix all" and `--fix`; others only on request. */
  readonly preferred: boolean;
}

export interface Related {
  readonly range: OffsetRange;
  readonly message: Text2;
  /** Set when the range is in another document (cross-year rules); otherwise the checked document. */
  readonly uri?: string;
}

/** Extra data a finding carries for hovers and inlay hints (e.g. the computed value of a total). */
export interface FindingData {
  readonly expected?: number | string;
  readonly stated?: number | string;
  /** A formula shown in hovers, e.g. `0 + 0 + 2 = 2`. */
  readonly formula?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly range: OffsetRange;
  readonly message: Text2;
  readonly related: readonly Related[];
  readonly fixes: readonly Fix[];
  readonly data?: FindingData;
}

export type RuleKind = 'exact' | 'heuristic';

export const REPOSITORY_URL = 'https://github.com/govreport/govreport-lint';

/**
 * Where the rules' pages are, relative to the package's root: they ship in the VSIX and the npm package, so every
 * rule link opens a page on the user's machine (hosts turn the path into a link: a file URI, an editor command).
 */
export const RULE_DOCS_DIR = 'docs/rules';

export function docsPath(ruleId: string): string {
  return `${RULE_DOCS_DIR}/${ruleId}.md`;
}

/** A rule's link from a template holding `{id}` (e.g. `file:///…/docs/rules/{id}.md`). */
export function ruleDocsLink(template: string, ruleId: string): string {
  return template.split('{id}').join(ruleId);
}

export interface RuleMeta {
  readonly id: string;
  /** Default severity. Rules whose severity depends on the case (W/I) give their usual one here. */
  readonly severity: Severity;
  readonly formats: FormatGate;
  readonly kind: RuleKind;
  readonly description: Text2;
  /** Table rules are off for reports before 2019 (no unified format). */
  readonly tableRule?: boolean;
  /** Rules about the six-section skeleton, also off before 2019. */
  readonly structural?: boolean;
  /** Cross-document rules need the previous year's report. */
  readonly crossDocument?: boolean;
  /** Cross-report rules need other agencies' reports of the same year. */
  readonly sameYearDocuments?: boolean;
  /** The rule's documentation page, relative to the package root (set by the registry; see `docsPath`). */
  readonly docs?: string;
}

/** A finding as a rule produces it; the engine adds the rule id and resolves severity. */
export interface RawFinding {
  readonly range: OffsetRange;
  readonly message: Text2;
  /** Overrides the rule's default severity (rules with a W/I or E/W split). */
  readonly severity?: Severity;
  readonly related?: readonly Related[];
  readonly fixes?: readonly Fix[];
  readonly data?: FindingData;
}

/** Another report the host found for cross-document rules. */
export interface OtherReport {
  readonly report: Report;
  /** Display name (file name) for messages. */
  readonly name: string;
  /** Identifier (URI or path) for related information. */
  readonly uri: string;
}

export interface RuleContext {
  readonly report: Report;
  /** The same agency's report for the previous year, when the host has one. */
  readonly previousYear?: OtherReport;
  /** Other agencies' reports of the same year, when the host has them (`cross-report-copy`). */
  readonly sameYear?: readonly OtherReport[];
  /** Share of repeated sentences (percent) from which the repetition rules report; default 50. */
  readonly repetitionThreshold?: number;
  /** Findings of other rules already run (for rules that defer to others); read-only. */
  readonly prior: readonly Finding[];
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): Iterable<RawFinding> | RawFinding[];
}

/** The order of findings everywhere (editor, CLI, tests): by start, then end, then rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId);
}
