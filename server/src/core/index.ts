/**
 * The checking core: a pure TypeScript domain library (no Node or VS Code imports).
 * The language server, the CLI and the tests are adapters around this API.
 */

export * from './model';
export type { Finding, Fix, FindingData, Related, Rule, RuleMeta, RuleContext, RawFinding, TextEdit, OtherReport } from './rule';
export { docsUrl, DOCS_BASE, REPOSITORY_URL } from './rule';
export { lint, lintReport, RULE_METAS, ruleMeta, failureMessage, type LintOptions, type LintResult, type RuleSetting, type RuleFailure } from './engine';
export { parseReport, parseDocument, splitReports } from './parser';
export { applyEdits, fixAllEdits } from './fixes';
export { msg, pick, fmt, type Lang, type MessageKey } from './messages';
export { LineIndex, splitLines, normLabel, type Line } from './text';
export { identities, evaluate, valueOf, cellOf, type Identity, type Evaluation } from './identities';
export { claims, claimTableValue, type Claim } from './narrative';
export { RULES } from './rules/index';
export { agencyKey, findPreviousYear, findSameYear, MAX_SAME_YEAR } from './workspace';
export * from './views/index';
export { IncrementalLinter, type IncrementalResult } from './incremental';
