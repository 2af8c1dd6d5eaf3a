/**
 * The section headings of a document that was edited, from those of its previous version: `parseHeading` on every
 * line of the whole document was the larger part of what the incremental linter did for a one-character edit in a
 * 1 MB document before it looked at a report. A heading is parsed again only on a line that changed or on one that
 * was a heading: whether a line is a heading depends on its text alone (`parseHeading` answers undefined for the
 * same text wherever the line is), and the lines before and after the changed text are the previous version's,
 * moved. The result equals `parseHeading` of every line of `splitLines(text)`.
 *
 * Nothing of the previous version is kept in the result: the lines are split from the new text and every heading is
 * parsed on them, so old versions of a large document are not held in memory by slices of them.
 */

import type { Heading } from './model';
import { parseHeading } from './structure';
import { splitLines, type Line } from './text';

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

function headingsOf(lines: readonly Line[], from: number, to: number, into: Map<number, Heading>): void {
  for (let i = from; i < to; i++) {
    const h = parseHeading(lines[i]);
    if (h) into.set(i, h);
  }
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
    const headings = new Map<number, Heading>();
    const again = (i: number): void => {
      const h = parseHeading(lines[i]);
      if (h) headings.set(i, h);
    };
    // in line order: the lines kept that were headings, the changed lines, the moved lines that were headings
    const before = [...prev.headings.keys()];
    for (const i of before) if (i < head) again(i);
    headingsOf(lines, head, tail + shift, headings);
    for (const i of before) if (i >= tail) again(i + shift);
    return headings;
  }
}
