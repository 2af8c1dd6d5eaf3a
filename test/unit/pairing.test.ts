/**
 * Pairing (core/pairing.ts) and the one check (core/check.ts): agencies under the names they really use from year
 * to year, and the real 2023/2024 pair of 洪泽区 (test/fixtures/real/02, 04) paired by the check itself.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  agencyIdentity,
  checkDocument,
  findPreviousYear,
  pairFiles,
  parseDocument,
  reportKey,
  sameAgency,
  type OtherReport,
} from '../../server/src/core';
import { FIXTURES } from '../helpers';
import { generateReport } from '../gen/report';

const REAL = path.join(FIXTURES, 'real');
const read = (f: string): string => fs.readFileSync(path.join(REAL, f), 'utf8');
const H2023 = '02_hongze-qzf_2023.txt';
const H2024 = '04_hongze-qzf_2024.txt';

function others(name: string, text: string): () => OtherReport[] {
  return () => parseDocument(text).map((report) => ({ report, name, uri: `/reports/${name}` }));
}

/** The 2023 report with its carried-over count of the first column (line 132, `四、结转下年度继续办理`) set to 3. */
function with2023CarryOut(value: string): string {
  const lines = read(H2023).split('\n');
  const i = lines.findIndex((l) => l.includes('四、结转下年度继续办理'));
  assert.equal(i, 131, 'the carried-over row of the fixture');
  lines[i] = lines[i].replace(/(继续办理\s+)0/, `$1${value}`);
  assert.notEqual(lines[i], read(H2023).split('\n')[i]);
  return lines.join('\n');
}

test('agency names of one agency across years have one identity; other agencies do not', () => {
  const same = (a: string, b: string): boolean => sameAgency(agencyIdentity(a)!, agencyIdentity(b)!);
  // with and without the city / province in front (洪泽区 2023 vs 2024, test/fixtures/real/02 and 04)
  assert.ok(same('洪泽区人民政府', '淮安市洪泽区人民政府'));
  assert.ok(same('江苏省淮安市洪泽区人民政府', '洪泽区人民政府'));
  assert.ok(same('江苏省淮安市洪泽区人民政府', '淮安市洪泽区人民政府'));
  // abbreviations and spacing
  assert.ok(same('薛城区卫健局', '薛城区卫生健康局'));
  assert.ok(same('和田地区卫健委', '和田地区 卫生健康委员会'));
  assert.ok(same('上海市科委', '上海市科学技术委员会'));
  assert.ok(same('洪泽区政府', '淮安市洪泽区人民政府'));
  assert.ok(same('沭阳县发改局', '沭阳县发展和改革局'));
  // different agencies
  assert.ok(!same('淮安市人民政府', '淮安市洪泽区人民政府'), 'a city is not its district');
  assert.ok(!same('淮安市人民政府', '宿迁市人民政府'));
  assert.ok(!same('上海市科学技术委员会', '科学技术委员会'), 'the city is kept when nothing region-like follows');
  assert.ok(!same('淮安市经济技术开发区管委会', '宿迁市经济技术开发区管委会'), 'two different cities in front');
  assert.ok(!same('淮安市市场监督管理局', '市场监督管理局'));
  assert.deepEqual(agencyIdentity('淮安市洪泽区人民政府'), { key: '洪泽区人民政府', regions: ['淮安市'] });
});

test('the real 洪泽区 reports of 2023 and 2024 are paired although their titles name the agency differently', () => {
  const k23 = reportKey(parseDocument(read(H2023))[0]);
  const k24 = reportKey(parseDocument(read(H2024))[0]);
  assert.ok(k23 && k24);
  assert.equal(k23.year, 2023);
  assert.equal(k24.year, 2024);
  const r = checkDocument(read(H2024), { uri: `/reports/${H2024}`, name: H2024, others: others(H2023, read(H2023)) });
  assert.deepEqual(r.previousYears.map((p) => p.name), [H2023], 'paired with the 2023 report');
  assert.deepEqual(r.findings.filter((f) => f.ruleId.startsWith('cross-year')), [], 'the published reports agree');
  // the 2023 report does not take the 2024 one as its previous year
  const back = checkDocument(read(H2023), { uri: `/reports/${H2023}`, name: H2023, others: others(H2024, read(H2024)) });
  assert.deepEqual(back.previousYears, []);
  // the same choice from keys alone (the CLI's pool)
  assert.deepEqual(pairFiles([{ path: H2023, keys: [k23] }, { path: H2024, keys: [k24] }]), new Map([[H2024, [H2023]]]));
});

