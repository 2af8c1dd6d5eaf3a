/**
 * Physical table layouts (domain.md §4.2) and the token stream of a table region (§4.4 step 5).
 *
 *  L1  docx → text, one cell per line (`\t` prefix), rows separated by empty lines
 *  L2  tab-separated rows
 *  L3  PDF text: cells separated by spaces, labels wrapped over lines
 *  L4  Markdown pipe tables
 *  L5  HTML-derived text (`&nbsp;`, tags): tokenised like L3
 */

import type { Layout, OffsetRange } from './model';
import { detach, isPlainCount, isSpaceCode, normLabel, nfkc, stripBookmarks, type Line } from './text';

export type TokKind = 'text' | 'value' | 'eol' | 'break';

export interface Tok {
  kind: TokKind;
  /** Raw text as written (trimmed; fragments of a wrapped L1 cell joined with nothing). */
  text: string;
  /** Normalised text (labels). */
  norm: string;
  range: OffsetRange;
  line: number;
  /** Last line the token touches (wrapped L1 cells). */
  lastLine: number;
  /** Value tokens: blank cell. */
  blank?: boolean;
}

const PIPE_SEP_RE = /^:?-{2,}:?$/;
const DASH_RUN_RE = /^[-—–―－]{3,}$/;

/** A cell that stands for "no value" (§2.5). */
export function isBlankText(raw: string): boolean {
  if (raw.length > 8 && raw.indexOf('&nbsp;') < 0) return false; // blank markers are short
  const t = nfkc(raw).replace(/&nbsp;/g, '').trim();
  if (t === '') return true;
  return /^(?:[/\\／\-—－―–无]|——|&nbsp;)$/.test(t);
}

const NUMBERISH_RE =
  /^(?:[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+\-]?\d+(?:\.\d+)?)(?:万元|[元件项个条起次])?$/;
const CHANGE_RE = /^(?:增加?|减少?)\d+(?:[,，、]?减少?\d+)?$/;

/** Whether a trimmed cell text is a value (number, change, or blank) rather than a label. */
export function isValueText(raw: string): boolean {
  if (isPlainCount(raw)) return true;
  if (raw.length > 40) return isBlankText(raw); // values are short; labels and sentences are not values
  const hit = valueCache.get(raw);
  if (hit !== undefined) return hit;
  const c = nfkc(stripBookmarks(raw)).replace(/\s+/g, '');
  const v = isBlankText(raw) || NUMBERISH_RE.test(c) || CHANGE_RE.test(c);
  if (valueCache.size >= 20_000) valueCache.clear();
  valueCache.set(detach(raw), v);
  return v;
}

/** Cells repeat (0, 1, blank markers): a bounded memo of isValueText. */
const valueCache = new Map<string, boolean>();

/** Whether the cells are a Markdown separator row or rules of dashes (some non-empty, all such). */
function isSeparatorCells(cells: readonly string[]): boolean {
  let any = false;
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    // both patterns start with `:` or a dash: most rows are refused on their first character
    const f = t.charCodeAt(0);
    if (f !== 58 && f !== 45 && f !== 0x2014 && f !== 0x2013 && f !== 0x2015 && f !== 0xff0d) return false;
    if (!PIPE_SEP_RE.test(t) && !DASH_RUN_RE.test(t)) return false;
    any = true;
  }
  return any;
}

const HTML_CELL_RE = /<t([dh])\b[^>]*>([\s\S]*?)<\/t\1\s*>/gi;
const HTML_ROW_RE = /<t[dh][\s>]/i;

