/**
 * Tables of one-line text (domain.md §4.3, “crawled web pages saved as text”): the whole report on one line,
 * cells separated by one space or by nothing (`（一）予以公开7000007`, `规范性文件7777166`).
 *
 * Rows are found by their printed labels, in the format's order. The characters between a label and the next
 * one are the row's values: runs of digits separated (or not) by spaces. A run is split into the row's cells
 * only when the split is certain:
 *  1. numbers are never written with a leading zero, so `0000000` is seven zeros and `7000007` (seven digits
 *     for seven cells) is 7,0,0,0,0,0,7 — the only split; such a row is read as printed and checked like any
 *     other row;
 *  2. when the digits allow several splits, the table's own identities (core/identities.ts: the row total, the
 *     block totals of table 4, then the column sums of table 3) must leave exactly one; the row is then read,
 *     and a `table-glued-row` information says it was reconstructed and by which identity (which therefore
 *     proves nothing about that row);
 *  3. otherwise the row is not read, and one information names it and says why. Table 2 has no identity (its
 *     only relation, 现行有效 ≥ 制发 − 废止, is an inequality): its rows are read only when rule 1 leaves one split.
 *
 * Linear in the text: labels are found with indexOf from a moving position, each row's split search is
 * bounded (MAX_STEPS) and the candidates kept are bounded (MAX_CANDIDATES).
 */

import type { Cell, ColumnDef, Format, Heading, OffsetRange, Row, RowDef, Table, TableKind } from './model';
import { tableIdentities, evaluate, involves, rowIdentities, type Identity } from './identities';
import { makeCell } from './tables';
import type { Tok } from './layout';
import { isSpaceCode, nfkc, normLabel, type Line } from './text';
import { T2_HEADER_WORDS, T3_GROUPS_2019, T3_GROUPS_2021, T3_HEADER_WORDS, T4_HEADER_WORDS, T4_ROW, t2RowDefs, t3RowDefs } from './schema';

/** Why a glued row was read with help, or not read. */
export type GluedReason =
  | 'row-identity' // reconstructed: the row total (T3) / block totals (T4) leave one split
  | 'column-identity' // reconstructed: the column sums of table 3 leave one split
  | 'ambiguous' // not read: several splits satisfy every identity that can be evaluated
  | 'no-identity' // not read: several splits and no identity constrains the row (table 2)
  | 'no-split' // not read: the digits cannot be cut into the row's number of cells
  | 'none-fits' // not read: no split satisfies the row's identities
  | 'too-many' // not read: too many possible splits to search
  | 'text'; // not read: text that is not a value sits between the label and the next one

export interface GluedNote {
  readonly def: RowDef;
  readonly label: string;
  readonly labelRange: OffsetRange;
  readonly labelLine: number;
  /** The values as written (spaces kept). */
  readonly raw: string;
  readonly reason: GluedReason;
  /** Number of splits that fit (ambiguous / no-identity). */
  readonly candidates?: number;
  /** Reconstructed rows: the cells read. */
  readonly values?: readonly string[];
}

export interface GluedReading {
  /** Rows read with the help of an identity. */
  readonly reconstructed: readonly GluedNote[];
  /** Rows whose label was found but whose values were not read. */
  readonly unread: readonly GluedNote[];
}

const MAX_STEPS = 20_000;
const MAX_CANDIDATES = 64;
/** Combinations of the splits of rows that only resolve together. */
const MAX_COMBOS = 256;

// ---------------------------------------------------------------- compact text with an offset map

interface Compact {
  /** NFKC-folded text without white space and quotes (labels compare as normLabel makes them). */
  readonly t: string;
  /** Document offset of each character of `t`, and the offset after it. */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

const QUOTE = new Set(['"', '“', '”', '‘', '’', "'", '「', '」']);

function compactOf(text: string, from: number, to: number): Compact {
  const chars: string[] = [];
  const st: number[] = [];
  const en: number[] = [];
  for (let i = from; i < to; ) {
    const code = text.charCodeAt(i);
    const w = code >= 0xd800 && code <= 0xdbff && i + 1 < to ? 2 : 1;
    if (isSpaceCode(code)) {
      i += w;
      continue;
    }
    const ch = text.slice(i, i + w);
    if (!QUOTE.has(ch)) {
      let f = code < 0x80 ? ch : nfkc(ch);
      // an item number written `1、` or `1．` compares as `1.` (normLabel does the same at a label's start)
      if ((f === '、' || f === ',' || f === '，') && chars.length && /\d/.test(chars[chars.length - 1])) f = '.';
      for (const c of f) {
        chars.push(c);
        st.push(i);
        en.push(i + w);
      }
    }
    i += w;
  }
  return { t: chars.join(''), start: Int32Array.from(st), end: Int32Array.from(en) };
}

// ---------------------------------------------------------------- splitting a run of digits

const UNIT_CHARS = new Set(['元', '项', '件', '个', '条']);

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Whether s[a, b) is all digits. */
function digitsOnly(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isDigitAt(s, i)) return false;
  return true;
}

