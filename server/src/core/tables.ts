/**
 * Table recognition (domain.md §4.4 steps 5–8): rows are anchored by their labels (normalised, prefix and
 * fuzzy matched, forward only with a look-ahead), never by position, so a missing or extra row does not
 * shift the numbers after it. Cells are parsed by the kind of their column.
 */

import type { Cell, ColumnDef, Format, Layout, OffsetRange, Row, RowDef, Table, TableKind } from './model';
import { tokenize, type Tok } from './layout';
import { dice, isPlainCount, nfkc, normLabel, stripBookmarks, type Line } from './text';
import {
  T2_HEADER_WORDS,
  T3_GROUPS_2019,
  T3_GROUPS_2021,
  T3_HEADER_WORDS,
  T4_HEADER_WORDS,
  T4_ROW,
  t2RowDefs,
  t3RowDefs,
  t3SubtotalDefs,
} from './schema';

const LOOKAHEAD = 3;
const BUFFER_MAX = 6;
const FUZZY_MIN = 0.75;

// ---------------------------------------------------------------- cell values

const COUNT_RE = /^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|[元件项个条起次])?$/;
const CHANGE_FULL_RE =
  /^(?:(增加?|减少?)(\d+)(?:[,，、]?(减少?)(\d+))?|([+\-]?)(\d+))$/;

/** Units that are harmless in count cells, per table (`table-cell-unit`). */
function harmlessUnits(table: TableKind): readonly string[] {
  if (table === 'T3') return ['件'];
  if (table === 'T4') return ['件', '起'];
  return ['件', '项', '个', '条'];
}

/** Parses the F2019 `本年增/减` grammar (§2.2) into a net change. */
export function parseChange(compactText: string): number | undefined {
  const m = CHANGE_FULL_RE.exec(compactText);
  if (!m) return undefined;
  if (m[6] !== undefined) {
    const n = Number(m[6]);
    return m[5] === '-' ? -n : n;
  }
  const first = Number(m[2]);
  const sign = m[1].startsWith('增') ? 1 : -1;
  let net = sign * first;
  if (m[4] !== undefined) {
    if (!(m[1].startsWith('增') && m[3].startsWith('减'))) return undefined;
    net -= Number(m[4]);
  }
  return net;
}

function displayRangeOf(text: string, r: OffsetRange): OffsetRange {
  if (r.end > r.start) return r;
  // an empty cell: show the tab before it, or the character after it
  if (r.start > 0 && text.charCodeAt(r.start - 1) === 9) return { start: r.start - 1, end: r.start };
  if (r.start < text.length && text.charCodeAt(r.start) !== 10 && text.charCodeAt(r.start) !== 13) {
    return { start: r.start, end: r.start + 1 };
  }
  return r;
}

const MAX_SAFE_DIGITS = 15;

/** Builds a cell with every property present, so all cells share one object shape. */
function cell(
  column: ColumnDef,
  raw: string,
  range: OffsetRange,
  displayRange: OffsetRange,
  state: Cell['state'],
  value?: number,
  unit?: string,
  unitRange?: OffsetRange,
  notInteger?: boolean,
  negative?: boolean,
  changeText?: boolean,
): Cell {
  return { column, raw, range, displayRange, state, value, unit, unitRange, notInteger, negative, changeText };
}

export function makeCell(
  text: string,
  tok: Tok,
  column: ColumnDef,
  table: TableKind,
  format: Format,
  def: RowDef,
): Cell {
  const raw = tok.text;
  const range = tok.range;
  const display = displayRangeOf(text, range);
  if (tok.kind === 'value' && tok.blank) return cell(column, raw, range, display, 'blank');
  // the common case, digits only: what the general path below computes for it
  if (column.kind !== 'change' && isPlainCount(raw)) return cell(column, raw, range, display, 'number', Number(raw));
  const c = nfkc(stripBookmarks(raw)).replace(/\s+/g, '');
  if (column.kind === 'change') {
    const net = parseChange(c);
    if (net !== undefined && c.replace(/\D/g, '').length <= MAX_SAFE_DIGITS) {
      return cell(column, raw, range, display, 'number', net, undefined, undefined, undefined, undefined, !/^[+\-]?\d+$/.test(c));
    }
    return cell(column, raw, range, display, 'text');
  }
  const m = COUNT_RE.exec(c);
  if (!m) return cell(column, raw, range, display, 'text');
  const [, sign, digits, decimals, unit] = m;
  let unitRange: OffsetRange | undefined;
  if (unit) {
    const unitStart = raw.lastIndexOf(unit[0]);
    if (unitStart >= 0) unitRange = { start: range.start + unitStart, end: range.start + raw.length };
    const tolerated = column.unitsTolerated?.includes(unit) ?? false;
    const harmless =
      column.kind === 'count'
        ? harmlessUnits(table).includes(unit)
        : format === 'F2021' && def.subTable === '（八）' && unit === '万元';
    if (!tolerated && !harmless) return cell(column, raw, range, display, 'text');
    // F2019 （九）: units are normal there, not reported
    if (tolerated) return finishNumber(column, raw, range, display, sign, digits, decimals);
  }
  return finishNumber(column, raw, range, display, sign, digits, decimals, unit, unitRange);
}

