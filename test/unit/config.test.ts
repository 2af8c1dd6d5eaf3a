/**
 * `.govreportrc.json` (core/config.ts, shared/project-config.ts): validation, the schema VS Code completes it
 * with, and the file found upward from a checked file.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseProjectConfig, RULE_METAS } from '../../server/src/core';
import { configFor, suppressionsFor } from '../../server/src/shared/project-config';
import { ROOT } from '../helpers';

const IDS = new Set(RULE_METAS.map((m) => m.id));

test('the schema lists every rule (levels and suppressions) and package.json makes VS Code use it', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const v = pkg.contributes.jsonValidation.find((x: { fileMatch: string }) => x.fileMatch === CONFIG_FILE_NAME);
  assert.ok(v, 'contributes.jsonValidation for .govreportrc.json');
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, v.url), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...IDS].sort());
  for (const p of Object.values(schema.properties.rules.properties) as { enum: string[] }[]) assert.deepEqual(p.enum, ['off', 'error', 'warning', 'info']);
  assert.deepEqual([...schema.properties.suppressions.items.properties.rule.enum].sort(), [...IDS, '*'].sort());
  assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), new RegExp(`^!${path.dirname(v.url.replace(/^\.\//, ''))}/\\*\\.json$`, 'm'), 'the schema is packaged');
});

test('parseProjectConfig keeps the valid entries and names the others', () => {
  const { config, problems } = parseProjectConfig(
    JSON.stringify({
      $schema: './schemas/govreportrc.schema.json',
      rules: { 'typo-known': 'off', 'table-blank-cell': 'error', 'no-such-rule': 'off', 'section-order': 'loud' },
      suppressions: [{ file: 'a.txt', rule: 'typo-known', line: 3 }, { file: '**/*.txt', rule: '*' }, { file: 'b.txt', rule: 'nope' }, { rule: 'typo-known' }],
      extra: 1,
    }),
    IDS,
  );
  assert.deepEqual(config.rules, { 'typo-known': 'off', 'table-blank-cell': 'error' });
  assert.deepEqual(config.suppressions, [{ file: 'a.txt', rule: 'typo-known', line: 3 }, { file: '**/*.txt', rule: '*' }]);
  assert.deepEqual(problems.map((p) => p.kind).sort(), ['bad-level', 'bad-suppression', 'bad-suppression', 'unknown-key', 'unknown-rule']);
  assert.deepEqual(parseProjectConfig('{ nope', IDS).problems.map((p) => p.kind), ['json']);
  assert.deepEqual(parseProjectConfig('[]', IDS).problems.map((p) => p.kind), ['not-object']);
  assert.deepEqual(parseProjectConfig('\ufeff{}', IDS), { config: { rules: {}, suppressions: [] }, problems: [] });
});

test('the nearest .govreportrc.json above a file applies; suppressions match paths relative to it', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-rc-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
  fs.writeFileSync(path.join(root, CONFIG_FILE_NAME), JSON.stringify({ rules: { 'typo-known': 'off' }, suppressions: [{ file: 'a/b/*.txt', rule: 'section-order' }] }));
  const deep = path.join(root, 'a', 'b', 'r.txt');
  const outer = configFor(deep);
  assert.equal(outer?.file, path.join(root, CONFIG_FILE_NAME));
  assert.deepEqual(suppressionsFor(outer, deep), [{ rule: 'section-order' }]);
  assert.deepEqual(suppressionsFor(outer, path.join(root, 'r.txt')), []);
  // a nearer file wins (no merging of the two)
  fs.writeFileSync(path.join(root, 'a', CONFIG_FILE_NAME), JSON.stringify({ rules: { 'typo-known': 'error' } }));
  assert.deepEqual(configFor(deep)?.config.rules, { 'typo-known': 'error' });
  assert.equal(configFor(deep, { kind: 'none' }), undefined);
  assert.equal(configFor(deep, { kind: 'file', file: path.join(root, CONFIG_FILE_NAME) })?.config.rules['typo-known'], 'off');
});
