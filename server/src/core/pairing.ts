/**
 * Pairing reports for the cross-year rules (domain.md §3.7): a report of year Y is paired with the same agency's
 * report of year Y−1 when the host has it among the documents it checks. The one definition of "the same agency"
 * and of "which report is the previous year" for the CLI, the language server (fresh and incremental checks) and
 * the tests. Pure functions; no Node or VS Code imports.
 *
 * Agencies name themselves differently from year to year: `洪泽区人民政府` one year, `淮安市洪泽区人民政府` the
 * next; `卫健委` for `卫生健康委员会`; `区政府` for `区人民政府`; spaces anywhere. An agency's identity is its name
 * with these variants removed (`key`) plus the regions that were stripped from its front (`regions`, outermost
 * first). Two names are the same agency when their keys are equal and the regions of one are all regions of the
 * other (`江苏省淮安市洪泽区…` ~ `淮安市洪泽区…` ~ `洪泽区…`, but `A市经开区…` ≁ `B市经开区…`).
 */

import { perReport, type Report } from './model';

/** Abbreviations normalised in agency names, longest first so that a short form never leaves a stray character. */
const AGENCY_ABBREVIATIONS: readonly (readonly [string, string])[] = [
  ['市场监管局', '市场监督管理局'],
  ['卫健委', '卫生健康委员会'],
  ['卫健局', '卫生健康局'],
  ['发改委', '发展和改革委员会'],
  ['发改局', '发展和改革局'],
  ['人社局', '人力资源和社会保障局'],
  ['住建局', '住房和城乡建设局'],
  ['科委', '科学技术委员会'],
  ['区政府', '区人民政府'],
  ['县政府', '县人民政府'],
  ['市政府', '市人民政府'],
];

const SPACES_RE = /\s+/g;

/** A region in front of an agency name that may be left out: a province, region, city, prefecture or league. */
const OUTER_REGION_RE = /^([\u4e00-\u9fff]{1,8}?(?:[省市州盟]|自治区|特别行政区|自治州|地区))/u;

/** What must follow a stripped region: the name of a region below it (district, county, county-level city …). */
const INNER_REGION_RE = /^[\u4e00-\u9fff]{1,7}?(?:[区县市旗镇乡州]|自治县|自治旗|街道)/u;

/** An agency as pairing compares it (see the top of this file). */
export interface AgencyIdentity {
  readonly key: string;
  /** Regions stripped from the front of the name, outermost first. */
  readonly regions: readonly string[];
}

/** What pairing needs of a report: its agency and year; null when it can never be paired. */
export type ReportKey = (AgencyIdentity & { readonly year: number }) | null;

/** The identity of an agency name; undefined for an empty name. */
export function agencyIdentity(name: string): AgencyIdentity | undefined {
  let key = name.normalize('NFKC').replace(SPACES_RE, '');
  for (const [short, long] of AGENCY_ABBREVIATIONS) if (key.includes(short)) key = key.split(short).join(long);
  if (!key) return undefined;
  const regions: string[] = [];
  for (;;) {
    const m = OUTER_REGION_RE.exec(key);
    if (!m) break;
    const rest = key.slice(m[1].length);
    if (!INNER_REGION_RE.test(rest)) break;
    regions.push(m[1]);
    key = rest;
  }
  return { key, regions };
}

/** The agency key of a report (its title's agency, see `agencyIdentity`); undefined when the title names none. */
export function agencyKey(report: Report): string | undefined {
  return reportAgency(report)?.key;
}

/** How an agency's name ends (government, bureau, commission, office, region …): what a title's agency must look like. */
const AGENCY_END_RE = /(?:政府|办公厅|办公室|委员会|管委会|[局委厅院区县市州盟旗镇乡所处站队会部署馆办学校社台园司团]|中心|街道)$/u;

/** Words that name no particular agency (`2021年度政府信息公开…` has none). */
const GENERIC_RE = /^(?:人民)?政府$/u;

/**
 * The agency between the year and `政府信息公开` (`2024年上海市科委政府信息公开工作年度报告`): group 1, or a lone
 * blank (group 2, names no agency) where only blanks stand between them. The name starts and ends with a non-blank
 * (the blanks around it go to the `\s*` beside it), so no two quantifiers can trade characters (linear time).
 */
const AFTER_YEAR_RE = /(?:19|20)\d{2}\s*年度?(?:\s*(\S(?:.*?\S)??)|(\s))\s*(?:政府)?信息公开/u;

/**
 * The agency a report's title names: the text before the year (`洪泽区人民政府2023年…`), else the text after it
 * (`2024年上海市科委政府信息公开…`); a name that does not end like an agency's (a page artefact such as `正文`
 * before the year) names none.
 */
function reportAgency(report: Report): AgencyIdentity | undefined {
  const title = report.title;
  if (!title) return undefined;
  const m = AFTER_YEAR_RE.exec(title.text.normalize('NFKC'));
  const after = m ? (m[1] ?? m[2]) : undefined;
  for (const name of [title.agency, after]) {
    const id = name ? agencyIdentity(name) : undefined;
    if (id && AGENCY_END_RE.test(id.key) && !GENERIC_RE.test(id.key)) return id;
  }
  return undefined;
}

/** The pairing key of a report; null for documents that are no report, suspect encodings, no agency or year. */
export const reportKey: (report: Report) => ReportKey = perReport((report) => {
  if (report.notAReport || report.encodingSuspect) return null;
  const agency = reportAgency(report);
  const year = report.title?.year;
  if (agency === undefined || year === undefined) return null;
  return { key: agency.key, regions: agency.regions, year };
});

