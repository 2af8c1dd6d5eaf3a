/**
 * Incremental checking equals a fresh check of the final text after any sequence of edits, and reuses the
 * reports an edit did not touch.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalLinter, summarize, type Pairing } from '../../server/src/core/incremental';
import { checkDocument, documentPairing as corePairing, findPreviousYear, lint, parseDocument, type RuleSetting } from '../../server/src/core';
import { INCREMENTAL_FROM, ReportService, type Analysis, type AnalyzeInput, type ViewRequest } from '../../server/src/lsp/service';
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

// ------------------------------------------------------------------ cross-year pairing (a Pairing keyed per report)

/** The pairing the hosts use (core/check.ts), with no other documents. */
function documentPairing(uri: string): Pairing {
  return corePairing(uri, 'doc.txt', () => []);
}

/** A fresh check with the same pairing. */
function freshPaired(text: string, uri: string, rules?: Record<string, RuleSetting>) {
  return checkDocument(text, { rules, uri, name: 'doc.txt' });
}

/** One agency's reports for 2021–2023 (carried-over counts that do not match: cross-year findings) among others. */
function yearsText(): string {
  const parts = [
    generateReport({ seed: 1, agency: '某某市统计局', year: 2021 }),
    generateReport({ seed: 2, agency: '第2测试局' }),
    generateReport({ seed: 3, agency: '某某市统计局', year: 2022 }),
    readFixture('seeds', seedNames()[1]),
    generateReport({ seed: 4, agency: '某某市统计局', year: 2023 }),
    generateReport({ seed: 5, agency: '第5测试局', layout: 'L4' }),
  ];
  return parts.map((p) => (p.endsWith('\n') ? p : p + '\n')).join('');
}

test('with a pairing: random edits equal a fresh paired check; reports are reused', { timeout: 120_000 }, () => {
  const uri = 'file:///doc.txt';
  let text = yearsText();
  assert.ok(freshPaired(text, uri).findings.some((f) => f.ruleId === 'cross-year-carryover'), 'the fixture pairs reports');
  const inc = new IncrementalLinter();
  const pairing = documentPairing(uri);
  const rand = rng(99);
  let reused = 0;
  for (let step = 0; step < 60; step++) {
    text = randomEdit(text, rand);
    const rules: Record<string, RuleSetting> | undefined = step % 20 < 10 ? undefined : { 'typo-known': 'off' };
    const a = inc.lint(text, { rules }, JSON.stringify(rules ?? {}), pairing);
    const b = freshPaired(text, uri, rules);
    assert.equal(norm(a.findings), norm(b.findings), `step ${step}`);
    assert.equal(a.segments.length, b.reports.length);
    reused += a.reused;
  }
  assert.ok(reused > 60 * 2, `reports were reused (${reused})`);
});

test('with a pairing: a report is re-checked when its previous-year report changes or moves, not otherwise', () => {
  const uri = 'file:///doc.txt';
  const text = yearsText();
  const inc = new IncrementalLinter();
  const pairing = documentPairing(uri);
  const first = inc.lint(text, {}, '', pairing);
  assert.equal(first.checked, 6);
  // the 2022 report's carried-over row changes: the 2023 report (unchanged text) is re-checked with it
  const y2022 = first.segments[2];
  const carry = text.indexOf('四、结转下年度继续办理', y2022.start);
  const digit = carry + text.slice(carry).search(/\d/);
  const edited = text.slice(0, digit) + '7' + text.slice(digit + 1);
  const second = inc.lint(edited, {}, '', pairing);
  assert.equal(second.checked, 2, 'the edited 2022 report and the 2023 report that pairs with it');
  assert.equal(norm(second.findings), norm(freshPaired(edited, uri).findings));
  // a line before everything moves every report: the paired ones point into the moved reports, so re-checked
  const moved = '说明\n' + edited;
  const third = inc.lint(moved, {}, '', pairing);
  assert.equal(third.checked, 3, 'the first report (its text changed) and the 2022 and 2023 reports (their partners moved)');
  assert.equal(norm(third.findings), norm(freshPaired(moved, uri).findings));
  // without a pairing, previousYearOf disables reuse (as before)
  const own = parseDocument(moved).map((report) => ({ report, name: 'doc.txt', uri }));
  const unpaired = inc.lint(moved, { previousYearOf: (r) => findPreviousYear(r, own) });
  assert.equal(unpaired.reused, 0);
});

test('summaries and segments describe the reports without parsing them again', () => {
  const text = yearsText();
  const inc = new IncrementalLinter();
  inc.lint(text);
  const r = inc.lint('前言\n' + text);
  const fresh = parseDocument('前言\n' + text);
  assert.equal(r.reused, 5);
  assert.deepEqual(
    r.segments.map((s) => s.summary),
    fresh.map((x) => summarize(x)),
  );
  assert.deepEqual(
    r.segments.map((s) => s.start),
    fresh.map((x) => x.lines[x.firstLine].start),
  );
  r.segments.forEach((_, j) => assert.equal(r.reportAt(j).firstLine, fresh[j].firstLine));
  assert.equal(new Set(r.segments.map((s) => s.textId)).size, 6, 'each text its own id');
  const again = inc.lint('前言\n' + text);
  assert.deepEqual(again.segments.map((s) => s.textId), r.segments.map((s) => s.textId), 'the same texts keep their ids');
});