function finishNumber(
  column: ColumnDef,
  raw: string,
  range: OffsetRange,
  display: OffsetRange,
  sign: string,
  digits: string,
  decimals: string | undefined,
  unit?: string,
  unitRange?: OffsetRange,
): Cell {
  const plain = digits.indexOf(',') >= 0 ? digits.replace(/,/g, '') : digits;
  let significant = 0;
  while (significant < plain.length && plain.charCodeAt(significant) === 48) significant++;
  if (plain.length - significant > MAX_SAFE_DIGITS) return cell(column, raw, range, display, 'text', undefined, unit, unitRange);
  const value = Number(decimals ? plain + decimals : plain);
  const negative = sign === '-' && value !== 0;
  const notInteger = column.kind === 'count' && decimals !== undefined && Number(decimals) !== 0;
  if (negative || notInteger) return cell(column, raw, range, display, 'number', undefined, unit, unitRange, notInteger, negative);
  return cell(column, raw, range, display, 'number', value, unit, unitRange);
}

// ---------------------------------------------------------------- row anchoring

interface Open {
  def: RowDef;
  index: number;
  labelToks: Tok[];
  match: Row['match'];
  similarity: number;
  values: Tok[];
  /** Line of the last value token seen. */
  valueLine: number;
}

interface MatchResult {
  kind: 'row' | 'group' | 'partial';
  index?: number;
  def?: RowDef;
  group?: string;
  toks: Tok[];
  match?: Row['match'];
  similarity?: number;
}

interface AnchorSpec {
  defs: readonly RowDef[];
  /** Normalised group labels stripped from the front of a label buffer. */
  groups: readonly string[];
  /** Characters of the group labels: fragments of a vertical group label printed in front of row labels. */
  groupChars: ReadonlySet<string>;
  /** Group label (normalised) → subtotal row def. */
  subtotals: ReadonlyMap<string, RowDef>;
  skip: (norm: string) => boolean;
  /** T2: rows are unique and their sub-tables come in any order. */
  anyOrder: boolean;
  /** Per def (same index): its label without the leading numeral, and without punctuation (matchBuffer). */
  bareNorms: readonly string[];
  plainNorms: readonly string[];
  /** Label or variant → the defs it names, in def order, with how (matchBuffer step 1 without a scan of the defs). */
  byLabel: ReadonlyMap<string, readonly { index: number; match: 'exact' | 'variant' }[]>;
  /** Label without its numeral → the defs with that bare label, in def order. */
  byBare: ReadonlyMap<string, readonly number[]>;
}

/** A spec with the per-def label forms matchBuffer compares against, computed once. */
function anchorSpec(s: Omit<AnchorSpec, 'bareNorms' | 'plainNorms' | 'byLabel' | 'byBare'>): AnchorSpec {
  const byLabel = new Map<string, { index: number; match: 'exact' | 'variant' }[]>();
  const byBare = new Map<string, number[]>();
  const add = <T>(m: Map<string, T[]>, k: string, v: T): void => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const bareNorms = s.defs.map((d) => bare(d.norm));
  s.defs.forEach((d, j) => {
    add(byLabel, d.norm, { index: j, match: 'exact' as const });
    // a variant equal to the def's own label matched as exact already (the label is compared first)
    for (const v of d.variants ?? []) if (v !== d.norm) add(byLabel, v, { index: j, match: 'variant' as const });
    add(byBare, bareNorms[j], j);
  });
  return { ...s, bareNorms, plainNorms: s.defs.map((d) => d.norm.replace(PUNCT_RE, '')), byLabel, byBare };
}

/**
 * `dice` of a label text and a row label, remembered: the same header fragments meet the same row labels in table
 * after table (bounded; the key is a fresh string, so it pins no document).
 */
function labelDice(text: string, label: string): number {
  const key = text + '\u0001' + label;
  let v = diceMemo.get(key);
  if (v === undefined) {
    if (diceMemo.size >= 20_000) diceMemo.clear();
    diceMemo.set(key, (v = dice(text, label)));
  }
  return v;
}
const diceMemo = new Map<string, number>();

/** The largest Dice coefficient two strings of these lengths can have (bigram counts bound the common ones). */
function diceBound(a: number, b: number): number {
  if (a < 2 || b < 2) return 0;
  return (2 * Math.min(a - 1, b - 1)) / (a - 1 + b - 1);
}

const ITEM_MARK = /(?:\d{1,2}\.|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}、)/;
const LEADING_MARK_RE = new RegExp(`^${ITEM_MARK.source}`);

/** The label without its leading numeral: `一、本年新收…` and `本年新收…` are the same label. */
function bare(s: string): string {
  return s.replace(LEADING_MARK_RE, '');
}

