/**
 * Figures the narrative states about the tables (domain.md §3.6 N1–N5), shared by
 * `narrative-table-mismatch` and by quick-fix corroboration of table totals.
 */

import type { OffsetRange, Report, Row, Sentence, Table } from './model';
import { perReport, rowOf, tableOf } from './model';
import { parseCjkNumber } from './text';
import { evaluate, identities } from './identities';

export type ClaimTarget =
  | { kind: 't3'; rows: readonly string[]; label: string }
  | { kind: 't4'; cells: readonly number[]; label: string };

export interface Claim {
  readonly id: 'N1' | 'N2' | 'N3' | 'N4' | 'N5' | 'N6';
  /** What the text counts, in Chinese (for the message). */
  readonly item: string;
  readonly target: ClaimTarget;
  readonly value: number;
  /** The number (or the zero phrase) in the document. */
  readonly range: OffsetRange;
  readonly sentence: Sentence;
  /** N1 with 含上年结转: the figure includes carried-in applications. */
  readonly includesCarryIn?: boolean;
}

const NUM = '(\\d+|[零〇一二两三四五六七八九十]{1,3})';
const SKIP_WORDS = ['信访', '咨询', '热线', '来电', '来信', '留言', '建议', '提案', '投诉', '办理行政复议案件', '去年', '上一年度', '同比', '较上年', '较去年'];

function num(s: string): number | undefined {
  if (/^\d+$/.test(s)) return s.length > 12 ? undefined : Number(s);
  return parseCjkNumber(s);
}

function rangeOf(s: Sentence, from: number, to: number): OffsetRange {
  const start = s.map[from];
  const end = s.map[to - 1] + 1;
  return { start, end };
}

function skipped(sentence: string, phrase: string): boolean {
  if (phrase.includes('信息公开申请')) return false;
  return SKIP_WORDS.some((w) => sentence.includes(w));
}

const N1 = new RegExp(`(?:共|累计|合计)?(?:新?收到|受理|接收|新收)(?:各类)?(?:政府)?信息公开申请(?:共计?|合计)?${NUM}件`, 'g');
const N2 = /(?:未|没有)(?:收到|受理)过?(?:任何)?(?:政府信息公开|依申请公开)(?:申请|事项)?/g;
const N3: { re: RegExp; needle: string; item: string; rows: (t3: Table) => string[]; label: string }[] = [
  { re: new RegExp(`予以公开[及和、或]部分公开(?:申请)?${NUM}件`, 'g'), needle: '予以公开', item: '予以公开及部分公开', rows: () => ['r1', 'r2'], label: '（一）+（二）/总计' },
  { re: new RegExp(`予以公开(?:申请|的|类)?${NUM}件`, 'g'), needle: '予以公开', item: '予以公开', rows: () => ['r1'], label: '（一）予以公开/总计' },
  { re: new RegExp(`(?<![及和、或])部分公开(?:的|类)?${NUM}件`, 'g'), needle: '部分公开', item: '部分公开', rows: () => ['r2'], label: '（二）部分公开/总计' },
  { re: new RegExp(`不予公开(?:的|类)?${NUM}件`, 'g'), needle: '不予公开', item: '不予公开', rows: (t) => keysWith(t, 'r3_'), label: '（三）不予公开/总计' },
  { re: new RegExp(`无法提供(?:的|类)?${NUM}件`, 'g'), needle: '无法提供', item: '无法提供', rows: (t) => keysWith(t, 'r4_'), label: '（四）无法提供/总计' },
  { re: new RegExp(`不予处理(?:的|类)?${NUM}件`, 'g'), needle: '不予处理', item: '不予处理', rows: (t) => keysWith(t, 'r5_'), label: '（五）不予处理/总计' },
  { re: new RegExp(`其他处理${NUM}件`, 'g'), needle: '其他处理', item: '其他处理', rows: (t) => keysWith(t, 'r6'), label: '（六）其他处理/总计' },
  { re: new RegExp(`上年结转${NUM}件`, 'g'), needle: '上年结转', item: '上年结转', rows: () => ['carry_in'], label: '上年结转/总计' },
  { re: new RegExp(`结转下年度(?:继续办理)?${NUM}件`, 'g'), needle: '结转下年度', item: '结转下年度', rows: () => ['carry_out'], label: '结转下年度/总计' },
];
const N4 = new RegExp(`行政复议(?:案件|申请)?(?:共计?)?${NUM}(?:件|起)`, 'g');
const N4_ZERO = /(?:未|没有)(?:发生|出现|收到|被申请)[^，,]{0,10}行政复议/g;
const N5 = new RegExp(`行政诉讼(?:案件)?(?:共计?)?${NUM}(?:件|起)`, 'g');
/**
 * N6: every case upheld (`均予维持`, `全部维持`, `均获维持`), against 结果纠正 and 尚未审结 of table 4 in the block(s)
 * the sentence names before the phrase (行政复议, 行政诉讼, both); a sentence naming neither is not compared.
 */
