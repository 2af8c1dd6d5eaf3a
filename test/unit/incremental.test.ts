/**
 * Incremental checking equals a fresh check of the final text after any sequence of edits, and reuses the
 * reports an edit did not touch.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalLinter } from '../../server/src/core/incremental';
import { lint } from '../../server/src/core';
import { generateReport, rng } from '../gen/report';
import { readFixture, seedNames } from '../helpers';

const norm = (fs: readonly unknown[]) => JSON.stringify(fs);

function randomEdit(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  const kind = rand();
  if (kind < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * 20))); // delete
  if (kind < 0.6) return text.slice(0, at) + ['0', '1', '\n', '\t', '一、总体情况\n', '（二）', '收到政府信息公开申请3件。'][Math.floor(rand() * 7)] + text.slice(at);
  // replace a digit
  const d = text.slice(at).search(/\d/);
  if (d < 0) return text + '1';
  const p = at + d;
  return text.slice(0, p) + String(Math.floor(rand() * 10)) + text.slice(p + 1);
}

test('random edit sequences on a concatenation: incremental = fresh', { timeout: 120_000 }, () => {
  const parts = [
    ...seedNames().map((n) => readFixture('seeds', n)),
    ...[1, 2, 3, 4, 5, 6].map((seed) => generateReport({ seed, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[seed % 5], agency: `第${seed}测试局` })),
  ];
  let text = parts.map((p) => (p.endsWith('\n') ? p : p + '\n')).join('');
  const inc = new IncrementalLinter();
  const rand = rng(2024);
  let reusedTotal = 0;
  for (let step = 0; step < 60; step++) {
    text = randomEdit(text, rand);
    const a = inc.lint(text);
    const b = lint(text);
    assert.equal(norm(a.findings), norm(b.findings), `step ${step}`);
    assert.deepEqual(a.failures, b.failures);
    reusedTotal += a.reused;
    assert.equal(a.reports().length, b.reports.length);
  }
  assert.ok(reusedTotal > 60 * 5, `reports were reused (${reusedTotal})`);
});

test('random edits on a single report: incremental = fresh', { timeout: 60_000 }, () => {
  let text = readFixture('seeds', '000_05e50274e597e28a.txt');
  const inc = new IncrementalLinter();
  const rand = rng(7);
  for (let step = 0; step < 40; step++) {
    text = randomEdit(text, rand);
    assert.equal(norm(inc.lint(text).findings), norm(lint(text).findings), `step ${step}`);
  }
});

test('an edit in one report of many re-checks that report only, and line numbers in messages follow', () => {
  const a = readFixture('seeds', '000_05e50274e597e28a.txt');
  const dup = a.replace('五、存在的主要问题及改进情况', '一、总体情况'); // a duplicate heading: message names a line
  const text = [dup, ...Array.from({ length: 8 }, (_, i) => generateReport({ seed: i + 1, agency: `第${i}局` })), dup].join('\n');
  const inc = new IncrementalLinter();
  inc.lint(text);
  const edited = '前言\n\n' + text; // shifts every report by two lines
  const r = inc.lint(edited);
  assert.equal(r.checked, 1, 'only the first report changed');
  assert.equal(norm(r.findings), norm(lint(edited).findings));
});

test('changing the options re-checks everything', () => {
  const text = [readFixture('seeds', '000_05e50274e597e28a.txt'), generateReport({ seed: 3 })].join('\n');
  const inc = new IncrementalLinter();
  inc.lint(text);
  const r = inc.lint(text, { rules: { 'typo-known': 'off' } });
  assert.equal(r.reused, 0);
  assert.equal(norm(r.findings), norm(lint(text, { rules: { 'typo-known': 'off' } }).findings));
});