function meaningfulPrefix(s: string): boolean {
  return bare(s).length >= 2;
}

/** Drops 1–5 leading characters that are fragments of group labels when a row label follows (`本2.其他…`). */
function stripFragments(s: string, chars: ReadonlySet<string>): string {
  const m = /^(.{1,5}?)(?=\d{1,2}\.|\([一二三四五六七八九十]{1,2}\))/.exec(s);
  if (!m) return s;
  for (const c of m[1]) if (!chars.has(c)) return s;
  return s.slice(m[1].length);
}

function stripGroups(s: string, groups: readonly string[]): { rest: string; group?: string; partial: boolean } {
  let rest = s;
  let group: string | undefined;
  for (let guard = 0; guard < 4; guard++) {
    const g = groups.find((x) => rest.startsWith(x));
    if (!g) break;
    rest = rest.slice(g.length);
    group = g;
  }
  const partial = rest.length >= 2 && groups.some((g) => g.length > rest.length && g.startsWith(rest));
  return { rest, group, partial };
}

interface Suffix {
  /** Index in the buffer where the suffix starts. */
  readonly from: number;
  /** The suffix's tokens' labels joined. */
  readonly joined: string;
  readonly rest: string;
  readonly group?: string;
  readonly partial: boolean;
}

function matchBuffer(buf: readonly Tok[], spec: AnchorSpec, next: number, matched: ReadonlySet<number>): MatchResult | undefined {
  const { defs, groups } = spec;
  // suffixes of the buffer, shortest first, made as the steps ask for them: most labels are named exactly by
  // the shortest one, and then the longer ones are never joined
  const made: Suffix[] = [];
  let nextFrom = buf.length - 1;
  let acc = '';
  const suffix = (k: number): Suffix | undefined => {
    while (made.length <= k && nextFrom >= 0) {
      const from = nextFrom--;
      acc = buf[from].norm + acc;
      if (spec.skip(acc)) continue; // a header word alone (总计, 其他) names no row
      const g = stripGroups(acc, groups);
      made.push({ from, joined: acc, rest: stripFragments(g.rest, spec.groupChars), group: g.group, partial: g.partial });
    }
    return made[k];
  };
  const toksOf = (s: Suffix): Tok[] => buf.slice(s.from);
  // 1. exact (or a known variant) against every row not yet seen; then the same label without its numeral
  for (let k = 0, s = suffix(0); s; s = suffix(++k)) {
    if (!s.rest) continue;
    for (const hit of spec.byLabel.get(s.rest) ?? []) {
      if (!matched.has(hit.index)) return { kind: 'row', index: hit.index, def: defs[hit.index], toks: toksOf(s), match: hit.match, similarity: 1 };
    }
  }
  const suffixes = made; // all of them by now
  for (const s of suffixes) {
    const b = bare(s.rest);
    if (b.length < 4) continue; // 其他, 总计 … are too short to stand without their numeral
    for (const j of spec.byBare.get(b) ?? []) {
      if (!matched.has(j)) return { kind: 'row', index: j, def: defs[j], toks: toksOf(s), match: 'exact', similarity: 1 };
    }
  }
  // 2. a complete group label (longest suffix)
  for (let k = suffixes.length - 1; k >= 0; k--) {
    const s = suffixes[k];
    if (s.rest === '' && s.group) return { kind: 'group', group: s.group, toks: toksOf(s) };
  }
  // 3. the start of a group label wrapped over several fragments: wait for more
  for (let k = suffixes.length - 1; k >= 0; k--) {
    const s = suffixes[k];
    if (s.partial && (s.rest === s.joined || s.group)) return { kind: 'partial', toks: toksOf(s) };
  }
  // the look-ahead window: the next unseen rows (any unseen row when the order is free)
  const window: number[] = [];
  for (let j = spec.anyOrder ? 0 : next; j < defs.length && (spec.anyOrder || window.length <= LOOKAHEAD); j++) {
    if (!matched.has(j)) window.push(j);
  }
  // 4. prefix either way (wrapped or truncated labels)
  for (const s of suffixes) {
    if (s.rest.length < 3 || !meaningfulPrefix(s.rest)) continue;
    for (const j of window) {
      const d = defs[j];
      if (d.norm.startsWith(s.rest) || (s.rest.startsWith(d.norm) && d.norm.length >= 2)) {
        return { kind: 'row', index: j, def: d, toks: toksOf(s), match: 'prefix', similarity: dice(s.rest, d.norm) };
      }
    }
  }
  // 5. fuzzy (punctuation differences are not typos: compare without it)
  let best: MatchResult | undefined;
  for (const s of suffixes) {
    if (s.rest.length < 2) continue;
    const plain = s.rest.replace(PUNCT_RE, '');
    for (const j of window) {
      const d = defs[j];
      if (plain === spec.plainNorms[j]) return { kind: 'row', index: j, def: d, toks: toksOf(s), match: 'exact', similarity: 1 };
      // no bigram counting when the lengths alone rule the pair out
      const bound = diceBound(s.rest.length, d.norm.length);
      if (bound < FUZZY_MIN || (best && bound <= best.similarity!)) continue;
      const sim = labelDice(s.rest, d.norm);
      if (sim >= FUZZY_MIN && (!best || sim > best.similarity!)) {
        best = { kind: 'row', index: j, def: d, toks: toksOf(s), match: 'fuzzy', similarity: sim };
      }
    }
  }
  return best;
}

