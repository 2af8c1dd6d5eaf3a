/**
 * The CLI reads `.govreportrc.json` (nearest above each file), `--config <file>` and `--no-config`; `--rule`
 * wins over the file; suppressions silence findings; problems of the file are reported.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliJson, expectedKeys, keys, SEED_000, seedText, tempDir } from './_cli';

function setup(t: { after: (fn: () => void) => void }, config: unknown): { dir: string; file: string } {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'reports'));
  const file = path.join(dir, 'reports', SEED_000);
  fs.writeFileSync(file, seedText(SEED_000));
  fs.writeFileSync(path.join(dir, '.govreportrc.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return { dir, file };
}

test('the nearest .govreportrc.json applies: levels, off, suppressions by path and line', (t) => {
  const { dir, file } = setup(t, {
    rules: { 'typo-known': 'off', 'table3-row-total': 'info' },
    suppressions: [{ file: 'reports/*.txt', rule: 'subsection-numbering' }, { file: SEED_000, rule: 'table-blank-cell', line: 332 }],
  });
  const plain = cliJson(['--no-config', file]);
  assert.deepEqual(keys(plain.results[0].messages), expectedKeys(SEED_000), 'without the file: the expected findings');
  const r = cliJson([file], { cwd: dir });
  const got = keys(r.results[0].messages);
  const want = expectedKeys(SEED_000).filter((k) => !k.startsWith('typo-known') && !k.startsWith('subsection-numbering') && k !== 'table-blank-cell@332');
  assert.deepEqual(got, want);
  assert.equal(r.results[0].messages.find((m) => m.ruleId === 'table3-row-total')?.severity, 'info');
  assert.equal(r.status, 0, 'the only error is now an info');
  assert.equal(r.stderr, '');
});

test('--rule wins over the file; --config names another file; --no-config and --config exclude each other', (t) => {
  const { dir, file } = setup(t, { rules: { 'typo-known': 'off' } });
  const r = cliJson(['--rule', 'typo-known=error', file]);
  assert.equal(r.results[0].messages.find((m) => m.ruleId === 'typo-known')?.severity, 'error');
  const other = path.join(dir, 'other.json');
  fs.writeFileSync(other, JSON.stringify({ rules: { 'table3-row-total': 'off' } }));
  const c = cliJson(['--config', other, file]);
  const ids = c.results[0].messages.map((m) => m.ruleId);
  assert.ok(ids.includes('typo-known'), 'the nearest file is not used with --config');
  assert.ok(!ids.includes('table3-row-total'));
  const both = cli(['--config', other, '--no-config', file]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--no-config/);
  const missing = cli(['--config', path.join(dir, 'missing.json'), file]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /missing\.json/);
});

test('problems of the file are reported; a file that is no JSON stops the run', (t) => {
  const { file } = setup(t, { rules: { 'no-such-rule': 'off', 'typo-known': 'off' } });
  const r = cliJson(['--lang', 'en', file]);
  assert.match(r.stderr, /unknown rule “no-such-rule”/);
  assert.ok(!r.results[0].messages.some((m) => m.ruleId === 'typo-known'), 'the valid entries still apply');
  const broken = setup(t, '{ "rules": ');
  const b = cli(['--lang', 'en', broken.file]);
  assert.equal(b.status, 2);
  assert.match(b.stderr, /not valid JSON/);
});
