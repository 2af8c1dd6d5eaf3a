/**
 * The five real sample reports give exactly the findings of domain.md §5: nothing missing, nothing extra.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEEDS, lintText, readFixture, sameFindings, seedNames, summarize, type Expected } from '../helpers';

for (const name of seedNames()) {
  test(`seed ${name} gives exactly its expected findings`, () => {
    const expected: Expected[] = JSON.parse(fs.readFileSync(path.join(SEEDS, name.replace(/\.txt$/, '.expected.json')), 'utf8'));
    const r = lintText(readFixture('seeds', name));
    assert.deepEqual(r.failures, [], 'no rule may fail');
    const cmp = sameFindings(summarize(r), expected);
    assert.ok(cmp.ok, cmp.diff);
  });
}

test('seed fixtures are byte-identical to ../shared/seeds when it is present', (t) => {
  const shared = path.join(SEEDS, '..', '..', '..', '..', 'shared', 'seeds');
  if (!fs.existsSync(shared)) return t.skip('../shared/seeds not beside the repository');
  for (const name of seedNames()) {
    assert.ok(fs.readFileSync(path.join(shared, name)).equals(fs.readFileSync(path.join(SEEDS, name))), name);
  }
});