/** The cells of one physical line, whatever its layout (used to find table anchors). */
export function splitCells(text: string): string[] {
  const t = text.trim();
  if (t.startsWith('|') || isOpenPipeRow(t)) {
    const parts = t.split('|');
    if (t.startsWith('|')) parts.shift();
    if (t.endsWith('|')) parts.pop();
    return parts.map((p) => p.trim());
  }
  if (HTML_ROW_RE.test(t)) {
    const cells: string[] = [];
    for (const m of t.matchAll(HTML_CELL_RE)) cells.push(m[2].replace(/<[^<>]*>/g, '').replace(/&nbsp;/g, ' ').trim());
    return cells;
  }
  if (t.includes('\t')) return text.split('\t').map((p) => p.trim());
  return [t];
}

const DIGIT_RE = /[0-9０-９]/;

/**
 * One cell per line with a pipe after each cell, as HTML tables come out of some converters: `规章 |`, `0 |`;
 * a line of pipes alone holds empty cells (`|`, `||`). `t` is trimmed.
 */
const PIPE_CELL_RE = /^[^|]*\|+$/;

export function isPipeCellLine(t: string): boolean {
  return t.length > 0 && t.charCodeAt(t.length - 1) === 124 && PIPE_CELL_RE.test(t);
}

/** The content of a pipe-cell line (`规章 |` → `规章`; `||` → ''), or undefined for other lines. */
export function pipeCellContent(text: string): string | undefined {
  const t = text.trim();
  return isPipeCellLine(t) ? t.slice(0, t.indexOf('|')).trim() : undefined;
}

/**
 * A pipe-table row written without the leading pipe (GFM allows it; web pages converted to text often come so):
 * `规章 | 0 | 0 | 0 |`. It ends with a pipe and holds another one, so that one cell followed by a pipe (`标题 |`)
 * is not a row of cells. `t` is trimmed.
 */
export function isOpenPipeRow(t: string): boolean {
  return t.length > 1 && t.charCodeAt(t.length - 1) === 124 && t.indexOf('|') < t.length - 1 && t.charCodeAt(0) !== 124;
}

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isTrimSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Detects the layout of a region (§4.2 last paragraph). */
export function detectLayout(lines: readonly Line[], from: number, to: number): Layout {
  let nonEmpty = 0;
  let pipe = 0;
  let l1 = 0;
  let withDigits = 0;
  let tabbedDigits = 0;
  let html = 0;
  let singleValue = 0;
  let blankish = 0;
  let tabbedLines = 0;
  let tabOnly = 0;
  let pipeCells = 0;
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    // first character that String.prototype.trim would keep (t.length: the line is blank)
    let a = 0;
    while (a < t.length && isTrimSpace(t.charCodeAt(a))) a++;
    if (a === t.length) {
      if (t.length > 0) blankish++;
      if (/\t.*\t/.test(t)) tabOnly++;
      continue;
    }
    const trimmed = t.trim(); // the line itself when there is nothing to trim
    // a tab after the first character (one leading tab is the L1 cell prefix)
    const innerTab = t.indexOf('\t', t.charCodeAt(0) === 9 ? 1 : 0) >= 0;
    if (innerTab) tabbedLines++;
    nonEmpty++;
    if (t.indexOf('|') >= 0) {
      if (isPipeCellLine(trimmed)) pipeCells++;
      else if (t.charCodeAt(a) === 124 /* | */ || isOpenPipeRow(trimmed)) pipe++;
    }
    if (t.charCodeAt(0) === 9) {
      let b = 1;
      while (b < t.length && t.charCodeAt(b) === 9) b++;
      if (t.indexOf('\t', b) < 0) l1++;
    }
    if (/&nbsp;|<t[dhr][\s>]/i.test(t)) html++;
    if (DIGIT_RE.test(t)) {
      withDigits++;
      // a line with digits and a tab between cells (a tab other than the L1 prefix)
      if (innerTab) tabbedDigits++;
      if (!/\s/.test(trimmed) && isValueText(trimmed)) singleValue++;
    }
  }
  if (nonEmpty === 0) return 'L3';
  // one cell per line, each followed by a pipe: read as one cell per line (tokenize strips the pipes)
  if (pipeCells / nonEmpty >= 0.6) return 'L1';
  if ((pipe + pipeCells) / nonEmpty >= 0.5) return 'L4';
  if (l1 / nonEmpty >= 0.6) return 'L1';
  if (withDigits > 0 && tabbedDigits / withDigits >= 0.5) return 'L2';
  // an empty form: tab-separated rows with no number at all
  if (withDigits === 0 && tabbedLines + tabOnly >= 3 && tabbedLines + tabOnly >= 0.5 * (nonEmpty + tabOnly)) return 'L2';
  if (html > 0) return 'L5';
  // one cell per line without the tab prefix (HTML blocks pasted as text): numbers stand alone on their lines
  if (withDigits >= 3 && singleValue / withDigits >= 0.7 && singleValue + blankish >= nonEmpty * 0.3) return 'L1';
  return 'L3';
}