/**
 * Whether s[a, b) is a valid cell for a column of this kind, without making the substring (the split search tries
 * every cut of every group): a count `^(?:0|[1-9]\d{0,8}|[1-9]\d{0,2}(?:,\d{3})+)$`, an amount
 * `^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$`, a change `^[+\-]?(?:0|[1-9]\d{0,8})$`.
 */
export function validSpan(s: string, a: number, b: number, kind: ColumnDef['kind']): boolean {
  if (kind === 'change') {
    const c = s.charCodeAt(a);
    if (c === 43 /* + */ || c === 45 /* - */) a++;
  }
  const n = b - a;
  if (n <= 0) return false;
  const first = s.charCodeAt(a);
  if (first === 48 /* 0 */) {
    if (n === 1) return true;
    // 0.5: an amount's integer part may be 0
    return kind === 'amount' && s.charCodeAt(a + 1) === 46 && n - 2 >= 1 && n - 2 <= 6 && digitsOnly(s, a + 2, b);
  }
  if (first < 49 || first > 57) return false;
  if (kind === 'amount') {
    let i = a + 1;
    while (i < b && isDigitAt(s, i)) i++;
    if (i - a > 12) return false;
    if (i === b) return true;
    return s.charCodeAt(i) === 46 /* . */ && b - i - 1 >= 1 && b - i - 1 <= 6 && digitsOnly(s, i + 1, b);
  }
  if (n <= 9 && digitsOnly(s, a + 1, b)) return true;
  if (kind === 'change') return false;
  // 1,234,567: one to three digits, then groups of a comma and three digits
  let i = a + 1;
  while (i < b && i - a < 3 && isDigitAt(s, i)) i++;
  if (i === b || (b - i) % 4 !== 0) return false;
  for (; i < b; i += 4) if (s.charCodeAt(i) !== 44 /* , */ || !digitsOnly(s, i + 1, i + 4)) return false;
  return true;
}

interface Group {
  /** Folded text (ASCII digits, `.`, `-`, `+`, `,`), same length as the source slice. */
  readonly s: string;
  /** Document offset of s[0]. */
  readonly at: number;
  /** A unit written after the group (`元`): allowed on the last cell of the group. */
  readonly unit: string;
}

interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every way of cutting the groups into `cols.length` cells, each cell valid for its column; undefined when the
 * search exceeds MAX_STEPS (then nothing is read).
 */
function splitsOf(groups: readonly Group[], cols: readonly ColumnDef[], limit: number): Piece[][] | undefined {
  const out: Piece[][] = [];
  // the cells of the current path as (group, start, end) triples: pieces are made only for complete splits
  const cut = new Int32Array(cols.length * 3);
  let depth = 0;
  let steps = 0;
  let over = false;
  const piecesOf = (): Piece[] => {
    const pieces: Piece[] = [];
    for (let k = 0; k < depth; k++) {
      const grp = groups[cut[3 * k]];
      const pos = cut[3 * k + 1];
      const e = cut[3 * k + 2];
      const last = e === grp.s.length;
      const tok = grp.s.slice(pos, e);
      pieces.push({ text: last ? tok + grp.unit : tok, start: grp.at + pos, end: grp.at + e + (last ? grp.unit.length : 0) });
    }
    return pieces;
  };
  const rec = (g: number, pos: number): void => {
    if (over) return;
    if (++steps > MAX_STEPS || out.length > limit) {
      over = true;
      return;
    }
    if (g === groups.length) {
      if (depth === cols.length) out.push(piecesOf());
      return;
    }
    const grp = groups[g];
    const col = cols[depth];
    if (!col) return;
    // the cells still to fill cannot take fewer characters than one per group left
    for (let e = pos + 1; e <= grp.s.length; e++) {
      if (!validSpan(grp.s, pos, e, col.kind)) {
        if (e - pos > 16) break;
        continue;
      }
      cut[3 * depth] = g;
      cut[3 * depth + 1] = pos;
      cut[3 * depth + 2] = e;
      depth++;
      if (e === grp.s.length) rec(g + 1, 0);
      else rec(g, e);
      depth--;
      if (over) return;
    }
  };
  rec(0, 0);
  return over ? undefined : out;
}