test('maxAge drops the old versions of an edited report', () => {
  const text = yearsText();
  const inc = new IncrementalLinter(5000, 3);
  inc.lint(text);
  const edits = [1, 2, 3, 4].map((k) => text.replace('第2测试局', `第2测试局${'甲'.repeat(k)}`));
  for (const e of edits) inc.lint(e);
  // the original text of the edited report was last seen four checks ago: gone; the others stay
  assert.equal(inc.lint(text).checked, 1);
  assert.equal(inc.lint(edits[3]).checked, 0, 'the newest version is still remembered');
});

// ------------------------------------------------------------------ the server's analysis: incremental = fresh

function analysisShape(a: Analysis): unknown {
  const { ms: _ms, ...rest } = a;
  return JSON.parse(JSON.stringify(rest));
}

test('the server: an incremental analysis equals a fresh one (pairing in the document and with other files), views too', { timeout: 180_000 }, () => {
  const uri = 'file:///work/年报合集.txt';
  const other = 'file:///work/2020.txt';
  const otherText = (seed: number) =>
    [generateReport({ seed, agency: '第5测试局', year: 2021 }), generateReport({ seed: seed + 1, agency: '某某市统计局', year: 2020, format: 'F2019' })].join('\n');
  const fresh = new ReportService({ incrementalFrom: Infinity });
  const inc = new ReportService({ incrementalFrom: 0 });
  for (const s of [fresh, inc]) s.setCandidates([{ uri: other, stamp: '1', text: otherText(40) }]);
  let text = yearsText();
  const rand = rng(7);
  const reused: number[] = [];
  const orig = IncrementalLinter.prototype.lint;
  IncrementalLinter.prototype.lint = function (this: IncrementalLinter, ...args: Parameters<typeof orig>) {
    const r = orig.apply(this, args);
    reused.push(r.reused);
    return r;
  };
  try {
    let rules: Record<string, RuleSetting> = {};
    for (let step = 1; step <= 45; step++) {
      if (step > 1) text = randomEdit(text, rand);
      if (step === 15) rules = { 'typo-known': 'off', 'cross-year-valid-count': 'error' };
      if (step === 30) rules = {};
      if (step % 10 === 0) {
        // the other file changed on disk: its reports pair with this document's
        for (const s of [fresh, inc]) s.setCandidates([{ uri: other, stamp: `${step}`, text: otherText(step) }]);
      }
      const input: AnalyzeInput = {
        uri,
        version: step,
        key: `${step}|${JSON.stringify(rules)}`,
        text,
        languageId: step % 3 ? 'govreport' : 'plaintext',
        rules,
        lang: step % 2 ? 'zh' : 'en',
        detect: 'auto',
        suppressions: step % 5 ? [] : [{ rule: 'table-blank-cell' }, { rule: 'typo-known', line: 3 }],
      };
      const a = fresh.analyze(input);
      const b = inc.analyze(input);
      assert.deepEqual(analysisShape(b), analysisShape(a), `step ${step}`);
      if (step % 9 === 0) {
        for (const req of [{ view: 'symbols' }, { view: 'folding' }, { view: 'inlay' }, { view: 'hover', offset: Math.floor(rand() * text.length) }] as ViewRequest[]) {
          assert.deepEqual(inc.view(uri, step, input.key, req), fresh.view(uri, step, input.key, req), `step ${step} ${req.view}`);
        }
      }
    }
  } finally {
    IncrementalLinter.prototype.lint = orig;
  }
  assert.equal(reused.length, 45, 'every analysis went through the incremental linter');
  assert.ok(reused.reduce((x, y) => x + y, 0) > 45 * 2, `reports were reused (${reused.join(',')})`);
});

test('the server: a large document is checked incrementally by default, a small one or a closed one is not', () => {
  const service = new ReportService();
  let calls = 0;
  const orig = IncrementalLinter.prototype.lint;
  IncrementalLinter.prototype.lint = function (this: IncrementalLinter, ...args: Parameters<typeof orig>) {
    calls++;
    return orig.apply(this, args);
  };
  try {
    const base = { version: 1, key: 'k', languageId: 'govreport', rules: {}, lang: 'zh' as const, detect: 'auto' as const, suppressions: [] };
    const small = readFixture('seeds', seedNames()[0]);
    service.analyze({ ...base, uri: 'file:///small.txt', text: small });
    assert.equal(calls, 0);
    const large = [1, 2, 3, 4].map(() => yearsText()).join('');
    assert.ok(large.length >= INCREMENTAL_FROM);
    service.analyze({ ...base, uri: 'file:///large.txt', text: large, closed: true });
    assert.equal(calls, 0, 'closed files (workspace check) are checked afresh');
    service.analyze({ ...base, uri: 'file:///large.txt', text: large });
    assert.equal(calls, 1);
  } finally {
    IncrementalLinter.prototype.lint = orig;
  }
});
