/**
 * The bundled CLI on the seed reports: JSON equals the seed expectations, folder input, stylish text and summary,
 * languages, rule overrides, exit codes, SARIF structure.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT, SEEDS, seedNames } from '../helpers';
import { RULE_METAS } from '../../server/src/core';
import {
  byBase,
  cli,
  cliJson,
  expectedKeys,
  expectedOf,
  keys,
  SEED_000,
  SEED_001,
  SEED_002,
  tempDir,
} from './_cli';

test('json on the seed folder gives exactly the expected findings of every seed', () => {
  const { status, results, stderr } = cliJson(['test/fixtures/seeds']);
  assert.equal(stderr, '');
  assert.equal(status, 1, 'seed 000/001 have errors');
  for (const name of seedNames()) {
    const r = byBase(results, name);
    assert.deepEqual(keys(r.messages), expectedKeys(name), name);
    // severities as stated, counts consistent with the messages
    for (const e of expectedOf(name)) {
      const m = r.messages.find((x) => x.ruleId === e.rule && x.line === e.line)!;
      if (e.severity) assert.equal(m.severity, e.severity, `${name} ${e.rule}@${e.line}`);
      if (e.endLine) assert.equal(m.endLine, e.endLine, `${name} ${e.rule}@${e.line} end line`);
    }
    assert.equal(r.errorCount, r.messages.filter((m) => m.severity === 'error').length);
    assert.equal(r.warningCount, r.messages.filter((m) => m.severity === 'warning').length);
    assert.equal(r.infoCount, r.messages.filter((m) => m.severity === 'info').length);
    assert.equal(r.encoding, 'utf8');
    assert.ok(path.isAbsolute(r.filePath));
  }
  // the folder's README is checked too and is no report
  assert.deepEqual(keys(byBase(results, 'README.md').messages), ['not-a-report@1']);
  assert.equal(results.length, seedNames().length + 1);
});

test('json columns are 1-based UTF-16 columns, end exclusive (ESLint convention)', () => {
  const { results } = cliJson([`test/fixtures/seeds/${SEED_000}`]);
  const [r] = results;
  // line 2 is " —、总体情况": the look-alike dash is the 2nd character
  const dash = r.messages.find((m) => m.ruleId === 'section-numeral-lookalike')!;
  assert.deepEqual([dash.line, dash.column, dash.endLine, dash.endColumn], [2, 2, 2, 3]);
  const typo = r.messages.find((m) => m.ruleId === 'typo-known')!;
  assert.deepEqual([typo.line, typo.column, typo.endLine, typo.endColumn], [351, 2, 351, 5]); // "\t政复议"
  assert.match(typo.message, /疑似错别字“政复议”，应为“行政复议”/);
});

test('a folder given by a relative path outside the repository root (../shared/seeds style)', (t) => {
  const shared = path.join(ROOT, '..', 'shared', 'seeds');
  // always: a nested copy, checked through a relative path with "..", proving recursion
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'reports', '2021', 'nested'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'reports', '2021', 'nested', SEED_000), fs.readFileSync(path.join(SEEDS, SEED_000)));
  fs.writeFileSync(path.join(dir, 'reports', SEED_002), fs.readFileSync(path.join(SEEDS, SEED_002)));
  fs.writeFileSync(path.join(dir, 'reports', 'ignored.xlsx'), 'not checked'); // originals (.pdf …) are checked: test/cli/originals.test.ts
  fs.mkdirSync(path.join(dir, 'reports', '.hidden'));
  fs.writeFileSync(path.join(dir, 'reports', '.hidden', SEED_001), fs.readFileSync(path.join(SEEDS, SEED_001)));
  fs.mkdirSync(path.join(dir, 'work'));
  const copy = cliJson(['../reports'], { cwd: path.join(dir, 'work') });
  assert.deepEqual(copy.results.map((r) => path.relative(dir, r.filePath)).sort(), [path.join('reports', '2021', 'nested', SEED_000), path.join('reports', SEED_002)].sort());
  assert.deepEqual(keys(byBase(copy.results, SEED_000).messages), expectedKeys(SEED_000));
  assert.equal(copy.status, 1);

  if (!fs.existsSync(shared)) return t.skip('../shared/seeds not beside the repository');
  const { results } = cliJson(['../shared/seeds']);
  for (const name of seedNames()) assert.deepEqual(keys(byBase(results, name).messages), expectedKeys(name), name);
});

test('stylish output: file, position, Chinese message, rule id, ESLint-like summary, no colours in a pipe', () => {
  const r = cli([`test/fixtures/seeds/${SEED_000}`]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`test/fixtures/seeds/${SEED_000}\\n`));
  assert.match(r.stdout, /108:2 +错误 +“（一）予以公开”行总计为2，但各申请人列之和为0。 +table3-row-total/);
  assert.match(r.stdout, /2:2 +警告 +标题序号“—”（U\+2014）不是汉字“一”。 +section-numeral-lookalike/);
  assert.match(r.stdout, /✖ 8 个问题（1 个错误，5 个警告，2 个提示）/);
  assert.match(r.stdout, /其中 5 个问题可用 --fix 自动修复/);
  assert.doesNotMatch(r.stdout, /\u001b\[/);
});

test('--lang en gives English messages and summary', () => {
  const r = cli(['--lang', 'en', `test/fixtures/seeds/${SEED_000}`]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /108:2 +error +Row “（一）予以公开” total is 2, but the applicant columns add up to 0\. +table3-row-total/);
  assert.match(r.stdout, /✖ 8 problems \(1 error, 5 warnings, 2 info\)/);
  assert.doesNotMatch(r.stdout, /个问题|错误/);
  const j = cliJson(['--lang', 'en', `test/fixtures/seeds/${SEED_001}`]);
  assert.equal(j.results[0].messages.find((m) => m.ruleId === 'section-missing')!.message, 'Section 四 “四、政府信息公开行政复议、行政诉讼情况” is missing.');
});

test('clean report: exit 0 and a clean summary; report with errors: exit 1', () => {
  const clean = cli([`test/fixtures/seeds/${SEED_002}`]);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /✔ 已检查 1 个文件，未发现问题。/);
  assert.equal(cli([`test/fixtures/seeds/${SEED_000}`]).status, 1);
  // warnings and info alone do not fail
  assert.equal(cli(['test/fixtures/seeds/004_7590363eed79dbcf.txt']).status, 0);
});

test('--rule id=off removes the rule, --rule id=error raises it, comma lists work', () => {
  const off = cliJson(['--rule', 'table3-row-total=off', `test/fixtures/seeds/${SEED_000}`]);
  assert.ok(!off.results[0].messages.some((m) => m.ruleId === 'table3-row-total'));
  assert.equal(off.results[0].messages.length, 7);
  assert.equal(off.status, 0, 'no error left');
  const raised = cliJson(['--rule', 'typo-known=error', '--rule', 'table3-row-total=off,table-blank-cell=info', `test/fixtures/seeds/${SEED_000}`]);
  const m = raised.results[0].messages;
  assert.equal(m.find((x) => x.ruleId === 'typo-known')!.severity, 'error');
  assert.ok(m.filter((x) => x.ruleId === 'table-blank-cell').every((x) => x.severity === 'info'));
  assert.equal(raised.status, 1);
});

test('bad usage exits 2 with a message on stderr', () => {
  const cases: [string[], RegExp][] = [
    [['--rule', 'bogus=off', `test/fixtures/seeds/${SEED_000}`], /未知规则“bogus”/],
    [['--rule', 'typo-known=loud', `test/fixtures/seeds/${SEED_000}`], /级别“loud”无效/],
    [['--rule', 'typo-known', `test/fixtures/seeds/${SEED_000}`], /--rule 的值“typo-known”格式不对/],
    [['--format', 'xml', `test/fixtures/seeds/${SEED_000}`], /不支持的输出格式“xml”/],
    [['--lang', 'fr', `test/fixtures/seeds/${SEED_000}`], /不支持的语言“fr”/],
    [['--max-warnings', '-1', `test/fixtures/seeds/${SEED_000}`], /参数错误|--max-warnings/],
    [['--max-warnings', 'many', `test/fixtures/seeds/${SEED_000}`], /--max-warnings 应为非负整数/],
    [['--bogus', `test/fixtures/seeds/${SEED_000}`], /参数错误/],
    [[], /缺少要检查的文件/],
  ];
  for (const [args, re] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
  const en = cli(['--lang', 'en', '--rule', 'bogus=off', 'x.txt']);
  assert.equal(en.status, 2);
  assert.match(en.stderr, /Unknown rule “bogus”/);
});

test('missing files, unmatched globs and empty folders exit 2; the other inputs are still checked', (t) => {
  const missing = cli(['no-such-report.txt']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /找不到文件或目录：no-such-report\.txt/);
  const mixed = cliJson(['no-such-report.txt', `test/fixtures/seeds/${SEED_002}`]);
  assert.equal(mixed.status, 2);
  assert.equal(mixed.results.length, 1);
  assert.match(mixed.stderr, /no-such-report\.txt/);
  const glob = cli(['test/fixtures/seeds/*.nomatch']);
  assert.equal(glob.status, 2);
  assert.match(glob.stderr, /没有与“test\/fixtures\/seeds\/\*\.nomatch”匹配的文件/);
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'notes.xlsx'), 'x');
  const empty = cli([dir]);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /没有可检查的报告文件（\.txt、\.md、\.pdf/);
});

test('an unreadable input exits 2 with a clear message', (t) => {
  const dir = tempDir(t);
  // a symbolic-link loop cannot be read by anyone (root included)
  const loop = path.join(dir, 'loop.txt');
  fs.symlinkSync(loop, loop);
  const r = cli([loop]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /无法读取：.*loop\.txt（ELOOP）/);
  if (process.getuid?.() === 0) return t.skip('running as root: file permissions do not apply');
  const locked = path.join(dir, 'locked.txt');
  fs.writeFileSync(locked, fs.readFileSync(path.join(SEEDS, SEED_002)));
  fs.chmodSync(locked, 0o000);
  const p = cli([locked]);
  assert.equal(p.status, 2);
  assert.match(p.stderr, /无法读取：.*locked\.txt（EACCES）/);
});

test('glob input is expanded', () => {
  const { results, status } = cliJson(['test/fixtures/seeds/00[12]_*.txt']);
  assert.deepEqual(results.map((r) => path.basename(r.filePath)), [SEED_001, SEED_002]);
  assert.equal(status, 1);
});

test('sarif output is structurally valid SARIF 2.1.0', () => {
  const r = cli(['--format', 'sarif', 'test/fixtures/seeds']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /^https:\/\/.*sarif-schema-2\.1\.0\.json$/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'govreport-lint');
  assert.match(driver.informationUri, /^https:\/\//);
  assert.equal(typeof driver.version, 'string');
  const ids: string[] = driver.rules.map((x: { id: string }) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids unique');
  assert.deepEqual(ids, RULE_METAS.map((m) => m.id));
  for (const rule of driver.rules) {
    assert.equal(typeof rule.shortDescription.text, 'string');
    assert.ok(rule.shortDescription.text.length > 0);
    // the installed page (no web address that does not exist)
    assert.equal(rule.helpUri, pathToFileURL(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`)).href);
    assert.ok(fs.statSync(fileURLToPath(rule.helpUri)).isFile(), rule.helpUri);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
  let total = 0;
  for (const res of run.results) {
    total++;
    assert.ok(ids.includes(res.ruleId), res.ruleId);
    assert.equal(ids[res.ruleIndex], res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.equal(typeof res.message.text, 'string');
    assert.equal(res.locations.length, 1);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.match(loc.artifactLocation.uri, /^test\/fixtures\/seeds\/[^/]+$/);
    assert.equal(run.artifacts[loc.artifactLocation.index].location.uri, loc.artifactLocation.uri);
    const g = loc.region;
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(g[k]) && g[k] >= 1, `${k} ${g[k]}`);
    assert.ok(g.endLine > g.startLine || (g.endLine === g.startLine && g.endColumn >= g.startColumn));
  }
  assert.equal(total, 22, 'the findings of the five seeds (20 + overview-element-missing in 003) and the README');
  const row = run.results.find((x: { ruleId: string }) => x.ruleId === 'table3-row-total');
  assert.equal(row.level, 'error');
  assert.deepEqual(row.locations[0].physicalLocation.region, { startLine: 108, startColumn: 2, endLine: 108, endColumn: 3 });
  const note = run.results.find((x: { ruleId: string }) => x.ruleId === 'section-heading-variant');
  assert.equal(note.level, 'note');
  assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  assert.ok(run.artifacts.every((a: { encoding: string }) => a.encoding === 'UTF-8'));
});
