/**
 * The core under abuse: mutated and truncated copies of every fixture, huge numbers, huge lines, binary data,
 * GBK bytes read as UTF-8. No exception escapes, no rule fails, fixes stay well-formed and converge.
 * Time is bounded by each test's timeout (performance itself is measured in bench/, not here).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixAllEdits, lint, RULES, type Rule } from '../../server/src/core';
import { generateReport, rng } from '../gen/report';
import { readFixture, seedNames } from '../helpers';

const sources: { name: string; text: string }[] = [
  ...seedNames().map((n) => ({ name: n, text: readFixture('seeds', n) })),
  ...(['L1', 'L2', 'L3', 'L4', 'L5'] as const).map((layout) => ({ name: `generated ${layout}`, text: generateReport({ layout, seed: 9 }) })),
  { name: 'generated F2019 L2', text: generateReport({ format: 'F2019', layout: 'L2', seed: 9 }) },
];

/** Lints, checks the result is well-formed, applies every fix and fix-all; returns the number of findings. */
function abuse(text: string, label: string): number {
  const r = lint(text);
  assert.deepEqual(r.failures, [], `${label}: a rule failed`);
  for (const f of r.findings) {
    assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `${label}: ${f.ruleId} range`);
    assert.ok(f.message.zh && f.message.en, `${label}: ${f.ruleId} message`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) assert.ok(!/[\r\n]/.test(text.slice(e.range.start, e.range.end)), `${label}: ${f.ruleId} edit spans lines`);
      applyEdits(text, fix.edits); // throws on overlapping or out-of-range edits
    }
  }
  const all = fixAllEdits(r.findings);
  const fixed = applyEdits(text, all.edits);
  const again = fixAllEdits(lint(fixed).findings);
  assert.deepEqual(again.edits, [], `${label}: fix-all did not converge`);
  return r.findings.length;
}

function lineMutations(text: string, seed: number): { name: string; text: string }[] {
  const rand = rng(seed);
  const lines = text.split('\n');
  const pick = () => Math.floor(rand() * lines.length);
  const out: { name: string; text: string }[] = [];
  for (let k = 0; k < 6; k++) {
    const i = pick();
    out.push({ name: `delete line ${i + 1}`, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') });
    const j = pick();
    out.push({ name: `duplicate line ${j + 1}`, text: [...lines.slice(0, j + 1), lines[j], ...lines.slice(j + 1)].join('\n') });
    const a = pick();
    const b = pick();
    const sw = lines.slice();
    [sw[a], sw[b]] = [sw[b], sw[a]];
    out.push({ name: `swap lines ${a + 1}/${b + 1}`, text: sw.join('\n') });
  }
  return out;
}

for (const src of sources) {
  test(`line mutations of ${src.name}`, { timeout: 60_000 }, () => {
    for (const m of lineMutations(src.text, src.text.length)) abuse(m.text, `${src.name} ${m.name}`);
  });

  test(`truncations of ${src.name}`, { timeout: 60_000 }, () => {
    const step = Math.max(1, Math.floor(src.text.length / 40));
    for (let at = 0; at <= src.text.length; at += step) abuse(src.text.slice(0, at), `${src.name} cut at ${at}`);
  });

  test(`byte flips of ${src.name}`, { timeout: 60_000 }, () => {
    const rand = rng(src.text.length + 1);
    const bytes = Buffer.from(src.text, 'utf8');
    for (let k = 0; k < 15; k++) {
      const b = Buffer.from(bytes);
      for (let n = 0; n < 5; n++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      abuse(b.toString('utf8'), `${src.name} flips ${k}`);
    }
  });

  test(`half-width/full-width swaps and huge numbers in ${src.name}`, { timeout: 60_000 }, () => {
    const toFull = src.text.replace(/[0-9()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const toHalf = src.text.replace(/[（）０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    abuse(toFull, `${src.name} full-width`);
    abuse(toHalf, `${src.name} half-width`);
    const huge = src.text.replace(/\d+/g, '98765432109876543210');
    const n = abuse(huge, `${src.name} huge numbers`);
    assert.ok(n > 0, 'huge numbers must be reported');
    abuse(src.text.replace(/\d+/g, '9007199254740993'), `${src.name} 2^53+1`);
  });
}

test('degenerate inputs', { timeout: 60_000 }, () => {
  abuse('', 'empty');
  abuse('\n\n\n', 'empty lines');
  abuse('\ufeff', 'BOM only');
  abuse('一、总体情况', 'one heading');
  abuse('\t0\n'.repeat(1000), 'a column of zeros');
  abuse('0\t'.repeat(5000), 'one row of 5000 zeros');
  abuse('x'.repeat(1 << 20), 'one 1 MB line');
  abuse('政府信息公开'.repeat(180_000), 'one long CJK line');
  abuse('一、本年新收政府信息公开申请数量\t1\n'.repeat(100_000), '100,000 table-like lines');
  abuse('某某局2022年政府信息公开工作年度报告\n一、总体情况\n'.repeat(20_000), '20,000 titles and headings');
});

test('binary data and GBK bytes read as UTF-8', { timeout: 60_000 }, () => {
  const rand = rng(42);
  const bin = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bin.length; i++) bin[i] = Math.floor(rand() * 256);
  const r = lint(bin.toString('utf8'));
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['encoding-suspect']);
  // GBK-encoded text decoded as UTF-8 gives U+FFFD
  const gbkLike = Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]).toString('utf8');
  const g = lint(`${gbkLike}\n一、总体情况\n${gbkLike}\n`);
  assert.deepEqual(g.findings.map((f) => f.ruleId), ['encoding-suspect']);
  abuse(bin.toString('latin1'), 'latin1 binary');
});

test('a rule that throws is isolated: reported once, the others still run', () => {
  const boom: Rule = {
    meta: { id: 'boom', severity: 'error', formats: 'both', kind: 'exact', description: { zh: '', en: '' } },
    check() {
      throw new Error('kaboom');
    },
  };
  const text = readFixture('seeds', '000_05e50274e597e28a.txt');
  const normal = lint(text);
  const r = lint(text, { ruleSet: [boom, ...RULES] });
  assert.deepEqual(r.failures, [{ ruleId: 'boom', error: 'kaboom' }]);
  assert.deepEqual(r.findings.map((f) => f.ruleId), normal.findings.map((f) => f.ruleId));
});
