/** Document symbols packed for the worker boundary (server/src/lsp/symbol-codec.ts) come back as they were. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize, deserialize } from 'node:v8';
import { parseDocument } from '../../server/src/core';
import { isPackedSymbols, packSymbols, unpackSymbols } from '../../server/src/lsp/symbol-codec';
import { symbolsView } from '../../server/src/lsp/translate';
import { generateReport } from '../gen/report';
import { readFixture, seedNames } from '../helpers';

test('the outline of one report and of a concatenation survives packing and a structured clone', () => {
  const one = readFixture('seeds', seedNames()[0]);
  const many = [one, generateReport({ seed: 3, agency: '第3测试局' }), generateReport({ seed: 4, format: 'F2019', layout: 'L4' })].join('\n');
  for (const [text, lang] of [[one, 'zh'], [many, 'en']] as const) {
    const symbols = symbolsView(parseDocument(text), lang);
    assert.ok(symbols.length > 0);
    assert.ok(symbols.some((s) => s.detail === undefined) || symbols.some((s) => s.children?.some((c) => c.detail === undefined)), 'symbols without detail are covered');
    const packed = deserialize(serialize(packSymbols(symbols))) as unknown;
    assert.ok(isPackedSymbols(packed));
    assert.deepEqual(unpackSymbols(packed), symbols);
  }
  assert.deepEqual(unpackSymbols(packSymbols([])), []);
  // empty and astral names and details
  const r = { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } };
  const odd = [
    { name: '𠀀表', detail: '', kind: 23 as const, range: r, selectionRange: r, children: [{ name: '', detail: undefined, kind: 8 as const, range: r, selectionRange: r, children: [] }] },
    { name: 'x', detail: '𠀁', kind: 1 as const, range: r, selectionRange: r, children: [] },
  ];
  assert.deepEqual(unpackSymbols(deserialize(serialize(packSymbols(odd))) as ReturnType<typeof packSymbols>), odd);
  assert.equal(isPackedSymbols([]), false);
});
