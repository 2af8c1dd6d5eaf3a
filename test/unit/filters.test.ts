/**
 * The cheap line filters of the core are sound: a line they reject could not have matched. The heading and
 * format-marker scans reject lines that lack certain ideographs unless the line holds a character NFKC may fold
 * into an ideograph (structure.ts FOLDS_TO_IDEOGRAPH); this checks that claim over the whole BMP.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FOLDS_TO_IDEOGRAPH } from '../../server/src/core/structure';
import { isPlainCount } from '../../server/src/core/text';

test('every BMP character whose NFKC holds a CJK ideograph is in FOLDS_TO_IDEOGRAPH (or is an ideograph)', () => {
  const folds = new RegExp(`[${FOLDS_TO_IDEOGRAPH}]`);
  const ideograph = /[\u4e00-\u9fff\u3400-\u4dbf]/;
  const missed: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates: astral characters are caught by the range
    const ch = String.fromCharCode(c);
    if (ideograph.test(ch) || folds.test(ch)) continue;
    if (ideograph.test(ch.normalize('NFKC'))) missed.push(`U+${c.toString(16).toUpperCase()}`);
  }
  assert.deepEqual(missed, []);
});

test('astral characters that fold into ideographs are caught through their surrogates', () => {
  const folds = new RegExp(`[${FOLDS_TO_IDEOGRAPH}]`);
  for (const ch of ['\u{1F22F}', '\u{2F800}']) {
    assert.match(ch.normalize('NFKC'), /[\u4e00-\u9fff]/);
    assert.ok(folds.test(ch));
  }
});

test('isPlainCount: 1 to 15 ASCII digits only', () => {
  for (const yes of ['0', '7', '0012', '123456789012345']) assert.equal(isPlainCount(yes), true, yes);
  for (const no of ['', '1234567890123456', '１', '1.5', '-1', ' 1', '1件', '1,000']) assert.equal(isPlainCount(no), false, no);
});