/** Lines that are page numbers or running footers of a PDF (`-4-`, `— 5 —`, `第 3 页`), not table content. */
export function isPageFooter(text: string): boolean {
  if (text.length > 24) return false; // footers are short
  return /^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/.test(nfkc(text).replace(/\f/g, ''));
}

function makeTok(kind: TokKind, text: string, range: OffsetRange, line: number): Tok {
  const value = kind === 'value';
  return {
    kind,
    text,
    norm: value || text === '' ? '' : normLabel(text),
    range,
    line,
    lastLine: line,
    blank: value ? !isPlainCount(text) && isBlankText(text) : undefined,
  };
}

/** Trims a slice [s, e) of the line text, returning offsets relative to the line. */
function trimSpan(t: string, s: number, e: number): [number, number] {
  while (s < e && isSpaceCode(t.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(t.charCodeAt(e - 1))) e--;
  return [s, e];
}

function cellTok(line: Line, s: number, e: number): Tok {
  const [a, b] = trimSpan(line.text, s, e);
  const raw = line.text.slice(a, b);
  // Empty cells get a zero-width range at the cell position.
  const range = { start: line.start + a, end: line.start + b };
  return makeTok(isValueText(raw) ? 'value' : 'text', raw, range, line.index);
}

/** Splits a line at tabs; returns [start, end) spans relative to the line. */
function tabSpans(t: string): [number, number][] {
  const spans: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= t.length; i++) {
    if (i === t.length || t.charCodeAt(i) === 9) {
      spans.push([s, i]);
      s = i + 1;
    }
  }
  return spans;
}

const UNIT_PIECE_RE = /^(?:万元|[元件项个条起次])$/;
const CHANGE_WORD_RE = /^(?:增加?|减少?)$/;

/** L3/L5: whitespace-separated pieces, merged back into label / value tokens. */
function tokenizeSpaced(line: Line, out: Tok[], html: boolean): void {
  let t = line.text;
  if (html) t = t.replace(/<[^<>]*>/g, (m) => ' '.repeat(m.length));
  const pieces: [number, number][] = [];
  let i = 0;
  while (i < t.length) {
    while (i < t.length && isSpaceCode(t.charCodeAt(i))) i++;
    if (i >= t.length) break;
    const s = i;
    while (i < t.length && !isSpaceCode(t.charCodeAt(i))) i++;
    pieces.push([s, i]);
  }
  if (pieces.length === 0) return;
  const texts = pieces.map(([s, e]) => t.slice(s, e));
  if (isSeparatorCells(texts)) return;
  type P = { s: number; e: number; value: boolean };
  const merged: P[] = [];
  for (let k = 0; k < pieces.length; k++) {
    const [s, e] = pieces[k];
    const txt = texts[k];
    const prev = merged[merged.length - 1];
    const isVal = isValueText(txt);
    if (prev && prev.value && UNIT_PIECE_RE.test(txt)) {
      prev.e = e; // "83.42 万元", "1 项"
      continue;
    }
    if (CHANGE_WORD_RE.test(txt) && k + 1 < pieces.length && /^\d+$/.test(nfkc(texts[k + 1]))) {
      // "减少 18", "增 1 减 3": a change cell
      const next = pieces[k + 1];
      if (prev && prev.value && /^增加?\s*\d+$/.test(nfkc(t.slice(prev.s, prev.e))) && /^减/.test(txt)) {
        prev.e = next[1];
      } else {
        merged.push({ s, e: next[1], value: true });
      }
      k++;
      continue;
    }
    // Label words separated by spaces stay separate tokens: the row matcher joins them, and a group label
    // written before a row label (`（三）不予公开 1.属于国家秘密`) keeps its own range.
    merged.push({ s, e, value: isVal });
  }
  for (const p of merged) {
    const raw = t.slice(p.s, p.e);
    out.push(makeTok(p.value ? 'value' : 'text', raw, { start: line.start + p.s, end: line.start + p.e }, line.index));
  }
}

