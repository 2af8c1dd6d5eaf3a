/**
 * The lines and headings of an edited document computed from its previous version (core/incremental-lines.ts)
 * equal `splitLines` and `parseHeading` of every line, whatever the edit and the line breaks.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineMemo } from '../../server/src/core/incremental-lines';
import * as structure from '../../server/src/core/structure';
import { parseHeading } from '../../server/src/core/structure';
import { splitLines } from '../../server/src/core/text';
import { generateReport, rng } from '../gen/report';
import { readFixture, seedNames } from '../helpers';

function fresh(text: string) {
  const lines = splitLines(text);
  const headings = new Map<number, NonNullable<ReturnType<typeof parseHeading>>>();
  lines.forEach((l, i) => {
    const h = parseHeading(l);
    if (h) headings.set(i, h);
  });
  return { lines, headings };
}

const PIECES = ['1', '件', '\n', '\r', '\r\n', '\n\n', '一、总体情况\n', '\r\n二、主动公开政府信息情况\r\n', '（二）', '\t', ''];

function edit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const r = rand();
  // at the very start or end now and then
  const where = r < 0.05 ? 0 : r < 0.1 ? text.length : at;
  const cut = rand() < 0.4 ? Math.floor(rand() * 30) : 0;
  return text.slice(0, where) + PIECES[Math.floor(rand() * PIECES.length)] + text.slice(Math.min(text.length, where + cut));
}

test('random edits: the lines and headings equal a fresh split, with \\n, \\r\\n and \\r line breaks', { timeout: 120_000 }, () => {
  const seeds = seedNames().map((n) => readFixture('seeds', n));
  const base = [...seeds, generateReport({ seed: 5, agency: '第5测试局' }), generateReport({ seed: 6, layout: 'L3' })].join('\n');
  for (const [name, start] of [
    ['LF', base],
    ['CRLF', base.replace(/\n/g, '\r\n')],
    ['CR', base.replace(/\n/g, '\r')],
  ] as const) {
    let text = start;
    const memo = new LineMemo();
    const rand = rng(name.length * 31 + 3);
    for (let step = 0; step < 120; step++) {
      if (step > 0) text = edit(text, rand);
      const got = memo.update(text);
      const want = fresh(text);
      assert.deepEqual(got.lines, want.lines, `${name} step ${step}: lines`);
      assert.deepEqual([...got.headings], [...want.headings], `${name} step ${step}: headings`);
    }
    // deleting everything and starting over
    for (const t of ['', 'x', '\n', start]) {
      assert.deepEqual(memo.update(t).lines, splitLines(t));
    }
  }
});

test('edits next to the end: a last line, empty or not, after the changed one', () => {
  const body = Array.from({ length: 40 }, (_, i) => `第${i}行 一、总体情况`).join('\n');
  for (const end of ['\n', '\r\n', '\r', '', '\n\n']) {
    for (const eol of ['\n', '\r\n']) {
      const start = body.replace(/\n/g, eol) + end;
      const memo = new LineMemo();
      memo.update(start);
      const last = start.length - end.length;
      // in the last line with content, at its end, in the break after it, at the very end
      for (const [at, cut, insert] of [
        [last - 2, 1, '9'],
        [last, 0, '件'],
        [last, 0, eol],
        [Math.max(0, last - 1), 2, ''],
        [start.length, 0, 'x'],
        [start.length, 0, eol],
      ] as const) {
        const text = start.slice(0, at) + insert + start.slice(at + cut);
        memo.update(start);
        const got = memo.update(text);
        const want = fresh(text);
        assert.deepEqual(got.lines, want.lines, JSON.stringify({ end, eol, at, cut, insert }));
        assert.deepEqual([...got.headings], [...want.headings]);
      }
    }
  }
});

test('an edit in the middle of a large document parses the changed lines only', () => {
  const text = Array.from({ length: 20 }, (_, i) => generateReport({ seed: i + 1, agency: `第${i}测试局` })).join('\n');
  const memo = new LineMemo();
  const first = memo.update(text);
  const at = Math.floor(text.length / 2);
  const edited = text.slice(0, at) + '1' + text.slice(at);
  const exports = structure as unknown as { parseHeading: typeof parseHeading };
  const orig = exports.parseHeading;
  let calls = 0;
  exports.parseHeading = (line) => {
    calls++;
    return orig(line);
  };
  let got;
  try {
    got = memo.update(edited);
  } finally {
    exports.parseHeading = orig;
  }
  assert.deepEqual(got.lines, splitLines(edited));
  assert.deepEqual([...got.headings], [...fresh(edited).headings]);
  assert.ok(first.headings.size > 20 * 5, 'the document has headings');
  assert.ok(calls <= 5, `${calls} lines parsed for headings of ${got.lines.length}`);
});
