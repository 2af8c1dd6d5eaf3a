/**
 * Text utilities of the core: line splitting with offsets, position conversion,
 * label normalisation (domain.md §4.1) and string similarity.
 *
 * All offsets are UTF-16 code-unit offsets into the document text (what LSP uses).
 * Nothing here imports Node or VS Code modules.
 */

import type { OffsetRange, Position } from './model';

export interface Line {
  /** 0-based line index. */
  readonly index: number;
  /** Offset of the first character of the line. */
  readonly start: number;
  /** Offset just past the last character of the line, excluding the line break. */
  readonly end: number;
  /** The line's text without its line break. */
  readonly text: string;
}

/** Splits text into lines; `\r\n`, `\r` and `\n` all end a line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let index = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || c === 13 /* \r */) {
      lines.push({ index: index++, start, end: i, text: text.slice(start, i) });
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ index, start, end: n, text: text.slice(start, n) });
  return lines;
}

/** Maps offsets to line/character positions and back. */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly lines: readonly Line[], private readonly length: number) {
    this.starts = lines.map((l) => l.start);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const line = this.lineAt(o);
    const l = this.lines[line];
    return { line, character: Math.min(o, l.end) - l.start };
  }
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lines.length) return this.length;
    const l = this.lines[pos.line];
    return Math.min(l.start + Math.max(0, pos.character), l.end);
  }
  rangeToPositions(r: OffsetRange): { start: Position; end: Position } {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }
}

const BOOKMARK_RE = /\[bookmark:[^\]]*\]/g;
/** Characters that NFKC changes and that occur in reports (full-width forms, ideographic space, Kangxi radicals). */
const NEEDS_NFKC_RE = /[\u2f00-\u2fdf\u3000\uff00-\uffef\ufeff\u00a0]/;

/** NFKC with a fast path for the common case of nothing to fold; keeps look-alike dashes (§4.1 step 5). */
export function nfkc(s: string): string {
  if (!NEEDS_NFKC_RE.test(s)) return s;
  // U+FF0D (full-width hyphen-minus) would become '-', which is fine for numbers; the em-dash family is
  // not touched by NFKC, so look-alike detection on raw heading text keeps working.
  return s.replace(/\ufeff/g, '').normalize('NFKC');
}

/** Removes docx bookmark artefacts such as `[bookmark: _Hlk66973412]`. */
export function stripBookmarks(s: string): string {
  return s.indexOf('[bookmark:') >= 0 ? s.replace(BOOKMARK_RE, '') : s;
}