const PUNCT_RE = /[,，、;；:：.。·\s]/g;

function continuesLabel(open: Open, tok: Tok, spec: AnchorSpec): boolean {
  const cur = open.labelToks.map((t) => t.norm).join('');
  const target = open.def.norm;
  for (const piece of [tok.norm, stripLeadingFragment(tok.norm, spec.groupChars)]) {
    if (!piece) continue;
    const joined = cur + piece;
    if (target.startsWith(joined)) return true;
    if (target.startsWith(cur) && joined.startsWith(target) && joined.length - target.length <= 2) return true;
  }
  const joined = cur + tok.norm;
  return joined.length <= target.length + 2 && dice(joined, target) > dice(cur, target) + 0.05;
}

/** Drops up to 3 leading group-label characters glued before a label continuation (`法提供行制作`). */
function stripLeadingFragment(s: string, chars: ReadonlySet<string>): string {
  let k = 0;
  while (k < 3 && k < s.length - 1 && chars.has(s[k])) k++;
  return k ? s.slice(k) : '';
}

export interface AnchoredResult {
  rows: Row[];
  /** Indexes (into defs) of the rows found. */
  matched: ReadonlySet<number>;
}

function looksLikeLabel(tok: Tok, spec: AnchorSpec): boolean {
  if (tok.norm.length > 8) return true;
  if (spec.skip(tok.norm)) return true;
  if (spec.groups.some((g) => g.startsWith(tok.norm) || tok.norm.startsWith(g))) return true;
  return spec.defs.some((d) => d.norm === tok.norm || (tok.norm.length >= 3 && d.norm.startsWith(tok.norm)));
}

function buildRow(text: string, o: Open, table: TableKind, format: Format): Row {
  const expected = o.def.columns.length;
  const vals = o.values.slice();
  while (vals.length > expected && vals[0].kind === 'value' && vals[0].blank) vals.shift();
  while (vals.length > expected && vals[vals.length - 1].kind === 'value' && vals[vals.length - 1].blank) vals.pop();
  const aligned = vals.length === expected;
  const cells: Cell[] = vals.map((t, i) => {
    const col: ColumnDef = o.def.columns[i] ?? { id: `x${i + 1}`, label: `第${i + 1}个数值`, kind: 'count', derived: false };
    return makeCell(text, t, col, table, format, o.def);
  });
  const first = o.labelToks[0];
  const last = o.labelToks[o.labelToks.length - 1];
  // a docx bookmark before the label is an artefact, not part of the label
  const bm = /^(?:\[bookmark:[^\]]*\]\s*)+/.exec(first.text);
  const labelRange = { start: first.range.start + (bm ? bm[0].length : 0), end: last.range.end };
  const valuesRange = cells.length
    ? { start: cells[0].displayRange.start, end: cells[cells.length - 1].displayRange.end }
    : { start: labelRange.end, end: labelRange.end };
  let lastLine = last.lastLine;
  for (const v of vals) if (v.lastLine > lastLine) lastLine = v.lastLine;
  return {
    def: o.def,
    label: stripBookmarks(o.labelToks.map((t) => t.text).join('')),
    labelRange,
    labelLine: first.line,
    match: o.match,
    similarity: o.similarity,
    cells,
    aligned,
    written: vals.length,
    expected,
    valuesRange,
    lastLine,
  };
}

/** A value token that is alone on its line (no tab before it: not a docx cell, whose rows end at empty lines). */
function isLoneCell(text: string, tok: Tok): boolean {
  let a = tok.range.start;
  while (a > 0 && text.charCodeAt(a - 1) !== 10 && text.charCodeAt(a - 1) !== 13) {
    a--;
    if (text.charCodeAt(a) === 9) return false;
  }
  return true;
}

/**
 * One cell per line (L1): a row is its label cell followed by its value cells; a text cell ends the row.
 */