test('a changed carried-over count of the real 2023 report gives the cross-year finding on the 2024 report', () => {
  const r = checkDocument(read(H2024), { uri: `/reports/${H2024}`, name: H2024, others: others(H2023, with2023CarryOut('3')) });
  const cross = r.findings.filter((f) => f.ruleId === 'cross-year-carryover');
  assert.equal(cross.length, 1, JSON.stringify(r.findings.map((f) => f.ruleId)));
  assert.match(cross[0].message.zh, new RegExp(H2023.replace('.', '\\.')), 'the message names the paired report');
  assert.equal(cross[0].related[0].uri, `/reports/${H2023}`);
  // the line of the finding is the 2024 report's 上年结转 row
  const line = r.report.index.positionAt(cross[0].range.start).line + 1;
  assert.match(read(H2024).split('\n')[line - 1], /上年结转/);
});

test('a report of the same document comes before other documents; a report is never its own pair', () => {
  const text = [
    generateReport({ seed: 3, agency: '洪泽区统计局', year: 2021 }),
    generateReport({ seed: 4, agency: '淮安市洪泽区统计局', year: 2022 }),
  ].join('\n');
  const reports = parseDocument(text);
  assert.deepEqual(reports.map((r) => reportKey(r)?.year), [2021, 2022]);
  const elsewhere = generateReport({ seed: 5, agency: '洪泽区统计局', year: 2021 });
  const r = checkDocument(text, { uri: '/both.txt', name: 'both.txt', others: () => [{ report: parseDocument(elsewhere)[0], name: 'other.txt', uri: '/other.txt' }] });
  assert.deepEqual(r.previousYears.map((p) => p.uri), ['/both.txt']);
  assert.ok(r.findings.some((f) => f.ruleId === 'cross-year-carryover'), 'the generated years disagree: the cross-year rule ran');
  // without its own 2021 report, the document pairs with the other document
  const alone = checkDocument(generateReport({ seed: 4, agency: '淮安市洪泽区统计局', year: 2022 }), {
    others: () => [{ report: parseDocument(elsewhere)[0], name: 'other.txt', uri: '/other.txt' }],
  });
  assert.deepEqual(alone.previousYears.map((p) => p.uri), ['/other.txt']);
  assert.equal(findPreviousYear(reports[1], [{ report: reports[1] }]), undefined);
});

test('the real fixtures pair exactly the same agencies of consecutive years (a page artefact before the year is no agency)', () => {
  const files = fs.readdirSync(REAL).filter((f) => f.endsWith('.txt')).sort();
  const keys = files.map((f) => ({ path: f, keys: parseDocument(read(f)).map(reportKey) }));
  // 06 and 07 (上海) have `正文` before the year: their agencies follow it (上海市科委, 上海市人民政府办公厅)
  assert.equal(keys.find((k) => k.path.startsWith('06'))?.keys[0]?.key, '上海市科学技术委员会');
  assert.equal(keys.find((k) => k.path.startsWith('07'))?.keys[0]?.key, '上海市人民政府办公厅');
  assert.deepEqual(
    pairFiles(keys),
    new Map([
      ['04_hongze-qzf_2024.txt', ['02_hongze-qzf_2023.txt']],
      ['09_pingtan-glued_2020.txt', ['13_pingtan-glued_2019.txt']],
      ['10_pingtan-glued_2021.txt', ['09_pingtan-glued_2020.txt']],
      // 21 is 04's PDF in plain pdftotext output: the same 2024 report, so the same previous year
      ['21_hongze-qzf-rawpdf_2024.txt', ['02_hongze-qzf_2023.txt']],
    ]),
  );
});