const WS_RE = /\s+/g;
const QUOTES_RE = /["“”‘’'「」]/g;
const ITEM_SEP_RE = /^(\d{1,2})[、.．,，]/;

/**
 * Normalises a label or heading for comparison (§4.1 step 4): bookmarks removed, NFKC, all whitespace and
 * quotes deleted, `1、` / `1．` unified to `1.`.
 */
export function normLabel(s: string): string {
  const hit = labelCache.get(s);
  if (hit !== undefined) return hit;
  let t = nfkc(stripBookmarks(s)).replace(WS_RE, '').replace(QUOTES_RE, '');
  if (t.charCodeAt(0) === 35 /* # */ || t.indexOf('**') >= 0) t = t.replace(/^#{1,6}/, '').replace(/\*\*/g, '');
  t = t.replace(ITEM_SEP_RE, '$1.');
  if (s.length <= 200) {
    // labels, cells and template lines repeat across rows and reports
    if (labelCache.size >= 20_000) labelCache.clear();
    labelCache.set(detach(s), detach(t));
  }
  return t;
}

/** Labels repeat across rows and reports: a bounded memo of normLabel. */
const labelCache = new Map<string, string>();

/**
 * A copy of a string that shares no memory with the text it was cut from. Slices of a document keep the whole
 * document alive (V8 sliced strings): a remembered key must not pin every old version of a large document.
 */
export function detach(s: string): string {
  // V8 copies slices shorter than 13 characters anyway; a longer one is copied by flattening a concatenation
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Removes whitespace only (after NFKC). Used for narrative pattern matching. */
export function compact(s: string): string {
  return nfkc(s).replace(WS_RE, '');
}

/** Character-bigram Dice coefficient of two strings (1 = equal). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // bigrams as numbers (two UTF-16 units), counted in a small map: no substring allocation
  const grams = new Map<number, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.charCodeAt(i) * 65536 + a.charCodeAt(i + 1);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.charCodeAt(i) * 65536 + b.charCodeAt(i + 1);
    const c = grams.get(g);
    if (c) {
      common++;
      grams.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

export const CJK_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Parses a Chinese numeral from 一 to 九十九 (also 〇/零/两); returns undefined otherwise. */
export function parseCjkNumber(s: string): number | undefined {
  if (!s) return undefined;
  const digit = (c: string): number | undefined => {
    const i = '零一二三四五六七八九'.indexOf(c);
    if (i >= 0) return i;
    if (c === '〇') return 0;
    if (c === '两') return 2;
    return undefined;
  };
  if (s.length === 1) return s === '十' ? 10 : digit(s);
  const ten = s.indexOf('十');
  if (ten < 0) {
    if (s.length === 2) {
      const a = digit(s[0]);
      const b = digit(s[1]);
      return a !== undefined && b !== undefined ? a * 10 + b : undefined;
    }
    return undefined;
  }
  const tensPart = s.slice(0, ten);
  const unitsPart = s.slice(ten + 1);
  const tens = tensPart === '' ? 1 : digit(tensPart);
  const units = unitsPart === '' ? 0 : digit(unitsPart);
  if (tens === undefined || units === undefined || tensPart.length > 1 || unitsPart.length > 1) return undefined;
  return tens * 10 + units;
}

/** Writes n (1..99) as a Chinese numeral. */
export function toCjkNumber(n: number): string {
  if (n <= 0 || n >= 100 || !Number.isInteger(n)) return String(n);
  if (n < 10) return CJK_NUMERALS[n];
  const t = Math.floor(n / 10);
  const u = n % 10;
  return (t === 1 ? '' : CJK_NUMERALS[t]) + '十' + (u ? CJK_NUMERALS[u] : '');
}

/** A string with, for every character, the document offset it came from (for regexes over joined lines). */
export class MappedText {
  constructor(readonly text: string, readonly map: Int32Array) {}

  /** Range in the document of text[from, to). */
  rangeOf(from: number, to: number): OffsetRange {
    if (this.map.length === 0) return { start: 0, end: 0 };
    const s = this.map[Math.min(from, this.map.length - 1)];
    const e = to > from ? this.map[Math.min(to - 1, this.map.length - 1)] + 1 : s;
    return { start: s, end: e };
  }

  /**
   * Builds compacted (digits folded, whitespace removed) text from document slices, keeping the offset map. The map
   * is written into `into` when it is long enough (a caller compacting many paragraphs allocates one buffer for all).
   */
  static compactOf(doc: string, slices: readonly OffsetRange[], into?: Int32Array): MappedText {
    let total = 0;
    for (const sl of slices) total += sl.end - sl.start;
    // every folded character stays one character: the slices' length bounds the result
    const map = into && into.length >= total ? into : new Int32Array(total);
    const parts: string[] = [];
    let n = 0;
    for (const sl of slices) {
      let run = sl.start; // start of the current run of characters kept as written
      for (let i = sl.start; i < sl.end; i++) {
        const c = doc.charCodeAt(i);
        if (c >= 0x4e00 && c <= 0x9fff) {
          map[n++] = i; // CJK ideographs, most of the narrative: neither space nor folded
          continue;
        }
        const space = isSpaceCode(c);
        if (!space && !needsNfkcCode(c)) {
          map[n++] = i;
          continue;
        }
        if (i > run) parts.push(doc.slice(run, i));
        run = i + 1;
        if (space) continue;
        const folded = doc[i].normalize('NFKC');
        for (let k = 0; k < folded.length && n < total; k++) {
          if (isSpaceCode(folded.charCodeAt(k))) continue;
          parts.push(folded[k]);
          map[n++] = i;
        }
      }
      if (sl.end > run) parts.push(doc.slice(run, sl.end));
    }
    return new MappedText(parts.join(''), map.subarray(0, n));
  }
}

/** Whitespace as reports use it: ASCII, NBSP, ideographic space, BOM, Unicode spaces. */
/** Whether `s` is 1 to 15 ASCII digits (the common table value: exact as a double, nothing to normalise). */
export function isPlainCount(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 15) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680
  );
}

/**
 * Characters folded in narrative text: full-width digits, letters and decimal point, Kangxi radicals.
 * Narrative punctuation (，；：) is kept as written, since the narrative patterns are written with it.
 */
function needsNfkcCode(c: number): boolean {
  return (
    (c >= 0xff10 && c <= 0xff19) || c === 0xff0e || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) ||
    (c >= 0x2f00 && c <= 0x2fdf)
  );
}

export function rangeUnion(a: OffsetRange, b: OffsetRange): OffsetRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The line break a text uses (its first one; `\n` when it has none): insertions into the text use the same. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const i = text.indexOf('\n');
  if (i > 0 && text[i - 1] === '\r') return '\r\n';
  if (i < 0 && text.includes('\r')) return '\r';
  return '\n';
}