const N6 = /(?:均予以?|全部(?:予以)?|均获|均被|均已|均)维持/g;
const N5_ZERO = /(?:未|没有)(?:发生|出现|收到|被申请|被提起)[^，,]{0,10}行政诉讼/g;

function keysWith(t: Table, prefix: string): string[] {
  return t.expected.filter((d) => d.result && d.key.startsWith(prefix)).map((d) => d.key);
}

/**
 * Words without which a pattern cannot match: the sentence is searched for the word before the pattern runs (most
 * sentences hold none of them, and a pattern that starts with optional groups is tried at every position).
 */
const NEEDLES = new Map<RegExp, string>([
  [N1, '信息公开申请'],
  [N2, '公开'],
  ...N3.map((p): [RegExp, string] => [p.re, p.needle]),
  [N4, '行政复议'],
  [N4_ZERO, '行政复议'],
  [N5, '行政诉讼'],
  [N5_ZERO, '行政诉讼'],
  [N6, '维持'],
]);

/** N4 and N5: the pattern of a count, the pattern of none, and what they are compared with in table 4. */
const REVIEW_SUIT: readonly (readonly [RegExp, RegExp, 'N4' | 'N5', readonly number[], string, string])[] = [
  [N4, N4_ZERO, 'N4', [4], '行政复议', '行政复议/总计'],
  [N5, N5_ZERO, 'N5', [9, 14], '行政诉讼', '行政诉讼/总计'],
];

const NO_MATCH: readonly RegExpExecArray[] = [];

/** Every match of a global pattern in a sentence (no allocation when the sentence lacks the pattern's key word). */
function matches(re: RegExp, s: string): readonly RegExpExecArray[] {
  const needle = NEEDLES.get(re);
  if (needle !== undefined && s.indexOf(needle) < 0) return NO_MATCH;
  re.lastIndex = 0;
  let out: RegExpExecArray[] | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    (out ??= []).push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out ?? NO_MATCH;
}

export const claims = perReport((report: Report): Claim[] => {
  const out: Claim[] = [];
  // the sentences of one sub-section share its title, which may be a whole long line: test it once, not per sentence
  let lastTitle: string | undefined;
  let lastOnApplications = false;
  const onApplications = (title: string | undefined): boolean => {
    if (!title) return false;
    if (title !== lastTitle) {
      lastTitle = title;
      lastOnApplications = title.includes('依申请');
    }
    return lastOnApplications;
  };
  const t3 = tableOf(report, 'T3');
  /** The previous sentence ended with ；and was about applications: this clause continues it. */
  let chained = false;
  let lastLine = -1;
  for (const s of report.sentences) {
    const t = s.text;
    if (s.firstLine !== lastLine) chained = false;
    lastLine = s.firstLine;
    const aboutApplications = chained;
    chained = false;
    if (t.length > 2000) continue;
    let n1 = false;
    for (const m of matches(N1, t)) {
      if (skipped(t, m[0])) continue;
      const v = num(m[1]);
      if (v === undefined) continue;
      n1 = true;
      const at = m.index + m[0].lastIndexOf(m[1]);
      // 含上年结转 qualifies this figure only in its own clause (`…受理申请N件（含上年结转M件）`), not `办结N件（含…）`
      const clauseEnd = t.slice(m.index + m[0].length).search(/[，,；;。]|办结|答复|办理/);
      const clause = t.slice(Math.max(0, t.lastIndexOf('，', m.index) + 1), clauseEnd < 0 ? t.length : m.index + m[0].length + clauseEnd);
      const withCarry = /(?:含|包括)上年结转/.test(clause);
      out.push({
        id: 'N1',
        item: withCarry ? '收到申请（含上年结转）' : '收到申请',
        target: { kind: 't3', rows: withCarry ? ['new', 'carry_in'] : ['new'], label: withCarry ? '本年新收+上年结转/总计' : '本年新收/总计' },
        value: v,
        range: rangeOf(s, at, at + m[1].length),
        sentence: s,
        includesCarryIn: withCarry,
      });
    }
    for (const m of matches(N2, t)) {
      if (skipped(t, m[0])) continue;
      out.push({
        id: 'N2',
        item: '收到申请',
        target: { kind: 't3', rows: ['new'], label: '本年新收/总计' },
        value: 0,
        range: rangeOf(s, m.index, m.index + m[0].length),
        sentence: s,
      });
    }
    if ((n1 || aboutApplications || t.includes('申请')) && t3) {
      chained = /[;；]$/.test(t);
      for (const p of N3) {
        for (const m of matches(p.re, t)) {
          if (!n1 && skipped(t, m[0])) continue;
          const v = num(m[1]);
          if (v === undefined) continue;
          const at = m.index + m[0].lastIndexOf(m[1]);
          out.push({
            id: 'N3',
            item: p.item,
            target: { kind: 't3', rows: p.rows(t3), label: p.label },
            value: v,
            range: rangeOf(s, at, at + m[1].length),
            sentence: s,
          });
        }
      }
    }
    const gated = t.includes('信息公开') || s.section === 4 || (s.section === 1 && onApplications(s.subsectionTitle));
    if (gated) {
      for (const m of matches(N6, t)) {
        if (skipped(t, m[0])) continue;
        const before = t.slice(0, m.index);
        const review = before.includes('行政复议') || before.includes('复议');
        const suit = before.includes('行政诉讼') || before.includes('诉讼');
        if (!review && !suit) continue; // whose cases? not compared
        const cells = [...(review ? [1, 3] : []), ...(suit ? [6, 8, 11, 13] : [])];
        const item = review && suit ? '行政复议和行政诉讼' : review ? '行政复议' : '行政诉讼';
        const label = `${item}/结果纠正+尚未审结`;
        out.push({ id: 'N6', item, target: { kind: 't4', cells, label }, value: 0, range: rangeOf(s, m.index, m.index + m[0].length), sentence: s });
      }
      for (const [re, zero, id, cells, item, label] of REVIEW_SUIT) {
        for (const m of matches(re, t)) {
          if (skipped(t, m[0])) continue;
          const v = num(m[1]);
          if (v === undefined) continue;
          const at = m.index + m[0].lastIndexOf(m[1]);
          out.push({ id, item, target: { kind: 't4', cells, label }, value: v, range: rangeOf(s, at, at + m[1].length), sentence: s });
        }
        for (const m of matches(zero, t)) {
          if (skipped(t, m[0])) continue;
          // 未发生…行政复议纠错 / 行政诉讼败诉: no decision against the agency, not no case
          if (/^[^，,；;。]{0,8}(?:纠错|纠正|败诉|撤销|确认违法)/.test(t.slice(m.index + m[0].length))) continue;
          out.push({ id, item, target: { kind: 't4', cells, label }, value: 0, range: rangeOf(s, m.index, m.index + m[0].length), sentence: s });
        }
      }
    }
  }
  return out;
});