/** HTML table rows: one token per `<td>`/`<th>`, the content range trimmed of tags and spaces. */
function tokenizeHtml(line: Line, out: Tok[]): void {
  const t = line.text;
  for (const m of t.matchAll(HTML_CELL_RE)) {
    const inner = m[2];
    const innerStart = m.index + m[0].indexOf('>') + 1;
    // the text between the first and the last non-tag, non-space character
    let a = 0;
    let b = inner.length;
    const lead = /^(?:\s|&nbsp;|<[^<>]*>)+/.exec(inner.slice(a, b));
    if (lead) a += lead[0].length;
    // trailing spaces, &nbsp; and tags, stripped from the end by hand: an unanchored `(…)+$` would be retried at
    // every position of a long run (quadratic)
    while (b > a) {
      const c = inner.charCodeAt(b - 1);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || c === 0x0c || c === 0x0b) b--;
      else if (inner.endsWith('&nbsp;', b) && b - 6 >= a) b -= 6;
      else if (c === 0x3e /* > */) {
        const open = inner.lastIndexOf('<', b - 2);
        if (open < a || inner.lastIndexOf('>', b - 2) > open) break;
        b = open;
      } else break;
    }
    const raw = inner.slice(a, b).replace(/<[^<>]*>/g, '');
    const range = { start: line.start + innerStart + a, end: line.start + innerStart + Math.max(a, b) };
    out.push(makeTok(isValueText(raw) ? 'value' : 'text', raw, range, line.index));
  }
}

/**
 * Tokenises lines [from, to) of a region in the given layout. `eol` ends every physical line (L2–L5);
 * `break` is an L1 empty line (row separator).
 */
