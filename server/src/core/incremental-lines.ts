/**
 * The lines and section headings of a document that was edited, from those of its previous version: `splitLines`
 * and `parseHeading` on every line of the whole document were the larger part of what the incremental linter did
 * for a one-character edit in a 1 MB document before it looked at a report. Only the lines that changed are split
 * and parsed: the lines before the changed text are the previous version's, those after it the previous version's
 * moved, and so are their headings (`parseHeading` depends on the line's text, and on its place only for the
 * offsets and the line number it records). The result equals `splitLines(text)` and `parseHeading` of each line
 * (test/unit/incremental-lines.test.ts compares them).
 *
 * Kept lines and headings hold no slice of the text they were read in (their strings are copies), so old versions
 * of a large document are not held in memory by them.
 */

import type { Heading, OffsetRange } from './model';
import { parseHeading } from './structure';
import { detach, type Line } from './text';

interface Version {
  readonly text: string;
  readonly lines: readonly Line[];
  readonly headings: ReadonlyMap<number, Heading>;
}

/** Length of the common prefix of a and b (compared in chunks, then character by character). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const CHUNK = 512;
  let i = 0;
  while (i + CHUNK <= n && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  const CHUNK = 512;
  let i = 0;
  while (i + CHUNK <= max && a.slice(a.length - i - CHUNK, a.length - i) === b.slice(b.length - i - CHUNK, b.length - i)) i += CHUNK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** A heading as parsed, holding no slice of the document's text (it may be kept for later versions). */
function parsed(line: Line): Heading | undefined {
  const h = parseHeading(line);
  return h && { ...h, title: detach(h.title), numeral: detach(h.numeral) };
}

function headingsOf(lines: readonly Line[], from: number, to: number, into: Map<number, Heading>): void {
  for (let i = from; i < to; i++) {
    const h = parsed(lines[i]);
    if (h) into.set(i, h);
  }
}

/** The heading of the same line text `lines` lines and `delta` characters further on. */
function moveHeading(h: Heading, lines: number, delta: number): Heading {
  const move = (r: OffsetRange): OffsetRange => ({ start: r.start + delta, end: r.end + delta });
  return { ...h, line: h.line + lines, range: move(h.range), numeralRange: move(h.numeralRange), titleRange: move(h.titleRange) };
}

/**
 * Splits `text` from `from` (a line start) to `to` (a line start) into lines numbered from `index`; with `last`,
 * `to` is the end of the text and the last line (after the last break, maybe empty) is one too.
 */
function splitRange(text: string, from: number, to: number, index: number, last: boolean, out: Line[]): void {
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ index: index++, start, end: i, text: detach(text.slice(start, i)) });
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (last) out.push({ index, start, end: text.length, text: detach(text.slice(start)) });
}

export class LineMemo {
  private last: Version | undefined;

  /** The lines of `text` and the headings among them (by line), as if computed afresh. */
  update(text: string): { lines: Line[]; headings: Map<number, Heading> } {
    const result = (this.last && this.reuse(this.last, text)) ?? this.fresh(text);
    this.last = { text, ...result };
    return result;
  }

  private fresh(text: string): { lines: Line[]; headings: Map<number, Heading> } {
    const lines: Line[] = [];
    splitRange(text, 0, text.length, 0, true, lines);
    const headings = new Map<number, Heading>();
    headingsOf(lines, 0, lines.length, headings);
    return { lines, headings };
  }

  /** The lines and headings of `text` from those of the previous version; undefined when too much changed. */
  private reuse(prev: Version, text: string): { lines: Line[]; headings: Map<number, Heading> } | undefined {
    const old = prev.text;
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
    const ol = prev.lines;
    // lines kept: the line break after them and the first character of the next line are unchanged (`\r` then `\n`
    // is one break), so the new text has the same line at the same place
    let head = 0;
    while (head + 1 < ol.length && ol[head + 1].start < p) head++;
    // lines moved: they and the two characters before them (their line break) are in the common suffix, so the new
    // text has the same line, `shift` lines and `delta` characters further on
    const suffixFrom = old.length - s;
    let tail = ol.length;
    while (tail - 1 > head && ol[tail - 1].start - 2 >= suffixFrom) tail--;
    // an edit that touched most of the document: split and parse afresh
    if (head + (ol.length - tail) < ol.length / 2) return undefined;
    const delta = text.length - old.length;
    // the kept lines as they are, the changed ones split again, the moved ones moved
    const lines = ol.slice(0, head);
    splitRange(text, ol[head].start, tail < ol.length ? ol[tail].start + delta : text.length, head, tail === ol.length, lines);
    const changedTo = lines.length;
    const shift = changedTo - tail;
    for (let i = tail; i < ol.length; i++) {
      const l = ol[i];
      lines.push({ index: i + shift, start: l.start + delta, end: l.end + delta, text: l.text });
    }
    const headings = new Map<number, Heading>();
    // in line order: the headings of the lines kept, those of the changed lines, those of the moved lines
    for (const [i, h] of prev.headings) if (i < head) headings.set(i, h);
    headingsOf(lines, head, changedTo, headings);
    for (const [i, h] of prev.headings) if (i >= tail) headings.set(i + shift, shift === 0 && delta === 0 ? h : moveHeading(h, shift, delta));
    return { lines, headings };
  }
}
