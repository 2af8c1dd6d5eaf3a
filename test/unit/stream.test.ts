/**
 * `checkDocumentStreamed` (the command line's check: one report at a time, lines held only while their report's
 * model is alive) gives exactly what `checkDocument` gives, and the pairing of a check (indexes built once per
 * check) makes exactly the choice of `findPreviousYear` / `findSameYear` over the reports.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, checkDocumentStreamed, findPreviousYear, findSameYear, parseDocument, reportKey, type CheckOptions, type OtherReport } from '../../server/src/core';
import { CheckPairing } from '../../server/src/core/check';
import { generateReport } from '../gen/report';
import { FIXTURES, readFixture, seedNames } from '../helpers';

const REAL = path.join(FIXTURES, 'real');

function realTexts(glued: boolean): string[] {
  return fs
    .readdirSync(REAL)
    .filter((f) => f.endsWith('.txt') && f.includes('glued') === glued)
    .sort()
    .map((f) => fs.readFileSync(path.join(REAL, f), 'utf8'));
}

function concat(parts: readonly string[]): string {
  return parts.map((p) => (p.endsWith('\n') ? p : p + '\n')).join('');
}

/** Real reports (a previous-year pair among them), the seeds, generated reports of several agencies and years. */
function mixed(): string {
  // three agencies over consecutive years (previous-year pairs, also later in the text than the report they pair)
  const generated = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) =>
    generateReport({ seed, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[seed % 5], agency: `第${seed % 3}号测试局`, year: 2026 - (seed % 4) }),
  );
  return concat([...realTexts(false), ...seedNames().map((n) => readFixture('seeds', n)), ...generated, ...realTexts(false).reverse()]);
}

function assertSame(text: string, options: CheckOptions): void {
  const a = checkDocument(text, options);
  // lines held as offsets and every model parsed anew for the check (none kept from the parse for the keys); and
  // with the sizes the command line uses
  for (const tuning of [{ keepChars: 0, windowFrom: 0 }, {}]) assertSameAs(a, checkDocumentStreamed(text, options, tuning), text);
}

function assertSameAs(a: ReturnType<typeof checkDocument>, b: ReturnType<typeof checkDocumentStreamed>, text: string): void {
  assert.equal(JSON.stringify(b.findings), JSON.stringify(a.findings));
  assert.deepEqual(b.failures, a.failures);
  assert.deepEqual(b.keys, a.reports.map(reportKey));
  assert.deepEqual(
    b.previousYears,
    a.previousYears.map((p) => ({ name: p.name, uri: p.uri })),
  );
  for (const offset of [0, Math.floor(text.length / 3), text.length - 1, text.length]) {
    assert.deepEqual(b.index.positionAt(offset), a.report.index.positionAt(offset));
  }
}

const CLI: CheckOptions = { uri: '/r/all.txt', name: 'all.txt', sameYear: 'all', others: () => [] };

test('a large concatenation of real, sample and generated reports: streamed = checkDocument (and the check pairs)', { timeout: 120_000 }, () => {
  const text = mixed();
  assert.ok(text.length > 1 << 17, 'the text spans several chunks of lines');
  const streamed = checkDocumentStreamed(text, CLI);
  assert.ok(streamed.keys.length > 30);
  // pairing and the same-year comparison happened (the real 洪泽区 2023 → 2024 pair; the repeated reports)
  assert.ok(streamed.previousYears.length > 0);
  assert.ok(streamed.findings.some((f) => f.ruleId.startsWith('cross-year-')));
  assert.ok(streamed.findings.some((f) => f.ruleId === 'cross-report-copy'));
  assertSame(text, CLI);
});

test('streamed = checkDocument with CRLF and CR line breaks, and with other documents to pair with', { timeout: 120_000 }, () => {
  const text = mixed();
  assertSame(text.replace(/\n/g, '\r\n'), CLI);
  assertSame(text.slice(0, 150_000).replace(/\n/g, '\r'), CLI);
  const other = parseDocument(concat(realTexts(false)));
  const others = (): OtherReport[] => other.map((report) => ({ report, name: 'other.txt', uri: '/r/other.txt' }));
  assertSame(text, { ...CLI, others, sameYear: 'others' });
});

test('streamed = checkDocument for texts that may be glued, one report, an empty text', () => {
  assertSame(concat([...realTexts(true), ...realTexts(false)]), CLI);
  assertSame(readFixture('seeds', seedNames()[0]), CLI);
  assertSame('', CLI);
  assertSame('\n\n', CLI);
});

test('the pairing of a check chooses as findPreviousYear and findSameYear over the reports', () => {
  const reports = parseDocument(mixed());
  const own = reports.map((report) => ({ report, name: 'x', uri: 'x' }));
  const pairing = new CheckPairing({ sameYear: 'all' });
  for (const r of reports) pairing.addOwn(reportKey(r));
  let paired = 0;
  let compared = 0;
  reports.forEach((report, j) => {
    const p = pairing.previousOf(j);
    const expected = findPreviousYear(report, own);
    assert.equal(p && 'own' in p ? own[p.own] : undefined, expected);
    if (expected) paired++;
    const same = pairing.sameYearOf(j)?.map((s) => ('own' in s ? own[s.own] : s.other));
    const expectedSame = reportKey(report) ? findSameYear(report, own) : undefined;
    assert.equal(same?.length, expectedSame?.length);
    same?.forEach((s, i) => assert.equal(s, expectedSame?.[i]));
    compared += same?.length ?? 0;
  });
  assert.ok(paired > 0 && compared > 0);
});