function anchorSequential(text: string, toks: readonly Tok[], spec: AnchorSpec, table: TableKind, format: Format): AnchoredResult {
  const rows: Row[] = [];
  const matched = new Set<number>();
  let next = 0;
  let buf: Tok[] = [];
  let open: Open | undefined;
  let pendingGroup: { group: string; toks: Tok[] } | undefined;

  const close = (): void => {
    if (!open) return;
    rows.push(buildRow(text, open, table, format));
    open = undefined;
  };

  // PDF text without layout puts every cell in a paragraph of its own (`规章`, ``, `1`, ``, `0`, ``, `11`): a
  // row still short of values continues over an empty line when the next cell is a number
  let nextCell = -1;
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.kind === 'break') {
      if (open && open.values.length) {
        // the next cell after this run of empty lines (found once per run: linear in the run's length)
        if (k >= nextCell) {
          nextCell = k + 1;
          while (nextCell < toks.length && (toks[nextCell].kind === 'break' || toks[nextCell].kind === 'eol')) nextCell++;
        }
        const nx = toks[nextCell];
        const short = open.values.length < open.def.columns.length && open.values.every((v) => v.kind === 'value' && !v.blank);
        if (!(short && nx && nx.kind === 'value' && !nx.blank && isLoneCell(text, nx))) close();
      }
      buf = [];
      continue;
    }
    if (tok.kind === 'eol') continue;
    if (tok.kind === 'value') {
      if (open) {
        open.values.push(tok);
        open.valueLine = tok.line;
        continue;
      }
      if (pendingGroup && !tok.blank) {
        const def = spec.subtotals.get(pendingGroup.group);
        if (def) {
          open = { def, index: -1, labelToks: pendingGroup.toks, match: 'exact', similarity: 1, values: [tok], valueLine: tok.line };
          pendingGroup = undefined;
          continue;
        }
      }
      continue; // padding before a label, or stray header numbers
    }
    if (open) {
      if (open.values.length === 0) {
        if (continuesLabel(open, tok, spec)) {
          open.labelToks.push(tok);
          continue;
        }
        close();
      } else if (open.values.length < open.def.columns.length && !looksLikeLabel(tok, spec)) {
        open.values.push(tok); // a non-numeric value cell such as 两 or 见附件
        open.valueLine = tok.line;
        continue;
      } else {
        close();
      }
    }
    if (spec.skip(tok.norm)) continue;
    buf.push(tok);
    if (buf.length > BUFFER_MAX) buf.shift();
    const m = matchBuffer(buf, spec, next, matched);
    if (!m || m.kind === 'partial') continue;
    if (m.kind === 'group') {
      pendingGroup = { group: m.group!, toks: m.toks };
      buf = [];
      continue;
    }
    open = { def: m.def!, index: m.index!, labelToks: m.toks, match: m.match!, similarity: m.similarity!, values: [], valueLine: -1 };
    matched.add(m.index!);
    next = Math.max(next, m.index! + 1);
    buf = [];
    pendingGroup = undefined;
  }
  close();
  return { rows, matched };
}

/**
 * Line-based layouts (tabs, PDF text, pipes, HTML rows). A line holds a label and its values, or a label alone
 * (its values come on a later line: PDF wrapping), or values alone. Label-only rows wait in a queue and take
 * the value-only lines in order; a value-only line right before a label-only line (PDF→Markdown) is paired with
 * it. Values are never given to a row when that pairing is ambiguous: such rows stay without values.
 */
