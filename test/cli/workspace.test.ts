/** Pairing a report with the same agency's previous-year report: the core functions and the CLI's use of them. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agencyKey, findPreviousYear, parseReport } from '../../server/src/core';
import { byBase, cli, cliJson, replaceOnLine, SEED_002, seedText, tempDir } from './_cli';

const title = (t: string): string => `${t}\n\n一、总体情况\n\n本年度无。\n`;

test('agencyKey: the title text before the year, spaces removed, 卫健局/卫健委 spelled out', () => {
  assert.equal(agencyKey(parseReport(title('薛城区卫健局2021年度政府信息公开工作报告'))), '薛城区卫生健康局');
  assert.equal(agencyKey(parseReport(title('和田地区卫健委 2021 年度政府信息公开工作报告'))), '和田地区卫生健康委员会');
  assert.equal(agencyKey(parseReport(title('龙口市 卫生健康局 2020 年度政府信息公开工作年度报告'))), '龙口市卫生健康局');
  assert.equal(agencyKey(parseReport(title('2021年度政府信息公开工作报告'))), undefined);
  assert.equal(agencyKey(parseReport('')), undefined);
});

test('findPreviousYear: same agency key, year − 1, first candidate wins; never itself, other agencies or years', () => {
  const r2022 = parseReport(title('某县卫健局2022年度政府信息公开工作报告'));
  const r2021a = parseReport(title('某县卫生健康局 2021 年度政府信息公开工作报告'));
  const r2021b = parseReport(title('某县卫健局2021年度政府信息公开工作报告'));
  const r2020 = parseReport(title('某县卫健局2020年度政府信息公开工作报告'));
  const other = parseReport(title('另一县卫健局2021年度政府信息公开工作报告'));
  const c = (report: typeof r2022, name: string) => ({ report, name });
  const all = [c(r2022, 'a'), c(other, 'o'), c(r2020, 'z'), c(r2021a, 'b'), c(r2021b, 'c')];
  assert.equal(findPreviousYear(r2022, all)?.name, 'b');
  assert.equal(findPreviousYear(r2021b, all)?.name, 'z');
  assert.equal(findPreviousYear(r2020, all), undefined);
  assert.equal(findPreviousYear(other, all), undefined);
  assert.equal(findPreviousYear(r2022, [c(r2022, 'self')]), undefined);
  assert.equal(findPreviousYear(parseReport('hello'), all), undefined);
});

test('the CLI pairs consecutive years of one agency among the checked files (cross-year-carryover)', (t) => {
  const dir = tempDir(t);
  const text = seedText(SEED_002); // 卫东区卫生健康委员会 2023, all tables 0
  fs.writeFileSync(path.join(dir, '2023.txt'), text);
  // last year's report by the same agency (short name), carrying 1 case of 自然人 over into 2023
  const lines = text.split('\n');
  replaceOnLine(lines, 3, '卫东区卫生健康委员会 2023', '卫东区卫健委 2022');
  replaceOnLine(lines, 65, '\t0\t0\t0\t0\t0\t0\t0\t', '\t1\t0\t0\t0\t0\t0\t1\t');
  fs.writeFileSync(path.join(dir, '2022.txt'), lines.join('\n'));

  const both = cliJson([dir]);
  const cur = byBase(both.results, '2023.txt').messages;
  // “2022” is seed 002 itself with another year: parts 一 and 五 are a copy of last year's (cross-year-repetition)
  assert.deepEqual(cur.map((m) => `${m.ruleId}@${m.line}:${m.column}`), ['cross-year-repetition@5:1', 'cross-year-carryover@42:19', 'cross-year-carryover@42:31']);
  assert.equal(cur[1].message, '上年结转“自然人”为0，但2022年度报告结转下年度为1（2022.txt）。');
  assert.ok(!byBase(both.results, '2022.txt').messages.some((m) => m.ruleId.startsWith('cross-year')), 'no 2021 report to pair with');
  assert.match(cli([dir]).stdout, /2023\.txt {2}（上年报告：2022\.txt）/);

  const alone = cliJson([path.join(dir, '2023.txt')]);
  assert.deepEqual(alone.results[0].messages, [], 'without last year, no cross-year finding');
  assert.equal(alone.status, 0);

  const sarif = JSON.parse(cli(['--format', 'sarif', dir]).stdout);
  const res = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'cross-year-carryover');
  const rel = res.relatedLocations[0].physicalLocation;
  assert.match(sarif.runs[0].artifacts[rel.artifactLocation.index].location.uri, /2022\.txt$/);
  assert.deepEqual(rel.region, { startLine: 65, startColumn: 14, endLine: 65, endColumn: 15 });
});

test('reports concatenated in one file are paired with each other, report by report', (t) => {
  const dir = tempDir(t);
  const text = seedText(SEED_002);
  const lines = text.split('\n');
  replaceOnLine(lines, 3, '卫东区卫生健康委员会 2023', '卫东区卫健委 2022');
  replaceOnLine(lines, 65, '\t0\t0\t0\t0\t0\t0\t0\t', '\t1\t0\t0\t0\t0\t0\t1\t');
  const y2022 = lines.join('\n');
  // 2022 first, then 2023, in one file: the 2023 part starts at line (lines of 2022) + 1
  const offset = y2022.split('\n').length;
  fs.writeFileSync(path.join(dir, 'both.txt'), `${y2022}\n${text}`);
  const { results } = cliJson([path.join(dir, 'both.txt')]);
  const cross = results[0].messages.filter((m) => m.ruleId === 'cross-year-carryover');
  assert.deepEqual(cross.map((m) => `${m.line}:${m.column}`), [`${offset + 42}:19`, `${offset + 42}:31`]);
  // the 2022 part's own findings are where they were in the separate file
  assert.ok(results[0].messages.some((m) => m.ruleId === 'table3-column-balance' && m.line === 65));
  assert.match(cli([path.join(dir, 'both.txt')]).stdout, /both\.txt {2}（上年报告：本文件）/);
  const sarif = JSON.parse(cli(['--format', 'sarif', path.join(dir, 'both.txt')]).stdout);
  const res = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'cross-year-carryover');
  assert.equal(res.relatedLocations[0].physicalLocation.artifactLocation.index, 0);
  assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, 65);
});

test('reports of different agencies of the same year concatenated in one file are compared (cross-report-copy), threshold option', (t) => {
  const dir = tempDir(t);
  const text = seedText(SEED_002);
  // another agency's report of 2023 made from seed 002 (a template filled in twice, names changed): 7 of the 18
  // compared sentences stay the same (38 %), the others name the agency by its short name
  const other = text.split('卫东区卫生健康委员会').join('卫东区市场监督管理局').split('卫东区卫健委').join('卫东区市场监管局');
  const file = path.join(dir, 'both.txt');
  fs.writeFileSync(file, `${text}\n${other}`);
  const silent = cliJson([file]).results[0].messages;
  assert.ok(!silent.some((m) => m.ruleId === 'cross-report-copy'), '38 % is below the default 50 %');
  const { results } = cliJson(['--repetition-threshold', '30', file]);
  const copy = results[0].messages.filter((m) => m.ruleId === 'cross-report-copy');
  assert.ok(copy.length >= 1 && copy.every((m) => m.severity === 'info'));
  assert.match(copy[0].message, /第一、五部分有38%的句子（7\/18）与同年度“卫东区市场监督管理局”的报告相同或仅数字不同（both\.txt）/);
  const sarif = JSON.parse(cli(['--format', 'sarif', '--repetition-threshold', '30', file]).stdout);
  const res = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'cross-report-copy');
  assert.equal(res.relatedLocations.length, 7, 'related: the 7 copied sentences in the other report');
  const bad = cli(['--repetition-threshold', '150', file]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--repetition-threshold 应为 0 到 100 之间的数/);
});
