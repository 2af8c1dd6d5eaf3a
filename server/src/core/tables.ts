/**
 * Table recognition (domain.md §4.4 steps 5–8): rows are anchored by their labels (normalised, prefix and
 * fuzzy matched, forward only with a look-ahead), never by position, so a missing or extra row does not
 * shift the numbers after it. Cells are parsed by the kind of their column.
 */

import type { Cell, ColumnDef, Format, Layout, OffsetRange, Row, RowDef, Table, TableKind } from './model';
import { tokenize, type Tok } from './layout';
import { dice, nfkc, normLabel, stripBookmarks, type Line } from './text';
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

const COUNT_RE = /^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|项|个|条|起|次)?$/;
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
  /** Group label (normalised) → subtotal row def. */
  subtotals: ReadonlyMap<string, RowDef>;
  skip: (norm: string) => boolean;
}

function meaningfulPrefix(s: string): boolean {
  const body = s.replace(/^(?:\d{1,2}\.|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}、)/, '');
  return body.length >= 2;
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
  const partial = rest.length > 0 && rest.length >= 2 && groups.some((g) => g.length > rest.length && g.startsWith(rest));
  return { rest, group, partial };
}

function matchBuffer(buf: readonly Tok[], spec: AnchorSpec, next: number): MatchResult | undefined {
  const { defs, groups } = spec;
  const n = buf.length;
  const suffixes: { toks: Tok[]; rest: string; group?: string; partial: boolean }[] = [];
  // shortest suffix first
  for (let i = n - 1; i >= 0; i--) {
    const toks = buf.slice(i);
    const joined = toks.map((t) => t.norm).join('');
    suffixes.push({ toks, ...stripGroups(joined, groups) });
  }
  // 1. exact (or known variant) against all remaining rows
  for (const s of suffixes) {
    if (!s.rest) continue;
    for (let j = next; j < defs.length; j++) {
      const d = defs[j];
      if (d.norm === s.rest) return { kind: 'row', index: j, def: d, toks: s.toks, match: 'exact', similarity: 1 };
      if (d.variants?.includes(s.rest)) return { kind: 'row', index: j, def: d, toks: s.toks, match: 'variant', similarity: 1 };
    }
  }
  // 2. a complete group label (longest suffix)
  for (let k = suffixes.length - 1; k >= 0; k--) {
    const s = suffixes[k];
    if (s.rest === '' && s.group) return { kind: 'group', group: s.group, toks: s.toks };
  }
  // 3. the start of a group label wrapped over several fragments: wait for more
  for (let k = suffixes.length - 1; k >= 0; k--) {
    const s = suffixes[k];
    if (s.partial && (s.rest === s.toks.map((t) => t.norm).join('') || s.group)) return { kind: 'partial', toks: s.toks };
  }
  const end = Math.min(defs.length, next + LOOKAHEAD + 1);
  // 4. prefix either way (wrapped or truncated labels)
  for (const s of suffixes) {
    if (s.rest.length < 3 || !meaningfulPrefix(s.rest)) continue;
    for (let j = next; j < end; j++) {
      const d = defs[j];
      if (d.norm.startsWith(s.rest) || (s.rest.startsWith(d.norm) && d.norm.length >= 2)) {
        return { kind: 'row', index: j, def: d, toks: s.toks, match: 'prefix', similarity: dice(s.rest, d.norm) };
      }
    }
  }
  // 5. fuzzy
  let best: MatchResult | undefined;
  for (const s of suffixes) {
    if (s.rest.length < 2) continue;
    for (let j = next; j < end; j++) {
      const d = defs[j];
      const sim = dice(s.rest, d.norm);
      if (sim >= FUZZY_MIN && (!best || sim > best.similarity!)) {
        best = { kind: 'row', index: j, def: d, toks: s.toks, match: 'fuzzy', similarity: sim };
      }
    }
  }
  return best;
}

function continuesLabel(open: Open, tok: Tok): boolean {
  const cur = open.labelToks.map((t) => t.norm).join('');
  const target = open.def.norm;
  const joined = cur + tok.norm;
  if (target.startsWith(joined)) return true;
  if (target.startsWith(cur) && joined.startsWith(target)) return joined.length - target.length <= 2;
  return joined.length <= target.length + 2 && dice(joined, target) > dice(cur, target) + 0.05;
}

