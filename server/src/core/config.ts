/**
 * The project configuration file `.govreportrc.json`, shared by the editor and the command line: rule levels and
 * suppressions (schema: schemas/govreportrc.schema.json). Pure: parsing and validation of its text, and the
 * filter that drops suppressed findings. Hosts find the file (upward from the checked file) and merge it with
 * their own settings: the editor's settings and the CLI's `--rule` win over the file.
 */

import type { Finding } from './rule';
import type { RuleSetting } from './engine';
import type { LineIndex } from './text';

export const CONFIG_FILE_NAME = '.govreportrc.json';

const LEVELS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];

/** A finding not to report: rule id (or `*`), in the files a path or glob names, on one 1-based line or all. */
export interface ConfigSuppression {
  /** Path or glob relative to the configuration file's folder; without `/` it also matches a file name. */
  readonly file: string;
  readonly rule: string;
  readonly line?: number;
}

export interface ProjectConfig {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly suppressions: readonly ConfigSuppression[];
}

/** What is wrong in a configuration file; the entry is ignored, the rest applies. */
export type ConfigProblem =
  | { readonly kind: 'json'; readonly detail: string }
  | { readonly kind: 'not-object' }
  | { readonly kind: 'unknown-key'; readonly key: string }
  | { readonly kind: 'unknown-rule'; readonly rule: string }
  | { readonly kind: 'bad-level'; readonly rule: string; readonly value: string }
  | { readonly kind: 'bad-suppression'; readonly index: number };

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, suppressions: [] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and validates a configuration file's text against the known rule ids; never throws. */
export function parseProjectConfig(text: string, ruleIds: ReadonlySet<string>): { config: ProjectConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { config: EMPTY_CONFIG, problems: [{ kind: 'json', detail: e instanceof Error ? e.message : String(e) }] };
  }
  if (!isObject(raw)) return { config: EMPTY_CONFIG, problems: [{ kind: 'not-object' }] };
  for (const key of Object.keys(raw)) if (key !== 'rules' && key !== 'suppressions' && key !== '$schema') problems.push({ kind: 'unknown-key', key });
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules)) problems.push({ kind: 'unknown-key', key: 'rules' });
    else
      for (const [id, v] of Object.entries(raw.rules)) {
        if (!ruleIds.has(id)) problems.push({ kind: 'unknown-rule', rule: id });
        else if (typeof v !== 'string' || !(LEVELS as readonly string[]).includes(v)) problems.push({ kind: 'bad-level', rule: id, value: String(v) });
        else rules[id] = v as RuleSetting;
      }
  }
  const suppressions: ConfigSuppression[] = [];
  if (raw.suppressions !== undefined) {
    const list = Array.isArray(raw.suppressions) ? raw.suppressions : [];
    if (!Array.isArray(raw.suppressions)) problems.push({ kind: 'unknown-key', key: 'suppressions' });
    list.forEach((s: unknown, index: number) => {
      const ok =
        isObject(s) &&
        typeof s.file === 'string' &&
        s.file !== '' &&
        typeof s.rule === 'string' &&
        (s.rule === '*' || ruleIds.has(s.rule)) &&
        (s.line === undefined || (typeof s.line === 'number' && Number.isInteger(s.line) && s.line >= 1));
      if (!ok) {
        problems.push({ kind: 'bad-suppression', index });
        return;
      }
      const x = s as { file: string; rule: string; line?: number };
      suppressions.push(x.line === undefined ? { file: x.file, rule: x.rule } : { file: x.file, rule: x.rule, line: x.line });
    });
  }
  return { config: { rules, suppressions }, problems };
}

/** A problem of a configuration file, for logs and the CLI (English; the CLI translates through its own catalogue). */
export function configProblemText(p: ConfigProblem): string {
  switch (p.kind) {
    case 'json':
      return `not valid JSON: ${p.detail}`;
    case 'not-object':
      return 'the file must hold a JSON object';
    case 'unknown-key':
      return `unknown or malformed entry "${p.key}" (expected "rules" and "suppressions")`;
    case 'unknown-rule':
      return `unknown rule "${p.rule}"`;
    case 'bad-level':
      return `rule "${p.rule}": level "${p.value}" is not off, error, warning or info`;
    case 'bad-suppression':
      return `suppression #${p.index + 1} needs "file", a known "rule" (or "*") and an optional whole "line" ≥ 1`;
  }
}

/** The findings that no suppression (already matched to this file: rule and optional line) silences. */
export function withoutSuppressed<T extends Finding>(
  findings: readonly T[],
  index: LineIndex,
  suppressions: readonly { readonly rule: string; readonly line?: number }[],
): T[] {
  if (!suppressions.length) return [...findings];
  return findings.filter((f) => {
    const line = index.positionAt(f.range.start).line + 1;
    return !suppressions.some((s) => (s.rule === f.ruleId || s.rule === '*') && (s.line === undefined || s.line === line));
  });
}
