/**
 * Fee statements in the words people use (issue 13 item 6): any statement that no fee or a given amount was
 * charged is a statement for `fee-statement-missing`. Each wording is from a real report (source given) or from
 * the issue; each is put in part 六 of a clean generated report.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/core';
import { feeStatements } from '../../server/src/core/rules/_fees';
import { generateReport } from '../gen/report';

const BASE = generateReport({ format: 'F2021', layout: 'L2', seed: 5 });
const TEMPLATE = '本年度未收取政府信息公开信息处理费。';
const inSix = (sentence: string) => {
  assert.ok(BASE.includes(TEMPLATE));
  return BASE.replace(TEMPLATE, sentence);
};

/** [wording, none (no fee) or the amount, source] */
const WORDINGS: [string, 'none' | number | 'stated', string][] = [
  ['本年度未收取信息处理费。', 'none', 'issue 13; a stored saved report page (index file id 60015362259)'],
  ['未向申请人收取任何信息公开相关费用。', 'none', 'issue 13'],
  ['无收费情况。', 'none', 'issue 13'],
  ['2023 年度未收取政府信息公开信息处理费。', 'none', 'seed 002 (卫东区卫健委 2023)'],
  ['2023年度，县发展和改革局政府信息公开未发生收费情况。', 'none', 'real 11 (沭阳县发改局 2023)'],
  ['2024 年，市科委未发生政府信息公开收费事项。', 'none', 'real 06 (上海市科委 2024)'],
  ['2025 年度本机关未收取信息公开处理费。', 'none', 'real 07 (上海市政府办公厅 2025)'],
  ['2021年，无收取信息处理费情况。', 'none', 'real 10 (平潭 2021)'],
  ['本年度依申请公开政府信息未收取任何费用。', 'none', 'seeds 000, 001'],
  ['2024 年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 0 元。', 'none', 'real 02, 04 (洪泽区 2023, 2024)'],
  ['全县行政机关在办理2025年度信息公开申请中收取信息处理费共计380元，其中民政局1件，收取380元。', 380, 'real 05 (沭阳县 2025)'],
  ['2025 年有 1 件政府信息公开申请案件收取信息处理费 380 元。', 380, 'a stored parser test of a 2025 report (index file id 59887473741)'],
  ['依据《政府信息公开信息处理费管理办法》规定，2025年全市实际收取信息处理费共计400元。', 'stated', 'a stored HTML report (index file id 59685592790)'],
  ['本机关未向申请人收取费用。', 'none', 'variant of the issue wording'],
  ['本年度政府信息公开收费金额为0元。', 'none', 'amount in 元'],
  ['本年度收费0元。', 'none', 'amount in 元'],
  ['本年度信息公开工作未收费。', 'none', 'variant'],
  ['依申请公开未产生费用。', 'none', 'variant'],
  ['全年未收取政府信息公开相关费用。', 'none', 'variant of the issue wording'],
  ['本年度依申请公开工作免收费用。', 'none', 'variant'],
];

for (const [w, kind, source] of WORDINGS) {
  test(`fee statement: “${w}” (${source})`, () => {
    const r = lint(inSix(w));
    assert.deepEqual(r.findings.map((f) => f.ruleId), [], 'no fee finding, no other finding');
    const s = feeStatements(r.report);
    assert.equal(s.length, 1);
    assert.equal(s[0].sentence.section, 6);
    if (kind === 'none') assert.equal(s[0].none, true);
    else if (typeof kind === 'number') {
      assert.equal(s[0].none, false);
      assert.equal(s[0].amount, kind);
    }
  });
}

/** Near misses from real text: these say nothing about the information-processing fee. */
const NOT_STATEMENTS: [string, string][] = [
  ['无。', 'seed 003, 六 = 无'],
  ['召开68海里景区观光区收费标准定价听证会并将相关信息上网公开。', 'real 10 (平潭 2021)'],
  ['严格控制“三公”经费，三公经费支出同比下降。', 'seed 002, real 13 (三公经费)'],
  ['行政事业性收费项目清单已在门户网站公开。', 'T2 行政事业性收费 is not 信息处理费'],
];

for (const [w, source] of NOT_STATEMENTS) {
  test(`not a fee statement: “${w}” (${source})`, () => {
    const r = lint(inSix(w));
    assert.deepEqual(feeStatements(r.report), []);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['fee-statement-missing']);
  });
}

test('a statement of no fee and one of an amount contradict each other', () => {
  const r = lint(inSix('本年度未收取信息处理费。本年度收取信息处理费120元。'));
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['fee-statement-contradiction']);
});
