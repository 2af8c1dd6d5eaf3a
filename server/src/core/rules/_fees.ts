/** Statements about 信息处理费 in the narrative (not a rule). */

import { perReport, type OffsetRange, type Report, type Sentence } from '../model';

export interface FeeStatement {
  sentence: Sentence;
  range: OffsetRange;
  /** States that no fee was collected. */
  none: boolean;
  /** States an amount of 信息处理费 collected. */
  amount?: number;
  line: number;
}

/**
 * A statement that no fee or a given amount was charged, in the wordings of real reports (test/unit/fees.test.ts
 * lists each with its source): `…信息处理费…`; `未收取任何费用`, `未向申请人收取任何信息公开相关费用`;
 * `未发生收费情况`, `未发生政府信息公开收费事项`, `无收费情况`, `未收费`; `未产生费用`, `免收费用`; `收费0元`,
 * `收费金额为0元`. Every quantifier is bounded (linear time).
 */
const STATEMENT_RE = new RegExp(
  [
    '信息(?:公开)?处理费',
    '(?:依申请公开)?[^。]{0,20}(?:[未不无]|没有)?(?:向申请人|对申请人)?收取(?:任何)?[^。，,；]{0,12}?(?:费用|信息处理费)',
    '(?:未|没有)(?:发生|产生)[^。]{0,15}收费(?:情况|事项)?',
    '信息公开[^。]{0,10}收费(?:情况|事项)',
    '无收费(?:情况|事项)',
    '(?:[未不]|没有)收费',
    '(?:未|没有)(?:产生|发生)(?:任何)?(?:相关)?费用',
    '免收取?(?:任何)?(?:相关)?费用',
    '收费(?:金额)?(?:为|共计?)?\\d+(?:\\.\\d+)?元',
  ].join('|'),
);
const NONE_RE = /(?:[未不无]|没有)(?:向申请人|对申请人)?收取|(?:未|没有)(?:发生|产生)[^。]{0,15}(?:收费|费用)|无收费|(?:未|没有|不)收费|免收|(?<![\d.])0元/;
const AMOUNT_RE = /收取(?:政府信息公开)?信息(?:公开)?处理费(?:共计?)?(\d+(?:\.\d+)?)元/;
export const feeStatements = perReport((report: Report): FeeStatement[] => {
  const out: FeeStatement[] = [];
  for (const s of report.sentences) {
    const t = s.text;
    if (t.indexOf('费') < 0) continue; // every wording holds 费 (费用, 收费, 处理费): checked before the regex
    if (/三公经费|行政事业性收费/.test(t)) continue;
    const m = STATEMENT_RE.exec(t);
    if (!m) continue;
    const amount = AMOUNT_RE.exec(t);
    const start = s.map[m.index];
    const end = s.map[m.index + m[0].length - 1] + 1;
    out.push({
      sentence: s,
      range: { start, end },
      none: NONE_RE.test(t) && !(amount && Number(amount[1]) > 0),
      amount: amount ? Number(amount[1]) : undefined,
      line: report.index.lineAt(start),
    });
  }
  return out;
});
