/**
 * Fix-then-recheck: every quick fix of every fixture is applied and the report checked again.
 * - the fixed finding is gone;
 * - a preferred ("safe") fix adds no finding;
 * - edits only replace the token they fix (no line break inside a replaced range);
 * - fix-all applied once leaves nothing for a second round.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, fixAllEdits, lint, type Finding, type LintOptions } from '../../server/src/core';
import { RULE_CASES } from '../cases/rule-cases';
import { readFixture, seedNames } from '../helpers';

interface Fixture {
  name: string;
  text: string;
  options?: LintOptions;
}

const fixtures: Fixture[] = [
  ...seedNames().map((n) => ({ name: `seed ${n}`, text: readFixture('seeds', n) })),
  ...RULE_CASES.map((c) => ({ name: `${c.rule}: ${c.name}`, text: c.text, options: c.options })),
];

/** Identity of a finding across edits: rule + message with line references blurred. */
const key = (f: Finding) => `${f.ruleId}|${f.message.zh.replace(/第\d+行/g, '第#行')}`;

/**
 * Inserting a missing heading creates an empty part: the rules that ask for a part's content (五: problems and
 * improvement; 一: the five elements) then ask for it. That is the next step for the writer, not a fix gone wrong.
 */
const CONTENT_OF_INSERTED_PART = new Set(['improvement-missing', 'overview-element-missing']);

function counts(fs: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

let fixesTried = 0;

for (const fx of fixtures) {
  test(`fixes of ${fx.name}`, () => {
    const r = lint(fx.text, fx.options);
    const before = counts(r.findings);
    for (const f of r.findings) {
      for (const fix of f.fixes) {
        fixesTried++;
        for (const e of fix.edits) {
          const replaced = fx.text.slice(e.range.start, e.range.end);
          assert.ok(!/[\r\n]/.test(replaced), `${f.ruleId}: “${fix.title.zh}” replaces text across a line break`);
        }
        const after = lint(applyEdits(fx.text, fix.edits), fx.options);
        const now = counts(after.findings);
        assert.ok((now.get(key(f)) ?? 0) < before.get(key(f))!, `${f.ruleId}: “${fix.title.zh}” did not clear “${f.message.zh}”`);
        if (fix.preferred) {
          for (const [k, n] of now) {
            if (f.ruleId === 'section-missing' && CONTENT_OF_INSERTED_PART.has(k.split('|')[0])) continue;
            assert.ok(n <= (before.get(k) ?? 0), `${f.ruleId}: preferred fix “${fix.title.zh}” introduced “${k}”`);
          }
        }
      }
    }
    // fix all, then a second round proposes no edits
    const first = fixAllEdits(r.findings);
    const fixed = applyEdits(fx.text, first.edits);
    const second = fixAllEdits(lint(fixed, fx.options).findings);
    assert.deepEqual(second.edits, [], 'second fix-all round');
  });
}

test('fixes were actually exercised', () => {
  assert.ok(fixesTried >= 40, `only ${fixesTried} fixes tried`);
});