const VALUE_CHAR_RE = /[0-9.\-+,]/;

/**
 * The values written in [from, to): groups of value characters separated by spaces, then the text after them
 * (which must be header words or group labels). Returns the groups and the offset where the text begins.
 */
function valueGroups(text: string, from: number, to: number): { groups: Group[]; rest: number } {
  const groups: Group[] = [];
  let i = from;
  for (;;) {
    while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= to) break;
    let j = i;
    let s = '';
    while (j < to) {
      const f = nfkc(text[j]);
      if (f.length !== 1 || !VALUE_CHAR_RE.test(f)) break;
      s += f;
      j++;
    }
    if (j === i || !/\d/.test(s)) break;
    // a unit right after the digits
    const unit = text.startsWith('万元', j) && j + 2 <= to ? '万元' : j < to && UNIT_CHARS.has(text[j]) ? text[j] : '';
    groups.push({ s, at: i, unit });
    i = j + unit.length;
  }
  return { groups, rest: i };
}

/** Whether a compact text consists only of the given words (greedy, longest first). */
function onlyWords(s: string, words: readonly string[]): boolean {
  let p = 0;
  for (let guard = 0; p < s.length && guard < 64; guard++) {
    const w = words.find((x) => x.length > 0 && s.startsWith(x, p));
    if (!w) return false;
    p += w.length;
  }
  return p >= s.length;
}

// ---------------------------------------------------------------- reading one table

interface Found {
  def: RowDef;
  /** Compact index range of the label. */
  cs: number;
  ce: number;
  match: Row['match'];
}

interface Ctx {
  text: string;
  lines: readonly Line[];
  lineOf: (offset: number) => number;
  format: Format;
}

function tokOf(p: Piece, line: number): Tok {
  return { kind: 'value', text: p.text, norm: '', range: { start: p.start, end: p.end }, line, lastLine: line, blank: false };
}

/**
 * The cells of one row's candidate splits: the splits of a group share most of their pieces, and a piece in a
 * column always reads as the same cell, so each is made once (key: piece start, length and column).
 */
type CellCache = Map<number, Cell>;

function rowOfPieces(
  ctx: Ctx,
  kind: TableKind,
  def: RowDef,
  label: string,
  labelRange: OffsetRange,
  match: Row['match'],
  pieces: readonly Piece[],
  cache: CellCache,
): Row {
  const line = ctx.lineOf(labelRange.start);
  const cells: Cell[] = pieces.map((p, i) => {
    const key = (p.start * 64 + (p.end - p.start)) * 32 + i;
    let c = cache.get(key);
    if (!c) cache.set(key, (c = makeCell(ctx.text, tokOf(p, ctx.lineOf(p.start)), def.columns[i], kind, ctx.format, def)));
    return c;
  });
  const valuesRange = cells.length ? { start: cells[0].range.start, end: cells[cells.length - 1].range.end } : { start: labelRange.end, end: labelRange.end };
  return {
    def,
    label,
    labelRange,
    labelLine: line,
    match,
    similarity: 1,
    cells,
    aligned: true,
    written: cells.length,
    expected: def.columns.length,
    valuesRange,
    lastLine: ctx.lineOf(Math.max(labelRange.end, valuesRange.end - 1)),
  };
}

function tableOfRows(ctx: Ctx, kind: TableKind, rows: readonly Row[], expected: readonly RowDef[], range: OffsetRange): Table {
  const firstLine = ctx.lineOf(range.start);
  const lastLine = ctx.lineOf(Math.max(range.start, range.end - 1));
  return {
    kind,
    layout: 'glued',
    format: ctx.format,
    orphan: false,
    range,
    firstLine,
    lastLine,
    rows,
    expected,
    missing: [],
    truncatedRows: [],
    hasLegalSubtotal: expected[0]?.columns.some((c) => c.id === 'cL') ?? false,
    captions: [],
  };
}

/** Identities that involve only this row (row total, legal subtotal, T4 block totals). */
const ROW_KINDS = new Set<Identity['kind']>(['row-total', 'legal-subtotal', 't4-block']);