/** The stated c7 of a T3 row, or its computed row sum when the stated cell is blank. */
export function rowTotal(report: Report, row: Row | undefined): number | undefined {
  if (!row || !row.aligned) return undefined;
  const i = row.def.columns.findIndex((c) => c.id === 'c7');
  const cell = row.cells[i];
  if (cell.value !== undefined) return cell.value;
  if (cell.state !== 'blank') return undefined;
  const id = identities(report).find((x) => x.kind === 'row-total' && x.target.row === row);
  if (!id) return undefined;
  const ev = evaluate(id, new Map([[cell, 0]]));
  return ev.evaluable ? ev.computed : undefined;
}

/** The table value a claim is compared with, or undefined when unknown. */
export function claimTableValue(report: Report, c: Claim): { value: number; ranges: OffsetRange[] } | undefined {
  if (c.target.kind === 't3') {
    const t3 = tableOf(report, 'T3');
    if (!t3 || t3.unreadable) return undefined; // nothing is read from a table that cannot be read row by row
    let sum = 0;
    const ranges: OffsetRange[] = [];
    for (const k of c.target.rows) {
      const r = rowOf(t3, k);
      const v = rowTotal(report, r);
      if (v === undefined || !r) return undefined;
      sum += v;
      ranges.push(r.cells[r.def.columns.findIndex((x) => x.id === 'c7')].displayRange);
    }
    return { value: sum, ranges };
  }
  const t4 = tableOf(report, 'T4');
  const row = t4?.unreadable ? undefined : t4?.rows[0];
  if (!row || !row.aligned) return undefined;
  let sum = 0;
  const ranges: OffsetRange[] = [];
  for (const i of c.target.cells) {
    const cell = row.cells[i];
    let v = cell.value;
    if (v === undefined && cell.state === 'blank') {
      if (t4!.format === 'F2019' && !cell.column.derived) {
        v = 0; // F2019 blank input cells count as 0 (domain.md §3.0), as in the identities
      } else {
        const id = identities(report).find((x) => x.kind === 't4-block' && x.target.col === i);
        const ev = id ? evaluate(id, new Map([[cell, 0]])) : undefined;
        v = ev?.evaluable ? ev.computed : undefined;
      }
    }
    if (v === undefined) return undefined;
    sum += v;
    ranges.push(cell.displayRange);
  }
  return { value: sum, ranges };
}
