/** Shared helpers of the node:test suites (compiled to out/test). */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint, type Finding, type LintOptions, type LintResult } from '../server/src/core';

/** The repository root (tests run from out/test/<suite>/). */
export const ROOT = (() => {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json')) || !fs.existsSync(path.join(d, 'server'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('repository root not found');
    d = up;
  }
  return d;
})();

export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const SEEDS = path.join(FIXTURES, 'seeds');

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

export function seedNames(): string[] {
  return fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
}

export interface Expected {
  rule: string;
  line: number;
  endLine?: number;
  severity?: string;
}

/** A finding reduced to what expectations state: rule id, 1-based start line, end line, severity. */
export function summary(r: LintResult, f: Finding): Expected {
  const s = r.report.index.positionAt(f.range.start);
  const e = r.report.index.positionAt(f.range.end);
  return { rule: f.ruleId, line: s.line + 1, endLine: e.line + 1, severity: f.severity };
}

export function summarize(r: LintResult): Expected[] {
  return r.findings.map((f) => summary(r, f));
}

/**
 * Compares findings with expectations, one to one: each expectation takes an unmatched finding with the same
 * rule and start line (and end line / severity when the expectation states them).
 */
export function sameFindings(actual: Expected[], expected: Expected[]): { ok: boolean; diff: string } {
  const left = actual.slice();
  const missing: Expected[] = [];
  for (const e of expected) {
    const i = left.findIndex(
      (a) =>
        a.rule === e.rule &&
        a.line === e.line &&
        (e.endLine === undefined || a.endLine === e.endLine) &&
        (e.severity === undefined || a.severity === e.severity),
    );
    if (i < 0) missing.push(e);
    else left.splice(i, 1);
  }
  const fmt = (x: Expected) => `${x.rule}@${x.line}${x.endLine !== undefined ? '-' + x.endLine : ''}${x.severity ? ':' + x.severity : ''}`;
  return {
    ok: missing.length === 0 && left.length === 0,
    diff: `missing: ${JSON.stringify(missing.map(fmt))}\nextra: ${JSON.stringify(left.map(fmt))}`,
  };
}

export function lintText(text: string, options?: LintOptions): LintResult {
  return lint(text, options);
}