export interface AnchoredResult {
  rows: Row[];
  missing: { def: RowDef; before?: Row }[];
  lastIndex: number;
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
  const lastLine = Math.max(last.lastLine, ...vals.map((v) => v.lastLine));
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

function anchorRows(text: string, toks: readonly Tok[], spec: AnchorSpec, layout: Layout, table: TableKind, format: Format): AnchoredResult {
  const rows: Row[] = [];
  const missingIdx: { index: number; beforeRow: number }[] = [];
  let next = 0;
  let lastIndex = -1;
  let buf: Tok[] = [];
  let open: Open | undefined;
  let pendingGroup: { group: string; toks: Tok[] } | undefined;
  let lineOfLastTok = -1;

  const close = (): void => {
    if (!open) return;
    rows.push(buildRow(text, open, table, format));
    open = undefined;
  };

  for (const tok of toks) {
    if (tok.kind === 'break') {
      if (open && open.values.length) close();
      buf = [];
      continue;
    }
    if (tok.kind === 'eol') {
      if (open && open.values.length && layout !== 'L1') close();
      continue;
    }
    if (tok.kind === 'value') {
      if (open) {
        open.values.push(tok);
        open.valueLine = tok.line;
        continue;
      }
      if (pendingGroup && !tok.blank) {
        const def = spec.subtotals.get(pendingGroup.group);
        if (def) {
          open = { def, labelToks: pendingGroup.toks, match: 'exact', similarity: 1, values: [tok], valueLine: tok.line };
          pendingGroup = undefined;
          continue;
        }
      }
      continue; // padding or stray header numbers
    }
    // text token
    if (open) {
      if (open.values.length === 0) {
        if (continuesLabel(open, tok)) {
          open.labelToks.push(tok);
          continue;
        }
        close();
      } else if (
        open.values.length < open.def.columns.length &&
        (layout === 'L1' || tok.line === open.valueLine) &&
        !looksLikeLabel(tok, spec)
      ) {
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
    lineOfLastTok = tok.line;
    const m = matchBuffer(buf, spec, next);
    if (!m || m.kind === 'partial') continue;
    if (m.kind === 'group') {
      pendingGroup = { group: m.group!, toks: m.toks };
      buf = [];
      continue;
    }
    for (let j = next; j < m.index!; j++) missingIdx.push({ index: j, beforeRow: rows.length });
    open = { def: m.def!, labelToks: m.toks, match: m.match!, similarity: m.similarity!, values: [], valueLine: -1 };
    next = m.index! + 1;
    lastIndex = Math.max(lastIndex, m.index!);
    buf = [];
    pendingGroup = undefined;
  }
  void lineOfLastTok;
  close();
  // Rows with no values at all that are followed by nothing are not rows (a stray label at the end).
  const missing = missingIdx.map(({ index, beforeRow }) => ({ def: spec.defs[index], before: rows[beforeRow] }));
  return { rows, missing, lastIndex };
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
    defs = t3RowDefs(format, hasLegalSubtotal);
    const groupsRaw = ['三、本年度办理结果', ...(format === 'F2021' ? T3_GROUPS_2021 : T3_GROUPS_2019)];
    const groups = groupsRaw.map(normLabel);
    const subtotals = new Map<string, RowDef>();
    for (const d of t3SubtotalDefs(format, defs[0].columns)) subtotals.set(d.norm, d);
    spec = { defs, groups, subtotals, skip: t3Skip };
  } else {
    defs = t2RowDefs(format);
    spec = { defs, groups: [], subtotals: new Map(), skip: t2Skip };
  }
  const res = anchorRows(text, toks, spec, seg.layout, seg.kind, format);
  if (res.rows.length === 0) return undefined;
  const firstLine = Math.min(seg.from, ...res.rows.map((r) => r.labelLine));
  const lastLine = Math.max(...res.rows.map((r) => r.lastLine));
  const captions =
    seg.kind === 'T2'
      ? toks
          .filter((t) => t.kind === 'text' && CAPTION_RE.test(t.norm))
          .map((t) => ({ text: t.text, line: t.line, range: t.range }))
      : [];
  const lastRow = res.rows.filter((r) => !r.def.subtotalOf).pop();
  const truncated = res.lastIndex >= 0 && res.lastIndex < defs.length - 1;
  return {
    ...emptyTable(seg.kind, seg, format, lines),
    firstLine,
    lastLine,
    range: tableRange(lines, firstLine, lastLine),
    rows: res.rows,
    expected: defs,
    missing: res.missing,
    truncatedAfter: truncated ? lastRow : undefined,
    truncatedRows: truncated ? defs.slice(res.lastIndex + 1) : [],
    hasLegalSubtotal,
    captions,
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

/** Table 4: one value row of 15 cells, found as the first line (or L1 block) of values only. */
export function parseT4(text: string, lines: readonly Line[], seg: Segment, format: Format): Table | undefined {
  const toks = tokenize(lines, seg.from, seg.to, seg.layout);
  // group tokens into physical rows: L1 blocks between empty lines, other layouts lines
  const groups: Tok[][] = [];
  let cur: Tok[] = [];
  for (const t of toks) {
    const boundary = seg.layout === 'L1' ? t.kind === 'break' : t.kind === 'eol' || t.kind === 'break';
    if (boundary) {
      if (cur.length) groups.push(cur);
      cur = [];
    } else if (t.kind !== 'eol') cur.push(t);
  }
  if (cur.length) groups.push(cur);
  let values: Tok[] | undefined;
  let labelTok: Tok | undefined;
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g];
    const texts = grp.filter((t) => t.kind === 'text');
    const vals = grp.filter((t) => t.kind === 'value');
    const nonBlank = vals.filter((t) => !t.blank).length;
    let candidate: Tok[] | undefined;
    if (texts.length === 0 && (nonBlank > 0 || vals.length >= 15)) candidate = vals;
    else if (texts.length === 1 && grp[0] === texts[0] && vals.length >= 10 && !isT4HeaderText(texts[0].norm)) {
      candidate = vals;
      labelTok = texts[0];
    }
    if (!candidate) continue;
    values = candidate.slice();
    // values wrapped over consecutive value-only lines (PDF text)
    while (values.length < 15 && g + 1 < groups.length) {
      const nx = groups[g + 1];
      if (nx.some((t) => t.kind === 'text')) break;
      values.push(...nx);
      g++;
    }
    break;
  }
  if (!values) return undefined;
  const first = labelTok ?? values[0];
  const open: Open = {
    def: T4_ROW,
    labelToks: [first],
    match: labelTok ? 'exact' : 'none',
    similarity: 1,
    values,
    valueLine: values[values.length - 1].line,
  };
  const row0 = buildRow(text, open, 'T4', format);
  const row: Row = labelTok
    ? row0
    : { ...row0, label: '', labelRange: { start: values[0].range.start, end: values[0].range.start }, labelLine: values[0].line };
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
  };
}
