/**
 * Applying fixes. Fixes are data (text edits); applying never mutates a document in place and never touches
 * text outside the edited ranges.
 */

import type { Finding, Fix, TextEdit } from './rule';

/** Applies non-overlapping edits to text (edits in any order). Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.range.start < pos) throw new Error(`overlapping edits at ${e.range.start}`);
    if (e.range.start > text.length || e.range.end > text.length || e.range.end < e.range.start) {
      throw new Error(`edit out of range: ${e.range.start}-${e.range.end}`);
    }
    out += text.slice(pos, e.range.start) + e.newText;
    pos = e.range.end;
  }
  return out + text.slice(pos);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // two insertions at the same point also conflict (order would be arbitrary)
  if (a.range.start === a.range.end && b.range.start === b.range.end) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end ||
    (a.range.start === a.range.end && a.range.start > b.range.start && a.range.start < b.range.end) ||
    (b.range.start === b.range.end && b.range.start > a.range.start && b.range.start < a.range.end);
}

/** The preferred fixes of the findings that can be applied together (first come, first served). */
export function fixAllEdits(findings: readonly Finding[]): { edits: TextEdit[]; fixes: Fix[] } {
  const edits: TextEdit[] = [];
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fx = f.fixes.find((x) => x.preferred);
    if (!fx || fx.edits.length === 0) continue;
    if (fx.edits.some((e) => edits.some((o) => overlaps(e, o)))) continue;
    edits.push(...fx.edits);
    fixes.push(fx);
  }
  return { edits, fixes };
}
