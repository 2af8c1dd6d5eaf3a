/**
 * Applying fixes. Fixes are data (text edits); applying never mutates a document in place and never touches
 * text outside the edited ranges.
 */

import type { Finding, Fix, TextEdit } from './rule';

/**
 * Applies non-overlapping edits to text. Edits are applied by position; insertions at the same point keep
 * their given order. Throws on overlapping edits.
 */
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
  const aIns = a.range.start === a.range.end;
  const bIns = b.range.start === b.range.end;
  // insertions at the same point are applied in order (e.g. several missing headings at the end)
  if (aIns && bIns) return false;
  if (aIns) return a.range.start > b.range.start && a.range.start < b.range.end;
  if (bIns) return b.range.start > a.range.start && b.range.start < a.range.end;
  return a.range.start < b.range.end && b.range.start < a.range.end;
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