export function tokenize(lines: readonly Line[], from: number, to: number, layout: Layout): Tok[] {
  const out: Tok[] = [];
  let prevWasCellLine = false;
  // L1 comes with a tab before each cell (docx) or without (HTML blocks): then every line is a cell
  let tabbed = 0;
  let nonEmpty = 0;
  if (layout === 'L1') {
    for (let i = from; i < to; i++) {
      if (lines[i].text.trim() === '') continue;
      nonEmpty++;
      if (lines[i].text.startsWith('\t')) tabbed++;
    }
  }
  const plainCells = layout === 'L1' && tabbed < nonEmpty * 0.3;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const t = line.text;
    if (isPageFooter(t)) continue;
    if (plainCells) {
      if (t.length === 0) {
        out.push(makeTok('break', '', { start: line.start, end: line.start }, i));
        continue;
      }
      const bar = t.indexOf('|');
      if (bar >= 0 && isPipeCellLine(t.trim())) {
        const [a, b] = trimSpan(t, 0, bar);
        if (b > a) out.push(cellTok(line, a, b)); // `规章 |`, `0 |`: the cell before the pipe
        else if (t.indexOf('|', bar + 1) < 0) out.push(makeTok('value', '', { start: line.start + bar, end: line.start + bar }, i)); // `|`: an empty cell
        // `||`, `|||`: the empty cells such converters put after the last cell of a row (colspan leftovers) end it
        else out.push(makeTok('break', '', { start: line.start, end: line.start }, i));
        continue;
      }
      const tok = cellTok(line, 0, t.length);
      if (tok.kind === 'value' && tok.blank && tok.range.start === tok.range.end) {
        tok.range = { start: line.start, end: line.start }; // a whitespace-only line is a blank cell
      }
      out.push(tok);
      continue;
    }
    if (layout === 'L1') {
      if (t.length === 0 || (t.trim() === '' && !t.includes('\t'))) {
        out.push(makeTok('break', '', { start: line.start, end: line.start }, i));
        prevWasCellLine = false;
        continue;
      }
      if (t.startsWith('\t') || (t.trim() === '' && t.includes('\t'))) {
        const body = t.replace(/^\t+/, '');
        const off = t.length - body.length;
        if (body.includes('\t')) {
          // a tab-separated line inside an L1 region
          for (const [s, e] of tabSpans(body)) out.push(cellTok(line, off + s, off + e));
          out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
        } else {
          const tok = cellTok(line, off, t.length);
          if (tok.kind === 'value' && tok.blank) {
            // a blank cell: show the tab itself
            tok.range = { start: line.start + off, end: line.start + off };
          }
          out.push(tok);
        }
        prevWasCellLine = true;
        continue;
      }
      // A line without the tab prefix: continuation of a wrapped label cell, or free text.
      const prev = out[out.length - 1];
      const [a, b] = trimSpan(t, 0, t.length);
      const raw = t.slice(a, b);
      if (prevWasCellLine && prev && prev.kind === 'text' && prev.lastLine === i - 1 && !isValueText(raw)) {
        prev.text += raw;
        prev.norm = normLabel(prev.text);
        prev.range = { start: prev.range.start, end: line.start + b };
        prev.lastLine = i;
      } else {
        const parts = tabSpans(t);
        if (parts.length > 1) {
          for (const [s, e] of parts) out.push(cellTok(line, s, e));
          out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
        } else {
          tokenizeSpaced(line, out, false);
        }
      }
      prevWasCellLine = true;
      continue;
    }
    if (t.trim() === '') {
      // a row of empty cells in a tab-separated table (an empty form): blank cells
      if (layout === 'L2' && /\t.*\t/.test(t)) {
        for (const [a, b] of tabSpans(t)) out.push(cellTok(line, a, b));
        out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
      }
      continue;
    }
    if (layout === 'L4' || t.trimStart().startsWith('|')) {
      const lead = t.length - t.trimStart().length;
      const body = t.slice(lead);
      const spans: [number, number][] = [];
      let s = 0;
      for (let k = 0; k <= body.length; k++) {
        if (k === body.length || body[k] === '|') {
          spans.push([lead + s, lead + k]);
          s = k + 1;
        }
      }
      // drop the empty piece before the first '|' and after the last one
      if (spans.length && t.slice(spans[0][0], spans[0][1]).trim() === '') spans.shift();
      if (spans.length && body.trimEnd().endsWith('|')) spans.pop();
      const cells = spans.map(([a, b]) => t.slice(a, b));
      if (isSeparatorCells(cells)) continue;
      if (spans.length <= 1 && !body.startsWith('|')) tokenizeSpaced(line, out, false);
      else for (const [a, b] of spans) out.push(cellTok(line, a, b));
      out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
      continue;
    }
    if (layout === 'L2' && t.includes('\t')) {
      const spans = tabSpans(t);
      if (isSeparatorCells(spans.map(([a, b]) => t.slice(a, b)))) continue;
      for (const [a, b] of spans) out.push(cellTok(line, a, b));
      out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
      continue;
    }
    if (HTML_ROW_RE.test(t)) {
      tokenizeHtml(line, out);
    } else {
      tokenizeSpaced(line, out, layout === 'L5');
    }
    out.push(makeTok('eol', '', { start: line.end, end: line.end }, i));
  }
  return out;
}