function fitsRow(ctx: Ctx, kind: TableKind, row: Row, expected: readonly RowDef[]): boolean {
  const ids = rowIdentities(tableOfRows(ctx, kind, [row], expected, row.labelRange), row);
  for (const id of ids) {
    const ev = evaluate(id);
    if (!ev.evaluable || !ev.holds) return false;
  }
  return ids.length > 0;
}

interface Pending {
  found: Found;
  label: string;
  labelRange: OffsetRange;
  raw: string;
  rows: Row[];
}

/**
 * Reads the labelled table (T2, T3) in [from, to) of the document. `defs`: the expected rows in order;
 * `noise`: words that may stand between a row's values and the next label.
 */
function readLabelled(ctx: Ctx, kind: TableKind, from: number, to: number, defs: readonly RowDef[], noise: readonly string[]): { table?: Table; notes: GluedReading } {
  const c = compactOf(ctx.text, from, to);
  const found: Found[] = [];
  let pos = 0;
  for (const def of defs) {
    let best: Found | undefined;
    for (const [needle, match] of [[def.norm, 'exact'], ...(def.variants ?? []).map((v) => [v, 'variant'])] as [string, Row['match']][]) {
      const at = c.t.indexOf(needle, pos);
      // the longer label wins at the same place (行政规范性文件 before 规范性文件)
      if (at >= 0 && (!best || at < best.cs || (at === best.cs && needle.length > best.ce - best.cs))) best = { def, cs: at, ce: at + needle.length, match };
    }
    if (!best) continue;
    found.push(best);
    pos = best.ce;
  }
  const reconstructed: GluedNote[] = [];
  const unread: GluedNote[] = [];
  if (found.length === 0) return { notes: { reconstructed, unread } };
  const resolved = new Map<RowDef, Row>();
  /** A pending row read with the split the table's column sums leave (one information says so). */
  const readByColumns = (p: Pending, row: Row): void => {
    resolved.set(p.found.def, row);
    reconstructed.push({
      def: p.found.def,
      label: p.label,
      labelRange: p.labelRange,
      labelLine: ctx.lineOf(p.labelRange.start),
      raw: p.raw,
      reason: 'column-identity',
      values: row.cells.map((x) => x.raw),
    });
  };
  const pending: Pending[] = [];
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    let labelEnd = c.end[f.ce - 1];
    while (labelEnd < to && QUOTE.has(ctx.text[labelEnd])) labelEnd++; // `3.危及“三安全一稳定”`: the closing quote
    const labelRange = { start: c.start[f.cs], end: labelEnd };
    const label = ctx.text.slice(labelRange.start, labelRange.end);
    const vFrom = labelRange.end;
    const vTo = k + 1 < found.length ? c.start[found[k + 1].cs] : to;
    const { groups, rest } = valueGroups(ctx.text, vFrom, vTo);
    const raw = ctx.text.slice(vFrom, rest).trim();
    const note = (reason: GluedReason, extra: Partial<GluedNote> = {}): GluedNote => ({
      def: f.def,
      label,
      labelRange,
      labelLine: ctx.lineOf(labelRange.start),
      raw,
      reason,
      ...extra,
    });
    const tail = normLabel(ctx.text.slice(rest, vTo));
    if (groups.length === 0 || (tail && !onlyWords(tail, noise))) {
      unread.push(note('text'));
      continue;
    }
    const splits = splitsOf(groups, f.def.columns, MAX_CANDIDATES * 8);
    if (!splits) {
      unread.push(note('too-many'));
      continue;
    }
    const cache: CellCache = new Map();
    const rows = splits.map((p) => rowOfPieces(ctx, kind, f.def, label, labelRange, f.match, p, cache));
    if (rows.length === 1) {
      resolved.set(f.def, rows[0]); // the digits allow one split only: read as printed
      continue;
    }
    if (rows.length === 0) {
      unread.push(note('no-split'));
      continue;
    }
    if (kind === 'T2') {
      unread.push(note('no-identity', { candidates: rows.length }));
      continue;
    }
    const fit = rows.filter((r) => fitsRow(ctx, kind, r, defs));
    if (fit.length === 1) {
      resolved.set(f.def, fit[0]);
      reconstructed.push(note('row-identity', { values: fit[0].cells.map((x) => x.raw) }));
    } else if (fit.length === 0) {
      unread.push(note('none-fits'));
    } else if (fit.length > MAX_CANDIDATES) {
      unread.push(note('too-many'));
    } else {
      pending.push({ found: f, label, labelRange, raw, rows: fit });
    }
  }
  // column sums (table 3): a row with several fitting splits is read when, with the rows already read, exactly
  // one of its splits satisfies every column identity it takes part in (and at least one can be evaluated)
  const ordered = (extra?: Row): Row[] => {
    const rows = [...resolved.values()];
    if (extra) rows.push(extra);
    return rows.sort((a, b) => a.labelRange.start - b.labelRange.start);
  };
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    for (let k = 0; k < pending.length; k++) {
      const p = pending[k];
      const pass = p.rows.filter((cand) => {
        const ids = tableIdentities(tableOfRows(ctx, kind, ordered(cand), defs, { start: from, end: to }));
        let evaluated = 0;
        for (const id of ids) {
          if (ROW_KINDS.has(id.kind) || !involvesRow(id, cand)) continue;
          const ev = evaluate(id);
          if (!ev.evaluable) continue;
          if (!ev.holds) return false;
          evaluated++;
        }
        return evaluated > 0;
      });
      if (pass.length === 1) {
        readByColumns(p, pass[0]);
        pending.splice(k--, 1);
        progress = true;
      }
    }
  }
  // rows that only resolve together (two rows of one column sum, each with two splits): every combination of
  // their splits is tried; exactly one may satisfy all the column identities they take part in
  if (pending.length > 1) {
    let combos = 1;
    for (const p of pending) combos *= p.rows.length;
    if (combos <= MAX_COMBOS) {
      const pass: Row[][] = [];
      const pick = new Array<Row>(pending.length);
      const visit = (k: number): void => {
        if (pass.length > 1) return;
        if (k === pending.length) {
          const all = [...resolved.values(), ...pick].sort((a, b) => a.labelRange.start - b.labelRange.start);
          const ids = tableIdentities(tableOfRows(ctx, kind, all, defs, { start: from, end: to }));
          const seen = new Set<Row>();
          for (const id of ids) {
            if (ROW_KINDS.has(id.kind)) continue;
            const touched = pick.filter((r) => involvesRow(id, r));
            if (!touched.length) continue;
            const ev = evaluate(id);
            if (!ev.evaluable) continue;
            if (!ev.holds) return;
            for (const r of touched) seen.add(r);
          }
          if (seen.size === pick.length) pass.push(pick.slice());
          return;
        }
        for (const r of pending[k].rows) {
          pick[k] = r;
          visit(k + 1);
        }
      };
      visit(0);
      if (pass.length === 1) {
        pending.forEach((p, k) => {
          readByColumns(p, pass[0][k]);
        });
        pending.length = 0;
      }
    }
  }
  for (const p of pending) {
    unread.push({ def: p.found.def, label: p.label, labelRange: p.labelRange, labelLine: ctx.lineOf(p.labelRange.start), raw: p.raw, reason: 'ambiguous', candidates: p.rows.length });
  }
  const rows = ordered();
  const notes = { reconstructed: reconstructed.sort(byStart), unread: unread.sort(byStart) };
  const first = c.start[found[0].cs];
  const lastFound = found[found.length - 1];
  let end = to;
  while (end > first && isSpaceCode(ctx.text.charCodeAt(end - 1))) end--;
  void lastFound;
  const table = tableOfRows(ctx, kind, rows, defs, { start: first, end });
  // rows of the format whose label is not printed (the unread ones are printed: not missing)
  const present = new Set([...rows.map((r) => r.def.key), ...unread.map((n) => n.def.key)]);
  const lastPresent = defs.reduce((m, d, i) => (present.has(d.key) ? i : m), -1);
  const missing = defs
    .map((d, i) => ({ d, i }))
    .filter(({ d, i }) => !present.has(d.key) && (kind === 'T2' || i < lastPresent))
    .map(({ d }) => ({ def: d, before: rows.find((r) => defs.indexOf(r.def) > defs.indexOf(d)) }));
  return { table: { ...table, missing, glued: notes }, notes };
}

