/**
 * The section headings of a document that was edited, from those of its previous version: `parseHeading` on every
 * line of the whole document was the larger part of what the incremental linter did for a one-character edit in a
 * 1 MB document before it looked at a report. Only the lines that changed are parsed: the lines before and after
 * the changed text are the previous version's, moved, and so are their headings (`parseHeading` depends on the
 * line's text, and on its place only for the offsets and the line number it records). The result equals
 * `parseHeading` of every line of `splitLines(text)` (test/unit/incremental-lines.test.ts compares them).
 *
 * The lines are split from the new text, and a kept heading holds no slice of the text it was parsed in, so old
 * versions of a large document are not held in memory.
 */

import type { Heading, OffsetRange } from './model';
import { parseHeading } from './structure';
import { detach, splitLines, type Line } from './text';

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

export class LineMemo {
  private last: Version | undefined;

  /** The lines of `text` and the headings among them (by line), as if computed afresh. */
  update(text: string): { lines: Line[]; headings: Map<number, Heading> } {
    const lines = splitLines(text);
    let headings = this.last ? this.reuse(this.last, text, lines) : undefined;
    if (!headings) {
      headings = new Map<number, Heading>();
      headingsOf(lines, 0, lines.length, headings);
    }
    this.last = { text, lines, headings };
    return { lines, headings };
  }

  /** The headings of `lines` (the new text's) from those of the previous version; undefined when too much changed. */
  private reuse(prev: Version, text: string, lines: readonly Line[]): Map<number, Heading> | undefined {
    const old = prev.text;
    const p = commonPrefix(old, text);
    const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
    const ol = prev.lines;
    // lines at their place: the line break after them and the first character of the next line are unchanged (`\r`
    // then `\n` is one break), so the new text has the same line there
    let head = 0;
    while (head + 1 < ol.length && ol[head + 1].start < p) head++;
    // lines moved: they and the two characters before them (their line break) are in the common suffix, so the new
    // text has the same line, `shift` lines further on
    const suffixFrom = old.length - s;
    let tail = ol.length;
    while (tail - 1 > head && ol[tail - 1].start - 2 >= suffixFrom) tail--;
    // an edit that touched most of the document: parse every line
    if (head + (ol.length - tail) < ol.length / 2) return undefined;
    const shift = lines.length - ol.length;
    const delta = text.length - old.length;
    const headings = new Map<number, Heading>();
    // in line order: the headings of the lines kept, those of the changed lines, those of the moved lines
    for (const [i, h] of prev.headings) if (i < head) headings.set(i, h);
    headingsOf(lines, head, tail + shift, headings);
    for (const [i, h] of prev.headings) if (i >= tail) headings.set(i + shift, shift === 0 && delta === 0 ? h : moveHeading(h, shift, delta));
    return headings;
  }
}
