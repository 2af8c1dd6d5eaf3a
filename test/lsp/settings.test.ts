/** Settings normalisation, language resolution and the glob matcher used by `files` and `suppressions`. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { matchFile, matchGlob } from '../../server/src/shared/glob';
import { readFixture, seedNames } from '../helpers';
import { TestClient, docUri } from './harness';

const SEED = seedNames()[0];
import { DEFAULT_SETTINGS, normalizeSettings, resolveLanguage, settingsKey } from '../../server/src/lsp/settings';

test('malformed settings fall back to defaults field by field', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings('nonsense'), DEFAULT_SETTINGS);
  const s = normalizeSettings({
    rules: { 'typo-known': 'off', 'table3-row-total': 'warning', bad: 'loud', worse: 3 },
    language: 'fr',
    inlayHints: { enabled: 'no' },
    debounceMs: -5,
    detect: 'maybe',
    files: ['a/*.txt', 7, ''],
    suppressions: [{ file: 'x.txt', rule: 'typo-known', line: 3 }, { file: 'y.txt', rule: 'r', line: 0 }, { file: '', rule: 'r' }, 'junk'],
  });
  assert.deepEqual(s.rules, { 'typo-known': 'off', 'table3-row-total': 'warning' });
  assert.equal(s.language, 'auto');
  assert.equal(s.inlayHints.enabled, true);
  assert.equal(s.debounceMs, 0);
  assert.equal(s.detect, 'auto');
  assert.deepEqual(s.files, ['a/*.txt']);
  assert.deepEqual(s.suppressions, [{ file: 'x.txt', rule: 'typo-known', line: 3 }, { file: 'y.txt', rule: 'r' }]);
  assert.equal(normalizeSettings({ 'inlayHints.enabled': false }).inlayHints.enabled, false, 'flat dotted key');
  assert.equal(normalizeSettings({ debounceMs: 1e9 }).debounceMs, 10_000);
  assert.equal(normalizeSettings({ repetitionThreshold: 70 }).repetitionThreshold, 70);
  assert.equal(normalizeSettings({ repetitionThreshold: 170 }).repetitionThreshold, 50, 'out of range: the default');
  assert.equal(normalizeSettings({ repetitionThreshold: '70' }).repetitionThreshold, 50, 'not a number: the default');
  assert.notEqual(settingsKey(normalizeSettings({ repetitionThreshold: 70 }), 'zh'), settingsKey(DEFAULT_SETTINGS, 'zh'), 'the threshold is part of the analysis key');
});

test('language: the setting wins; auto follows the locale; no locale means Chinese', () => {
  assert.equal(resolveLanguage('en', 'zh-cn'), 'en');
  assert.equal(resolveLanguage('zh', 'en'), 'zh');
  assert.equal(resolveLanguage('auto', 'zh-tw'), 'zh');
  assert.equal(resolveLanguage('auto', 'ZH-CN'), 'zh');
  assert.equal(resolveLanguage('auto', 'ja'), 'en');
  assert.equal(resolveLanguage('auto', undefined), 'zh');
});

test('the settings key changes with what changes results, not with rule order', () => {
  const a = normalizeSettings({ rules: { a: 'off', b: 'info' } });
  const b = normalizeSettings({ rules: { b: 'info', a: 'off' } });
  assert.equal(settingsKey(a, 'zh'), settingsKey(b, 'zh'));
  assert.notEqual(settingsKey(a, 'zh'), settingsKey(a, 'en'));
  assert.notEqual(settingsKey(a, 'zh'), settingsKey(normalizeSettings({ rules: { a: 'off' } }), 'zh'));
});

test('globs: **, *, ?, {a,b}, [..]; file names alone; absolute paths', () => {
  assert.ok(matchGlob('**/*年度报告*.txt', '某局2021年度报告.txt'));
  assert.ok(matchGlob('**/*年度报告*.txt', 'a/b/某局2021年度报告.txt'));
  assert.ok(!matchGlob('**/*年度报告*.txt', 'a/b/某局2021年度报告.md'));
  assert.ok(matchGlob('reports/*.txt', 'reports/a.txt'));
  assert.ok(!matchGlob('reports/*.txt', 'reports/x/a.txt'));
  assert.ok(matchGlob('r?ports/**', 'reports/x/y/z.txt'));
  assert.ok(matchGlob('*.{txt,md}', 'a.md'));
  assert.ok(matchGlob('202[0-3]/*.txt', '2021/a.txt'));
  assert.ok(!matchGlob('202[!0-3]/*.txt', '2021/a.txt'));
  assert.ok(matchGlob('a+b (1).txt', 'a+b (1).txt'), 'regex characters are literal');
  assert.ok(matchFile('./reports/a.txt', 'reports/a.txt', '/w/reports/a.txt'));
  assert.ok(matchFile('a.txt', 'reports/a.txt', '/w/reports/a.txt'), 'a bare name matches the file name');
  assert.ok(!matchFile('b.txt', 'reports/a.txt', '/w/reports/a.txt'));
  assert.ok(matchFile('/w/reports/a.txt', undefined, '/w/reports/a.txt'), 'absolute path');
  assert.ok(matchFile('C:/w/a.txt', undefined, 'C:\\w\\a.txt'), 'Windows separators');
  assert.ok(!matchFile('', 'a.txt', '/a.txt'));
});

test('.govreportrc.json above a document applies under the editor settings (settings win)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-lsp-rc-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, '.govreportrc.json'),
    JSON.stringify({ rules: { 'typo-known': 'off', 'subsection-numbering': 'off' }, suppressions: [{ file: '*.txt', rule: 'table3-row-total' }] }),
  );
  const uri = pathToFileURL(path.join(dir, SEED)).href;
  const folders = [{ uri: pathToFileURL(dir).href, name: 'rc' }];
  const codes = (ds: { code?: number | string }[]) => ds.map((d) => String(d.code));
  const plainClient = await TestClient.start({ locale: 'zh-cn' });
  let plain: string[];
  try {
    await plainClient.open(docUri(SEED), readFixture('seeds', SEED));
    plain = codes(await plainClient.diagnosticsFor(docUri(SEED), 1));
  } finally {
    await plainClient.stop();
  }
  for (const r of ['typo-known', 'subsection-numbering', 'table3-row-total']) assert.ok(plain.includes(r), `${r} is found without the file`);
  const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: folders, settings: () => ({ rules: { 'subsection-numbering': 'error' } }) });
  try {
    await client.open(uri, readFixture('seeds', SEED));
    const ds = await client.diagnosticsFor(uri, 1);
    const got = codes(ds);
    assert.ok(!got.includes('typo-known'), 'off in the file');
    assert.ok(!got.includes('table3-row-total'), 'suppressed in the file');
    assert.equal(ds.find((d) => d.code === 'subsection-numbering')?.severity, 1, 'the setting wins over the file');
    assert.deepEqual(got.sort(), plain.filter((c) => c !== 'typo-known' && c !== 'table3-row-total').sort());
  } finally {
    await client.stop();
  }
});