function involvesRow(id: Identity, row: Row): boolean {
  for (let i = 0; i < row.cells.length; i++) if (involves(id, { row, col: i })) return true;
  return false;
}

function byStart(a: GluedNote, b: GluedNote): number {
  return a.labelRange.start - b.labelRange.start;
}

/** Table 4: header words, then the 15 values. */
function readT4(ctx: Ctx, from: number, to: number): Table | undefined {
  // the values: the run of value characters and spaces at the end of the region
  let s = to;
  while (s > from) {
    const ch = nfkc(ctx.text[s - 1]);
    if (isSpaceCode(ctx.text.charCodeAt(s - 1)) || (ch.length === 1 && /\d/.test(ch))) s--;
    else break;
  }
  const head = normLabel(ctx.text.slice(from, s));
  if (!T4_HEADER_WORDS.some((w) => head.endsWith(w)) || !/复议|诉讼/.test(head)) return undefined;
  const { groups } = valueGroups(ctx.text, s, to);
  if (!groups.length) return undefined;
  const labelRange = { start: groups[0].at, end: groups[0].at };
  const raw = ctx.text.slice(groups[0].at, groups[groups.length - 1].at + groups[groups.length - 1].s.length);
  const note = (reason: GluedReason, extra: Partial<GluedNote> = {}): GluedNote => ({
    def: T4_ROW,
    label: T4_ROW.label,
    labelRange: { start: labelRange.start, end: labelRange.start + raw.length },
    labelLine: ctx.lineOf(labelRange.start),
    raw,
    reason,
    ...extra,
  });
  const range = { start: from, end: groups[groups.length - 1].at + groups[groups.length - 1].s.length };
  const splits = splitsOf(groups, T4_ROW.columns, MAX_CANDIDATES * 8);
  const reconstructed: GluedNote[] = [];
  const unread: GluedNote[] = [];
  let rows: Row[] = [];
  if (!splits) unread.push(note('too-many'));
  else {
    const cache: CellCache = new Map();
    const cands = splits.map((p) => ({ ...rowOfPieces(ctx, 'T4', T4_ROW, '', labelRange, 'none', p, cache), labelRange }));
    if (cands.length === 1) rows = cands;
    else if (cands.length === 0) unread.push(note('no-split'));
    else {
      const fit = cands.filter((r) => fitsRow(ctx, 'T4', r, [T4_ROW]));
      if (fit.length === 1) {
        rows = fit;
        reconstructed.push(note('row-identity', { values: fit[0].cells.map((x) => x.raw) }));
      } else unread.push(note(fit.length ? 'ambiguous' : 'none-fits', fit.length ? { candidates: fit.length } : {}));
    }
  }
  if (!rows.length && !unread.length) return undefined;
  const t = tableOfRows(ctx, 'T4', rows, [T4_ROW], range);
  return { ...t, glued: { reconstructed, unread } };
}

