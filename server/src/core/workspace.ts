/**
 * Pairing reports across files for the cross-year rules (domain.md §3.7): a report of year Y is paired with the
 * same agency's report of year Y−1 when the host (CLI, language server) has it among the documents it checks.
 * Pure functions over the report model; no Node or VS Code imports.
 */

import type { Report } from './model';

/** Abbreviations normalised in agency names, longest first so `卫健委` never leaves a stray character. */
const AGENCY_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
];

const SPACES_RE = /\s+/g;

/**
 * The agency key of a report: the title text before the year, spaces removed, `卫健局`→`卫生健康局`,
 * `卫健委`→`卫生健康委员会`. Undefined when the title names no agency.
 */
export function agencyKey(report: Report): string | undefined {
  const agency = report.title?.agency;
  if (!agency) return undefined;
  let key = agency.normalize('NFKC').replace(SPACES_RE, '');
  for (const [short, long] of AGENCY_ABBREVIATIONS) key = key.split(short).join(long);
  return key || undefined;
}

/**
 * The candidate holding the same agency's report for the previous year (title year − 1), or undefined.
 * Candidates are searched in the given order; the first match wins (hosts pass them in a stable order).
 * The report itself, reports without agency or year, and documents that are no report are never paired.
 */
export function findPreviousYear<T extends { readonly report: Report }>(report: Report, candidates: readonly T[]): T | undefined {
  if (report.notAReport || report.encodingSuspect) return undefined;
  const key = agencyKey(report);
  const year = report.title?.year;
  if (key === undefined || year === undefined) return undefined;
  return candidates.find((c) => {
    const other = c.report;
    if (other === report || other.notAReport || other.encodingSuspect) return false;
    return other.title?.year === year - 1 && agencyKey(other) === key;
  });
}
