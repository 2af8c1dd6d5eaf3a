/**
 * Runs the rules on a report: format gating, severity overrides and disabled rules from configuration,
 * isolation of failing rules (a rule that throws is reported once and the others still run).
 */

import type { Report, Severity } from './model';
import { compareFindings, docsPath, type Finding, type OtherReport, type RawFinding, type Rule, type RuleContext, type RuleMeta } from './rule';
import { msg } from './messages';
import { RULES } from './rules/index';

export type RuleSetting = 'off' | Severity;

export interface LintOptions {
  /** Per-rule severity override or `off`. Unknown ids are ignored. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** The same agency's report for the previous year (cross-year rules). */
  readonly previousYear?: OtherReport;
  /** Per report of a document (files can hold several reports): its previous-year report. Wins over previousYear. */
  readonly previousYearOf?: (report: Report) => OtherReport | undefined;
  /** Other agencies' reports of the same year (`cross-report-copy`). */
  readonly sameYear?: readonly OtherReport[];
  /** Share of repeated sentences (percent, 0–100) from which the repetition rules report; default 50. */
  readonly repetitionThreshold?: number;
  /** Rules to use instead of the built-in registry (tests). */
  readonly ruleSet?: readonly Rule[];
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly error: string;
}

export interface LintResult {
  /** The first (usually the only) report of the document. */
  readonly report: Report;
  /** All reports of the document (a file can hold several, concatenated). */
  readonly reports: readonly Report[];
  readonly findings: Finding[];
  /** Rules that threw; their findings are missing, the others are complete. */
  readonly failures: RuleFailure[];
}

export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => ({ ...r.meta, docs: docsPath(r.meta.id) }));

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULE_METAS.find((m) => m.id === id);
}

function applies(rule: Rule, report: Report, ctx: RuleContext): boolean {
  const m = rule.meta;
  if (report.encodingSuspect) return m.id === 'encoding-suspect';
  if (report.notAReport) return m.id === 'not-a-report';
  if (m.formats !== 'both' && m.formats !== report.format.effective) return false;
  if ((m.tableRule || m.structural) && !report.format.tablesChecked) return false;
  if (m.crossDocument && !ctx.previousYear) return false;
  if (m.sameYearDocuments && !ctx.sameYear?.length) return false;
  return true;
}

export function lintReport(report: Report, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const prior: Finding[] = [];
  const ctx: RuleContext = {
    report,
    previousYear: options.previousYearOf?.(report) ?? options.previousYear,
    sameYear: options.sameYear,
    repetitionThreshold: options.repetitionThreshold,
    prior,
  };
  for (const rule of options.ruleSet ?? RULES) {
    const id = rule.meta.id;
    const setting = options.rules?.[id];
    if (setting === 'off') continue;
    if (!applies(rule, report, ctx)) continue;
    let raw: RawFinding[];
    try {
      raw = [...rule.check(ctx)];
    } catch (e) {
      failures.push({ ruleId: id, error: e instanceof Error ? `${e.message}` : String(e) });
      continue;
    }
    for (const r of raw) {
      const f: Finding = {
        ruleId: id,
        severity: setting ?? r.severity ?? rule.meta.severity,
        range: r.range,
        message: r.message,
        related: r.related ?? [],
        fixes: r.fixes ?? [],
        data: r.data,
      };
      findings.push(f);
      prior.push(f);
    }
  }
  findings.sort(compareFindings);
  return { report, reports: [report], findings, failures };
}

/** The message of a rule failure, for logs. */
export function failureMessage(f: RuleFailure): { zh: string; en: string } {
  return msg('internal-error', { rule: f.ruleId, error: f.error });
}