/**
 * Reads tables 2, 3 and 4 of a glued report from the regions between its section headings (二 to 三, 三 to 四,
 * 四 to 五). A table whose region or labels cannot be found is not returned (`table-missing` then says that the
 * glued table could not be read).
 */
export function readGluedTables(text: string, lines: readonly Line[], from: number, to: number, headings: readonly Heading[], format: Format): Table[] {
  const starts = lines.map((l) => l.start);
  const lineOf = (offset: number): number => {
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ctx: Ctx = { text, lines, lineOf, format };
  const end = lines[to - 1]?.end ?? text.length;
  const regionOf = (no: number): [number, number] | undefined => {
    const k = headings.findIndex((h) => h.section === no);
    if (k < 0) return undefined;
    const next = headings.slice(k + 1).find((h) => h.section > no);
    return [lines[headings[k].line].end, next ? lines[next.line].start : end];
  };
  const out: Table[] = [];
  const r2 = regionOf(2);
  if (r2) {
    const noise = [...T2_HEADER_WORDS, ...['(一)', '(五)', '(六)', '(八)', '(九)'].map((c) => normLabel(`第二十条第${c}项`))].sort((a, b) => b.length - a.length);
    const { table } = readLabelled(ctx, 'T2', r2[0], r2[1], t2RowDefs(format), noise);
    if (table && (table.rows.length || table.glued?.unread.length)) out.push(table);
  }
  const r3 = regionOf(3);
  if (r3) {
    const head = normLabel(text.slice(r3[0], Math.min(r3[1], r3[0] + 400)));
    const legal = /小计/.test(head.slice(0, head.indexOf('一、本年新收') >>> 0));
    const groups = ['三、本年度办理结果', ...(format === 'F2021' ? T3_GROUPS_2021 : T3_GROUPS_2019)].map(normLabel);
    const noise = [...groups, ...T3_HEADER_WORDS].sort((a, b) => b.length - a.length);
    const { table } = readLabelled(ctx, 'T3', r3[0], r3[1], t3RowDefs(format, legal), noise);
    if (table && (table.rows.length || table.glued?.unread.length)) out.push(table);
  }
  const r4 = regionOf(4);
  if (r4) {
    const t = readT4(ctx, r4[0], r4[1]);
    if (t) out.push(t);
  }
  return out;
}
