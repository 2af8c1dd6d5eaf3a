/**
 * The checking core: a pure TypeScript domain library (no Node or VS Code imports).
 * The language server, the CLI and the tests are adapters around this API.
 */

export * from './model';
export type { Finding, Fix, FindingData, Related, Rule, RuleMeta, RuleContext, RawFinding, TextEdit, OtherReport } from './rule';
export { compareFindings, docsPath, ruleDocsLink, RULE_DOCS_DIR, REPOSITORY_URL } from './rule';
export { lintReport, RULE_METAS, ruleMeta, failureMessage, type LintOptions, type LintResult, type RuleSetting, type RuleFailure } from './engine';
export { parseReport, parseDocument, splitReports } from './parser';
export { applyEdits, fixAllEdits } from './fixes';
export { msg, pick, fmt, type Lang, type MessageKey } from './messages';
export { detectEol, LineIndex, splitLines, normLabel, type Line } from './text';
export { identities, evaluate, valueOf, cellOf, type Identity, type Evaluation } from './identities';
export { claims, claimTableValue, type Claim } from './narrative';
export { RULES } from './rules/index';
export { agencyIdentity, agencyKey, findPreviousYear, findSameYear, MAX_SAME_YEAR, pairFiles, PairIndex, reportKey, sameAgency, type AgencyIdentity, type FileKeys, type ReportKey } from './pairing';
export { checkDocument, checkReports, documentPairing, lint, type CheckOptions, type CheckResult, type StampedReport } from './check';
export { checkDocumentStreamed, type StreamedCheckResult } from './stream';
export * from './views/index';
export { IncrementalLinter, summarize, type IncrementalResult, type Pairing, type ReportSummary, type Segment } from './incremental';
export {
  CONFIG_FILE_NAME,
  configProblemText,
  EMPTY_CONFIG,
  parseProjectConfig,
  withoutSuppressed,
  type ConfigProblem,
  type ConfigSuppression,
  type ProjectConfig,
} from './config';
