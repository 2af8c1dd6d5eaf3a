/**
 * Consistent fixes, as a property over the real fixtures, the seeds and mutations of their numbering (sub-heading
 * markers renumbered, swapped, deleted, repeated; section numerals changed; lines swapped): fix-all applied once
 * leaves no finding that fix-all would fix again (so no later fix can undo an earlier one), the findings it fixed
 * are gone, and the command line's `--fix` loop ends in the same text listing only the fixes it applied once.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAllEdits, lint, type Finding, type LintResult, type TextEdit } from '../../server/src/core';
import { fixLoop } from '../../server/src/cli/fix';
import { rng } from '../gen/report';
import { FIXTURES, readFixture, seedNames } from '../helpers';

const REAL = path.join(FIXTURES, 'real');
const sources: { name: string; text: string }[] = [
  ...fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: `real ${f}`, text: fs.readFileSync(path.join(REAL, f), 'utf8') })),
  ...seedNames().map((n) => ({ name: `seed ${n}`, text: readFixture('seeds', n) })),
];

const CJK = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
const MARKER_LINE = /^(\s*[（(])([一二三四五六七八九十]{1,2}|\d{1,2})([）)])/;
const SECTION_LINE = /^(\s*)([一二三四五六])([、.．])/;

/** Numbering mutations: each changes the sub-heading markers or section numerals of one copy of the text. */
function mutations(text: string, seed: number): { name: string; text: string }[] {
  const rand = rng(seed);
  const lines = text.split('\n');
  const markers = lines.map((l, i) => (MARKER_LINE.test(l) ? i : -1)).filter((i) => i >= 0);
  const sections = lines.map((l, i) => (SECTION_LINE.test(l) ? i : -1)).filter((i) => i >= 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const out: { name: string; text: string }[] = [];
  const withLines = (name: string, f: (ls: string[]) => void) => {
    const ls = lines.slice();
    f(ls);
    out.push({ name, text: ls.join('\n') });
  };
  for (let k = 0; k < 8 && markers.length; k++) {
    const i = pick(markers);
    const n = pick(CJK);
    withLines(`marker line ${i + 1} → （${n}）`, (ls) => (ls[i] = ls[i].replace(MARKER_LINE, `$1${n}$3`)));
  }
  for (let k = 0; k < 6 && markers.length > 1; k++) {
    const a = pick(markers);
    const b = pick(markers);
    withLines(`marker numerals of lines ${a + 1} and ${b + 1} swapped`, (ls) => {
      const ma = MARKER_LINE.exec(lines[a])!;
      const mb = MARKER_LINE.exec(lines[b])!;
      ls[a] = lines[a].replace(MARKER_LINE, `$1${mb[2]}$3`);
      ls[b] = lines[b].replace(MARKER_LINE, `$1${ma[2]}$3`);
    });
  }
  for (let k = 0; k < 3 && markers.length; k++) {
    const i = pick(markers);
    withLines(`marker line ${i + 1} deleted`, (ls) => ls.splice(i, 1));
    const j = pick(markers);
    withLines(`marker line ${j + 1} repeated`, (ls) => ls.splice(j, 0, lines[j]));
    const h = pick(markers);
    withLines(`marker of line ${h + 1} in half-width Arabic`, (ls) => (ls[h] = ls[h].replace(MARKER_LINE, `(${1 + Math.floor(rand() * 6)})`)));
  }
  for (let k = 0; k < 4 && sections.length; k++) {
    const i = pick(sections);
    const n = pick(CJK.slice(0, 6));
    withLines(`section numeral of line ${i + 1} → ${n}`, (ls) => (ls[i] = ls[i].replace(SECTION_LINE, `$1${n}$3`)));
  }
  for (let k = 0; k < 3 && sections.length > 1; k++) {
    const a = pick(sections);
    const b = pick(sections);
    withLines(`section lines ${a + 1} and ${b + 1} swapped`, (ls) => ([ls[a], ls[b]] = [lines[b], lines[a]]));
  }
  return out;
}

function preferred(r: LintResult): Finding[] {
  return r.findings.filter((f) => f.fixes.some((x) => x.preferred && x.edits.length));
}

/** How far the edits before `pos` move it (edits in the coordinates of the text they apply to). */
function shiftAt(pos: number, edits: readonly TextEdit[], self?: TextEdit): number {
  let shift = 0;
  for (const o of edits) if (o !== self && o.range.end <= pos) shift += o.newText.length - (o.range.end - o.range.start);
  return shift;
}

interface Change {
  ruleId: string;
  start: number;
  end: number;
  before: string;
  after: string;
}

/**
 * Fix-all to the end, as the editor's repeated Fix All and `--fix` do: each round applies the preferred fixes of a
 * fresh check. Fails when a round would put back what an earlier round replaced; returns the final text, the changes
 * still in place (located in it) and the number of fixes applied.
 */
function fixAllToTheEnd(text: string, label: string): { text: string; changes: Change[]; fixes: number; rounds: number } {
  let current = text;
  let changes: Change[] = [];
  let fixes = 0;
  for (let round = 0; ; round++) {
    const r = lint(current);
    const all = fixAllEdits(r.findings);
    if (!all.edits.length) return { text: current, changes, fixes, rounds: round };
    assert.ok(round < 10, `${label}: fix-all did not converge in 10 rounds`);
    for (const e of all.edits) {
      const undone = changes.find((c) => c.start === e.range.start && c.end === e.range.end && e.newText === c.before);
      assert.equal(undone, undefined, `${label}: round ${round + 1} undoes a ${undone?.ruleId} fix (${undone?.before}→${undone?.after}→${e.newText})`);
    }
    changes = changes
      .filter((c) => !all.edits.some((e) => e.range.start < c.end && e.range.end > c.start))
      .map((c) => ({ ...c, start: c.start + shiftAt(c.start, all.edits), end: c.end + shiftAt(c.start, all.edits) }));
    for (const f of r.findings) {
      const fx = f.fixes.find((x) => all.fixes.includes(x));
      if (!fx) continue;
      fixes++;
      for (const e of fx.edits) {
        const start = e.range.start + shiftAt(e.range.start, all.edits, e);
        changes.push({ ruleId: f.ruleId, start, end: start + e.newText.length, before: current.slice(e.range.start, e.range.end), after: e.newText });
      }
    }
    current = applyEdits(current, all.edits);
  }
}

let checked = 0;
let fixedTotal = 0;
for (const src of sources) {
  test(`fix-all is consistent on numbering mutations of ${src.name}`, { timeout: 120_000 }, () => {
    for (const m of [{ name: 'as is', text: src.text }, ...mutations(src.text, src.text.length)]) {
      const label = `${src.name}, ${m.name}`;
      const end = fixAllToTheEnd(m.text, label);
      const after = lint(end.text);
      // nothing left that fix-all would fix
      assert.deepEqual(preferred(after).map((f) => f.ruleId), [], `${label}: fix-all left fixable findings`);
      // the findings it fixed are gone: no finding of the same rule where a fix put its text
      for (const c of end.changes) {
        const again = after.findings.find((g) => g.ruleId === c.ruleId && g.range.start < Math.max(c.end, c.start + 1) && g.range.end > c.start);
        assert.equal(again, undefined, `${label}: ${c.ruleId} still reported where its fix applied (${c.before}→${c.after})`);
      }
      fixedTotal += end.fixes;
      // the command line's loop: the same text, each fix listed once
      const loop = fixLoop(m.text, (t) => lint(t));
      assert.equal(loop.text, end.text, `${label}: --fix ended in another text than fix-all`);
      assert.equal(loop.applied.length, end.fixes, `${label}: --fix listed ${loop.applied.length} fixes for ${end.fixes}`);
      checked++;
    }
  });
}

test('the mutations exercised fixes (the property did not hold vacuously)', () => {
  assert.ok(checked >= sources.length * 20, `only ${checked} texts checked`);
  assert.ok(fixedTotal >= 100, `only ${fixedTotal} fixes applied`);
});

test('（三） then （二） under part 一: one renumbering, （三）→（一） only, applied once', () => {
  const base = seedNames().map((n) => readFixture('seeds', n)).find((t) => /\n（一）[^\n]*\n[\s\S]*\n（二）/.test(t))!;
  const lines = base.split('\n');
  const first = lines.findIndex((l) => l.startsWith('（一）'));
  const second = lines.findIndex((l) => l.startsWith('（二）'));
  lines[first] = lines[first].replace('（一）', '（三）');
  // keep only the first two sub-headings of the part
  for (let i = second + 1; i < lines.length && !/^[二三四五六]、/.test(lines[i]); i++) lines[i] = lines[i].replace(/^（[三四五六七]）/, '');
  const text = lines.join('\n');
  const r = lint(text);
  const part1 = (offset: number) => r.report.index.positionAt(offset).line <= second;
  const sub = r.findings.filter((f) => f.ruleId === 'subsection-numbering' && part1(f.range.start));
  assert.deepEqual(
    sub.map((f) => [r.report.index.positionAt(f.range.start).line, text.slice(f.range.start, f.range.end), f.fixes[0].edits[0].newText, f.fixes[0].preferred]),
    [[first, '（三）', '（一）', true]],
  );
  const loop = fixLoop(text, (t) => lint(t));
  assert.deepEqual(loop.applied.filter((a) => a.ruleId === 'subsection-numbering' && a.line <= second + 1).map((a) => a.line), [first + 1]);
  assert.ok(loop.text.split('\n')[first].startsWith('（一）') && loop.text.split('\n')[second].startsWith('（二）'));
});

test('--fix never applies the inverse of an applied fix, and lists only fixes still in effect', () => {
  // a rule set that disagrees with itself between rounds: A→B, then B→A, then A→B …
  const fake = (t: string): LintResult => {
    const real = lint(t);
    const at = t.indexOf('甲') >= 0 ? t.indexOf('甲') : t.indexOf('乙');
    const to = t[at] === '甲' ? '乙' : '甲';
    const finding: Finding = {
      ...real.findings[0],
      ruleId: 'typo-known',
      range: { start: at, end: at + 1 },
      fixes: [{ title: { zh: `改为${to}`, en: `to ${to}` }, edits: [{ range: { start: at, end: at + 1 }, newText: to }], preferred: true }],
    };
    return { ...real, findings: [finding] };
  };
  const text = `${readFixture('seeds', seedNames()[0])}\n甲\n`;
  const out = fixLoop(text, fake);
  assert.equal(out.applied.length, 1, 'one fix applied, its inverse refused');
  assert.equal(out.text, text.replace('甲', '乙'));
  assert.equal(out.rounds, 1);
});
