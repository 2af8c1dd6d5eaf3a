/**
 * Pairing reports of different files for the cross-year rules, from small per-report keys instead of whole
 * parsed reports, so that the keys can be computed where a file is parsed anyway (in a worker, while it is being
 * checked) and sent to the main thread as plain data.
 *
 * `pairFiles` mirrors `findPreviousYear` (core/workspace.ts) applied to the reports of all files in input order:
 * a report is paired with the first report, in that order, of the same agency key and the previous year; reports
 * that are no report or whose encoding is suspect are never paired, on either side.
 */

import { agencyKey, type Report } from '../core';

/** What pairing needs of a report: its agency key and year, or null when it can never be paired. */
export type ReportKey = { readonly key: string; readonly year: number } | null;

export function reportKey(report: Report): ReportKey {
  if (report.notAReport || report.encodingSuspect) return null;
  const key = agencyKey(report);
  const year = report.title?.year;
  if (key === undefined || year === undefined) return null;
  return { key, year };
}

export interface FileKeys {
  readonly path: string;
  /** One entry per report of the file, in document order (empty for unreadable or binary files). */
  readonly keys: readonly ReportKey[];
}

/**
 * For every file, the other files that hold the previous-year report of one of its reports (in the order in which
 * they were first found). Files without such a partner are absent. Pairs inside one file are not listed: the check
 * of the file finds them itself.
 */
export function pairFiles(files: readonly FileKeys[]): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  if (files.length < 2) return pairs;
  // first candidate (input order) for every agency key and year
  const first = new Map<string, string>();
  for (const f of files) {
    for (const k of f.keys) {
      if (!k) continue;
      const id = `${k.year}\u0000${k.key}`;
      if (!first.has(id)) first.set(id, f.path);
    }
  }
  for (const f of files) {
    for (const k of f.keys) {
      if (!k) continue;
      const prev = first.get(`${k.year - 1}\u0000${k.key}`);
      if (prev === undefined || prev === f.path) continue;
      const list = pairs.get(f.path) ?? [];
      if (!list.includes(prev)) list.push(prev);
      pairs.set(f.path, list);
    }
  }
  return pairs;
}