function anchorLines(text: string, toks: readonly Tok[], spec: AnchorSpec, table: TableKind, format: Format): AnchoredResult {
  const rows: Row[] = [];
  const matched = new Set<number>();
  let next = 0;
  let buf: Tok[] = [];
  const pending: Open[] = [];
  let orphan: Tok[] | undefined; // a value-only line not yet claimed
  let pendingGroup: { group: string; toks: Tok[] } | undefined;
  const expectedCount = spec.defs[0]?.columns.length ?? 7;

  const emit = (o: Open): void => {
    rows.push(buildRow(text, o, table, format));
  };
  const take = (m: MatchResult): Open => {
    matched.add(m.index!);
    next = Math.max(next, m.index! + 1);
    buf = [];
    pendingGroup = undefined;
    return { def: m.def!, index: m.index!, labelToks: m.toks, match: m.match!, similarity: m.similarity!, values: [], valueLine: -1 };
  };

  // group tokens into physical lines
  const lineToks: Tok[][] = [];
  let cur: Tok[] = [];
  for (const t of toks) {
    if (t.kind === 'eol' || t.kind === 'break') {
      if (cur.length) lineToks.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) lineToks.push(cur);

  for (const rawLine of lineToks) {
    // merged-cell padding: blank cells before the first label cell
    let lead = 0;
    while (lead < rawLine.length && rawLine[lead].kind === 'value' && rawLine[lead].blank) lead++;
    const line = lead < rawLine.length && rawLine[lead].kind === 'text' ? rawLine.slice(lead) : rawLine;
    const firstValue = line.findIndex((t) => t.kind === 'value');
    let labelToks = firstValue < 0 ? line : line.slice(0, firstValue);
    // header cells (自然人, 总计, 信息内容 …) are no labels; inside a label (`3. 其他`) they are
    if (labelToks.every((t) => spec.skip(t.norm))) labelToks = [];
    const cells = firstValue < 0 ? [] : line.slice(firstValue);
    const nonBlank = cells.filter((t) => t.kind === 'value' && !t.blank).length;

    if (labelToks.length === 0) {
      if (cells.length === 0 || (nonBlank === 0 && cells.length < expectedCount)) continue; // padding
      if (nonBlank === 1 && cells.length === 1 && expectedCount > 2) continue; // a stray number (page number, footnote)
      if (pending.length) {
        const o = pending.shift()!;
        o.values = cells;
        emit(o);
      } else if (pendingGroup && nonBlank > 0 && spec.subtotals.get(pendingGroup.group)) {
        const def = spec.subtotals.get(pendingGroup.group)!;
        emit({ def, index: -1, labelToks: pendingGroup.toks, match: 'exact', similarity: 1, values: cells, valueLine: cells[0].line });
        pendingGroup = undefined;
      } else {
        orphan = cells; // may belong to the label on the next line
      }
      continue;
    }

    // a label (perhaps followed by values): find the longest leading part of it that names a row
    let m: MatchResult | undefined;
    let extra: Tok[] = [];
    const base = buf.slice(-BUFFER_MAX);
    for (let k = labelToks.length; k >= 1 && !m; k--) {
      const r = matchBuffer([...base, ...labelToks.slice(0, k)].slice(-BUFFER_MAX - k), spec, next, matched);
      // short text after an exactly named row label: non-numeric cells (两, 见附件)
      if (r && r.kind === 'row' && k < labelToks.length && !(r.match === 'exact' && labelToks.slice(k).every((t) => t.norm.length <= 6))) continue;
      if (r && (r.kind !== 'partial' || k === labelToks.length)) {
        m = r;
        extra = labelToks.slice(k);
      }
    }
    const allCells = [...extra, ...cells];

    if (m && m.kind === 'row') {
      const o = take(m);
      if (allCells.length) {
        o.values = allCells;
        emit(o);
        orphan = undefined;
      } else if (orphan && orphan.length >= expectedCount - 1) {
        // values printed just before their label (PDF→Markdown)
        o.values = orphan;
        orphan = undefined;
        emit(o);
      } else {
        pending.push(o);
        orphan = undefined;
      }
      continue;
    }
    if (m && m.kind === 'group') {
      pendingGroup = { group: m.group!, toks: m.toks };
      buf = [];
      if (nonBlank > 0 && spec.subtotals.get(m.group!)) {
        const def = spec.subtotals.get(m.group!)!;
        emit({ def, index: -1, labelToks: m.toks, match: 'exact', similarity: 1, values: cells, valueLine: cells[0].line });
        pendingGroup = undefined;
      }
      orphan = undefined;
      continue;
    }
    if (m && m.kind === 'partial') {
      buf = m.toks.slice();
      continue;
    }

    // no row named: the continuation of a waiting label, a repeat of it (`### 一、…` then `| 本年新收… | 705 |`),
    // or a middle fragment of a waiting label with its values
    const labelNorm = labelToks.map((t) => t.norm).join('');
    const newest = pending[pending.length - 1];
    if (newest && labelToks.every((t) => continuesLabel(newest, t, spec) || stripLeadingFragment(t.norm, spec.groupChars))) {
      if (continuesLabel(newest, labelToks[0], spec)) {
        newest.labelToks.push(...labelToks);
        if (cells.length && nonBlank > 0) {
          pending.pop();
          newest.values = cells;
          emit(newest);
        }
        continue;
      }
    }
    if (cells.length && nonBlank > 0 && labelNorm.length >= 4) {
      const holder = pending.find((p) => p.def.norm.includes(labelNorm) || p.def.norm.includes(stripLeadingFragment(labelNorm, spec.groupChars) || '\u0000'));
      if (holder) {
        pending.splice(pending.indexOf(holder), 1);
        holder.values = cells;
        emit(holder);
        continue;
      }
    }
    // junk (header fragments, wrapped group labels): keep it for the next label
    buf.push(...labelToks);
    if (buf.length > BUFFER_MAX) buf = buf.slice(-BUFFER_MAX);
  }
  // labels whose values never came: rows with no values (unaligned)
  for (const o of pending) emit(o);
  rows.sort((a, b) => a.labelRange.start - b.labelRange.start);
  return { rows, matched };
}

// ---------------------------------------------------------------- tables

const CAPTION_RE = /^第二十条第\([一二三四五六七八九十]{1,3}\)项$/;
const T2_SKIP = new Set(T2_HEADER_WORDS);
const T3_SKIP = new Set(T3_HEADER_WORDS);

function t2Skip(norm: string): boolean {
  return T2_SKIP.has(norm) || CAPTION_RE.test(norm) || /^注[:：]/.test(norm);
}
function t3Skip(norm: string): boolean {
  return T3_SKIP.has(norm) || /^\(?本列数据的勾稽关系/.test(norm) || /^注[:：]/.test(norm);
}

export interface Segment {
  kind: TableKind;
  from: number;
  /** Exclusive. */
  to: number;
  layout: Layout;
}

function emptyTable(kind: TableKind, seg: Segment, format: Format, lines: readonly Line[]): Omit<Table, 'rows' | 'expected' | 'missing' | 'truncatedRows' | 'range' | 'lastLine'> {
  void lines;
  return {
    kind,
    layout: seg.layout,
    format,
    orphan: false,
    firstLine: seg.from,
    hasLegalSubtotal: false,
    captions: [],
  };
}

function tableRange(lines: readonly Line[], first: number, last: number): OffsetRange {
  return { start: lines[first].start, end: lines[last].end };
}

const GROUP_CHARS = new Set(
  normLabel('三、本年度办理结果（三）不予公开（四）无法提供（五）不予处理（六）其他处理').replace(/[()、]/g, '') + '()、',
);

const specs = new Map<string, AnchorSpec>();

function t3Spec(format: Format, hasLegalSubtotal: boolean): AnchorSpec {
  const key = `T3/${format}/${hasLegalSubtotal}`;
  let spec = specs.get(key);
  if (!spec) {
    const defs = t3RowDefs(format, hasLegalSubtotal);
    const groups = ['三、本年度办理结果', ...(format === 'F2021' ? T3_GROUPS_2021 : T3_GROUPS_2019)].map(normLabel);
    const subtotals = new Map<string, RowDef>();
    for (const d of t3SubtotalDefs(format, defs[0].columns)) subtotals.set(d.norm, d);
    spec = anchorSpec({ defs, groups, groupChars: GROUP_CHARS, subtotals, skip: t3Skip, anyOrder: false });
    specs.set(key, spec);
  }
  return spec;
}

function t2Spec(format: Format): AnchorSpec {
  const key = `T2/${format}`;
  let spec = specs.get(key);
  if (!spec) {
    spec = anchorSpec({ defs: t2RowDefs(format), groups: [], groupChars: new Set(), subtotals: new Map(), skip: t2Skip, anyOrder: true });
    specs.set(key, spec);
  }
  return spec;
}

export function parseLabelTable(text: string, lines: readonly Line[], seg: Segment, format: Format): Table | undefined {
  const toks = tokenize(lines, seg.from, seg.to, seg.layout);
  let defs: RowDef[];
  let spec: AnchorSpec;
  let hasLegalSubtotal = false;
  if (seg.kind === 'T3') {
    // the optional 法人或其他组织小计 column, announced by the header
    for (const t of toks) {
      if (t.kind === 'text' && /小计/.test(t.norm)) {
        hasLegalSubtotal = true;
        break;
      }
      if (t.kind === 'text' && /^一、本年新收/.test(t.norm)) break;
    }
    spec = t3Spec(format, hasLegalSubtotal);
    defs = spec.defs as RowDef[];
  } else {
    spec = t2Spec(format);
    defs = spec.defs as RowDef[];
  }
  const res = seg.layout === 'L1' ? anchorSequential(text, toks, spec, seg.kind, format) : anchorLines(text, toks, spec, seg.kind, format);
  if (res.rows.length === 0) return undefined;
  let rows = res.rows;
  let expected = defs;
  let sixAsOneRow = false;
  if (seg.kind === 'T3' && format === 'F2021') {
    // a 2021 table that keeps the 2019 single row （六）其他处理 (with its own numbers, no sub-rows)
    const g6 = rows.find((r) => r.def.key === 'g6');
    const subs = defs.map((d, i) => (d.key.startsWith('r6_') ? i : -1)).filter((i) => i >= 0);
    if (g6 && subs.every((i) => !res.matched.has(i))) {
      const r6 = t3RowDefs('F2019', hasLegalSubtotal).find((d) => d.key === 'r6')!;
      rows = rows.map((r) => (r === g6 ? { ...r, def: r6, cells: r.cells.map((c, i) => ({ ...c, column: r6.columns[i] ?? c.column })) } : r));
      expected = defs.flatMap((d) => (d.key === 'r6_1' ? [r6] : d.key.startsWith('r6_') ? [] : [d]));
      sixAsOneRow = true;
    }
  }
  const matchedKeys = new Set(rows.map((r) => r.def.key));
  const present = expected.map((d) => matchedKeys.has(d.key));
  const lastPresent = present.lastIndexOf(true);
  const missing: { def: RowDef; before?: Row }[] = [];
  expected.forEach((d, i) => {
    if (present[i] || (i > lastPresent && seg.kind === 'T3')) return;
    // T2 rows come in any order and have no tail: every absent row is missing
    const after = expected.slice(i + 1).find((_, k) => present[i + 1 + k]);
    const beforeKey = after?.key ?? [...expected.slice(0, i)].reverse().find((x) => matchedKeys.has(x.key))?.key;
    missing.push({ def: d, before: rows.find((r) => r.def.key === beforeKey) });
  });
  const firstLine = Math.min(seg.from, ...rows.map((r) => r.labelLine));
  const lastLine = Math.max(...rows.map((r) => r.lastLine));
  const captions =
    seg.kind === 'T2'
      ? toks
          .filter((t) => t.kind === 'text' && CAPTION_RE.test(t.norm))
          .map((t) => ({ text: t.text, line: t.line, range: t.range }))
      : [];
  const lastRow = rows.find((r) => r.def.key === expected[lastPresent]?.key);
  const truncated = lastPresent >= 0 && lastPresent < expected.length - 1 && seg.kind === 'T3';
  const unaligned = rows.filter((r) => !r.aligned).length;
  // numbers that no row took while some row is short of numbers: labels and values were torn apart (PDF text
  // out of reading order), and which number belongs to which row cannot be known
  let stray = 0;
  if (unaligned) {
    const taken = new Set<number>();
    for (const r of rows) for (const c of r.cells) taken.add(c.range.start);
    for (const t of toks) if (t.kind === 'value' && !t.blank && !taken.has(t.range.start)) stray++;
  }
  const unreadable = (unaligned >= 3 && unaligned >= 0.3 * rows.length) || (stray > 0 && rows.some((r) => !r.aligned && r.written < r.expected));
  return {
    ...emptyTable(seg.kind, seg, format, lines),
    firstLine,
    lastLine,
    range: tableRange(lines, firstLine, lastLine),
    rows,
    expected,
    missing,
    truncatedAfter: truncated ? lastRow : undefined,
    truncatedRows: truncated ? expected.slice(lastPresent + 1) : [],
    hasLegalSubtotal,
    captions,
    unreadable,
    sixAsOneRow,
  };
}

const T4_WORDS = [...T4_HEADER_WORDS].sort((a, b) => b.length - a.length);

/** Whether a normalised text consists only of table-4 header words. */
export function isT4HeaderText(norm: string): boolean {
  if (!norm || !/复议|诉讼/.test(norm)) return false;
  let s = norm;
  for (let guard = 0; guard < 40 && s; guard++) {
    const w = T4_WORDS.find((x) => s.startsWith(x));
    if (!w) return false;
    s = s.slice(w.length);
  }
  return s === '';
}

/**
 * Table 4: one row of 15 cells. Values are read as runs of value cells (a line, an L1 block, or consecutive
 * value-only lines); header words between runs are skipped, so a row split into three 5-cell blocks (one per
 * 行政复议 / 未经复议直接起诉 / 复议后起诉) or interrupted by a header word (PDF text) is joined again.
 */
export function parseT4(text: string, lines: readonly Line[], seg: Segment, format: Format): Table | undefined {
  const toks = tokenize(lines, seg.from, seg.to, seg.layout);
  // runs of value tokens, split by text tokens and (outside one-cell-per-line layouts) by text lines
  const runs: { vals: Tok[]; headerBefore: boolean }[] = [];
  let curRun: Tok[] = [];
  let headerSince = true;
  const flush = (): void => {
    if (curRun.length) runs.push({ vals: curRun, headerBefore: headerSince });
    curRun = [];
    headerSince = false;
  };
  for (const t of toks) {
    if (t.kind === 'value') {
      curRun.push(t);
      continue;
    }
    if (t.kind === 'text') {
      flush();
      headerSince = isT4HeaderText(t.norm.replace(/[#()（）:：]/g, '')) || /复议|诉讼|结果|审结|总计/.test(t.norm);
      continue;
    }
    // eol and empty lines: a value run continues over value-only lines (PDF text puts one number per line)
  }
  flush();
  let values: Tok[] | undefined;
  for (let r = 0; r < runs.length; r++) {
    const nonBlank = runs[r].vals.filter((t) => !t.blank).length;
    if (nonBlank === 0 && runs[r].vals.length < 15) continue; // merged-cell padding in the header
    values = runs[r].vals.slice();
    // a row split into blocks: join the following runs while they only add up to 15
    while (values.length < 15 && r + 1 < runs.length && runs[r + 1].headerBefore && values.length + runs[r + 1].vals.length <= 15) {
      values.push(...runs[++r].vals);
    }
    break;
  }
  if (!values) return undefined;
  // fewer than 15 values in the row while the region holds 15 or more: scattered among the header words
  // (PDF text out of reading order), the row cannot be assembled
  let nonBlank = 0;
  for (const t of toks) if (t.kind === 'value' && !t.blank) nonBlank++;
  const unreadable = values.length < 15 && nonBlank >= 15;
  const open: Open = {
    def: T4_ROW,
    index: 0,
    labelToks: [values[0]],
    match: 'none',
    similarity: 1,
    values,
    valueLine: values[values.length - 1].line,
  };
  const row0 = buildRow(text, open, 'T4', format);
  const row: Row = { ...row0, label: '', labelRange: { start: values[0].range.start, end: values[0].range.start }, labelLine: values[0].line };
  const lastLine = row.lastLine;
  const firstLine = seg.from;
  return {
    ...emptyTable('T4', seg, format, lines),
    firstLine,
    lastLine,
    range: tableRange(lines, firstLine, lastLine),
    rows: [row],
    expected: [T4_ROW],
    missing: [],
    truncatedRows: [],
    hasLegalSubtotal: false,
    captions: [],
    unreadable,
  };
}
