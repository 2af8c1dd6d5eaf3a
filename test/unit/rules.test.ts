/**
 * Each rule on a small case that must fire (with the exact findings of the whole report) and a near miss
 * that must not (cases in test/cases/rule-cases.ts).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, RULE_METAS } from '../../server/src/core';
import { RULE_CASES as cases } from '../cases/rule-cases';
import { sameFindings, summarize } from '../helpers';

for (const c of cases) {
  test(`${c.rule}: ${c.name}`, () => {
    const r = lint(c.text, c.options);
    assert.deepEqual(r.failures, []);
    const cmp = sameFindings(summarize(r), c.expect);
    assert.ok(cmp.ok, cmp.diff);
  });
}

test('every rule of the catalogue has a firing case here', () => {
  const fired = new Set(cases.flatMap((c) => c.expect.map((e) => e.rule)));
  const missing = RULE_METAS.map((m) => m.id).filter((id) => !fired.has(id));
  assert.deepEqual(missing, []);
});