/** Whether two identities name the same agency: equal keys, and the regions of one are among the other's. */
export function sameAgency(a: AgencyIdentity, b: AgencyIdentity): boolean {
  if (a.key !== b.key) return false;
  const [small, large] = a.regions.length <= b.regions.length ? [a.regions, b.regions] : [b.regions, a.regions];
  return small.every((r) => large.includes(r));
}

/**
 * Reports by agency and year, in the order they were added; `previousOf` answers the first one added of the same
 * agency and the year before. The lookup behind every pairing below.
 */
export class PairIndex<T> {
  private readonly byYearKey = new Map<string, { readonly id: AgencyIdentity; readonly item: T }[]>();

  add(k: ReportKey, item: T): void {
    if (!k) return;
    const slot = `${k.year}\u0000${k.key}`;
    const list = this.byYearKey.get(slot);
    if (list) list.push({ id: k, item });
    else this.byYearKey.set(slot, [{ id: k, item }]);
  }

  previousOf(k: ReportKey): T | undefined {
    if (!k) return undefined;
    return this.byYearKey.get(`${k.year - 1}\u0000${k.key}`)?.find((e) => sameAgency(e.id, k))?.item;
  }
}

/**
 * The candidate holding the same agency's report for the previous year (title year − 1), or undefined.
 * Candidates are searched in the given order; the first match wins (hosts pass them in a stable order).
 * The report itself, reports without agency or year, and documents that are no report are never paired.
 */
export function findPreviousYear<T extends { readonly report: Report }>(report: Report, candidates: readonly T[]): T | undefined {
  const k = reportKey(report);
  if (!k) return undefined;
  for (const c of candidates) {
    if (c.report === report) continue;
    const other = reportKey(c.report);
    if (other && other.year === k.year - 1 && sameAgency(other, k)) return c;
  }
  return undefined;
}

export interface FileKeys {
  readonly path: string;
  /** One entry per report of the file, in document order (empty for unreadable or binary files). */
  readonly keys: readonly ReportKey[];
}

/**
 * For every file, the other files that hold the previous-year report of one of its reports (in the order in which
 * they were first found), from the files' report keys alone (computed where each file is parsed anyway, e.g. in a
 * worker). The same choice as `findPreviousYear` over the reports of all files in input order. Files without such
 * a partner are absent. Pairs inside one file are not listed: the check of the file finds them itself.
 */
export function pairFiles(files: readonly FileKeys[]): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  if (files.length < 2) return pairs;
  const index = new PairIndex<string>();
  for (const f of files) for (const k of f.keys) index.add(k, f.path);
  for (const f of files) {
    for (const k of f.keys) {
      const prev = index.previousOf(k);
      if (prev === undefined || prev === f.path) continue;
      const list = pairs.get(f.path) ?? [];
      if (!list.includes(prev)) list.push(prev);
      pairs.set(f.path, list);
    }
  }
  return pairs;
}

/** At most this many other agencies' reports are compared with a report (`cross-report-copy`). */
export const MAX_SAME_YEAR = 32;

/**
 * The candidates holding other agencies' reports of the same year (one per agency key, the first found), for
 * `cross-report-copy`; at most `MAX_SAME_YEAR`, in the given order. Same exclusions as `findPreviousYear`. A scan
 * of the candidates: the checks use `SameYearIndex`, which the tests hold to this choice.
 */
export function findSameYear<T extends { readonly report: Report }>(report: Report, candidates: readonly T[]): T[] {
  const k = reportKey(report);
  if (!k) return [];
  const seen = new Set<string>([k.key]);
  const out: T[] = [];
  for (const c of candidates) {
    if (c.report === report) continue;
    const other = reportKey(c.report);
    if (!other || other.year !== k.year || seen.has(other.key)) continue;
    seen.add(other.key);
    out.push(c);
    if (out.length >= MAX_SAME_YEAR) break;
  }
  return out;
}

/**
 * Candidates for `cross-report-copy` by year, in the order added: the first of each agency key, at most
 * `MAX_SAME_YEAR + 1` per year (one of them may be the asking report's own agency). `of(k)` answers what
 * `findSameYear(self, candidates)` answers over the candidates added (when `self`'s key is `k`), without scanning
 * every candidate for every report.
 */
export class SameYearIndex<T> {
  private readonly byYear = new Map<number, { readonly key: string; readonly item: T }[]>();
  private readonly seen = new Set<string>();

  /** Adds a candidate; true when it is kept (the first of its agency among the first of its year). */
  add(k: ReportKey, item: T): boolean {
    if (!k) return false;
    const slot = `${k.year}\u0000${k.key}`;
    if (this.seen.has(slot)) return false;
    this.seen.add(slot);
    let list = this.byYear.get(k.year);
    if (!list) this.byYear.set(k.year, (list = []));
    if (list.length > MAX_SAME_YEAR) return false;
    list.push({ key: k.key, item });
    return true;
  }

  of(k: ReportKey): T[] {
    if (!k) return [];
    const out: T[] = [];
    for (const e of this.byYear.get(k.year) ?? []) {
      if (e.key === k.key) continue;
      out.push(e.item);
      if (out.length >= MAX_SAME_YEAR) break;
    }
    return out;
  }
}
