/**
 * Word documents (.docx) → report text.
 *
 * The package is unzipped with fflate (small, maintained, pure JS, synchronous `unzipSync` with a filter so only
 * the three parts needed are inflated; no Node APIs, so it runs in the browser worker too). The parts are XML,
 * read with htmlparser2's `Parser` in XML mode (the same small tokenizer the web-page reader uses, so the readers
 * add one parser, not two) into a light element tree; names are taken without their namespace prefix.
 *
 * - `word/document.xml`: body paragraphs one per line; tables one row per line, cells separated by tabs
 *   (`gridSpan` / `vMerge` laid out as `table-text.ts` describes; `gridBefore` as leading empty cells).
 *   Content controls (`sdt`), custom XML, hyperlinks, smart tags and insertions are read through; deleted text,
 *   field codes and the fallback copies of drawings are not.
 * - `word/numbering.xml` + `word/styles.xml`: AUTOMATIC LIST NUMBERING is rendered, because a heading numbered
 *   `一、` by Word has no `一、` in its text. A paragraph's number comes from its own `numPr` or its style's (through
 *   `basedOn`); `num` → `abstractNum` → the level's `lvlText` (`%1、`, `（%1）`, `%1.%2`), `numFmt` (decimal,
 *   chineseCounting → 一、二、…, ideographTraditional → 甲乙丙, enclosed digits, letters, roman, …), `start`,
 *   `lvlRestart`, `isLgl`, and a `num`'s `lvlOverride`/`startOverride`. Counters are kept per abstract list (as
 *   Word does: lists sharing an abstract definition continue each other unless a `num` restarts a level).
 */

import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { isEncryptedOffice, isZip } from './docx-sniff';
import { joinParts, tableLines, type SourceCell } from './table-text';
import type { ReaderNotice, ReadResult, SourcePlace } from './types';

interface X {
  /** Local name (namespace prefix removed). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: X[];
  /** Character data directly inside (only kept for w:t / w:delText / w:instrText). */
  text: string;
}

const TEXT_ELEMENTS = new Set(['t']);

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Attribute by local name (`w:val` → `val`). */
function attr(x: X | undefined, name: string): string | undefined {
  if (!x) return undefined;
  for (const k in x.attrs) if (local(k) === name) return x.attrs[k];
  return undefined;
}

function child(x: X | undefined, name: string): X | undefined {
  return x?.children.find((c) => c.name === name);
}

function kids(x: X | undefined, name: string): X[] {
  return x ? x.children.filter((c) => c.name === name) : [];
}

export function parseXml(xml: string): X {
  const root: X = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: X[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: X = { name: local(name), attrs, children: [], text: '' };
        stack[stack.length - 1].children.push(el);
        stack.push(el);
      },
      ontext(text) {
        const top = stack[stack.length - 1];
        if (TEXT_ELEMENTS.has(top.name)) top.text += text;
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return root;
}

// ---- numbering ----------------------------------------------------------------------------------------------

interface Level {
  start: number;
  fmt: string;
  text: string;
  restart?: number;
  isLgl: boolean;
  suff: string;
}

interface Num {
  abstractId: string;
  /** Per level: a start override (restart of that level when this num is first used) and/or a replaced level. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, Num>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seen = new Set<string>();
  /** styleId → its numPr (through basedOn). */
  private readonly styleNum = new Map<string, { numId?: string; ilvl?: number }>();

  constructor(numbering: X | undefined, styles: X | undefined) {
    const numRoot = child(numbering, 'numbering');
    for (const a of kids(numRoot, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of kids(a, 'lvl')) levels.set(Number(attr(l, 'ilvl') ?? 0), readLevel(l));
      this.abstracts.set(attr(a, 'abstractNumId') ?? '', levels);
    }
    for (const n of kids(numRoot, 'num')) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of kids(n, 'lvlOverride')) {
        const so = attr(child(o, 'startOverride'), 'val');
        const lvl = child(o, 'lvl');
        overrides.set(Number(attr(o, 'ilvl') ?? 0), { start: so !== undefined ? Number(so) : undefined, level: lvl ? readLevel(lvl) : undefined });
      }
      this.nums.set(attr(n, 'numId') ?? '', { abstractId: attr(child(n, 'abstractNumId'), 'val') ?? '', overrides });
    }
    const byId = new Map<string, X>();
    for (const s of kids(child(styles, 'styles'), 'style')) byId.set(attr(s, 'styleId') ?? '', s);
    for (const id of byId.keys()) {
      let numId: string | undefined;
      let ilvl: number | undefined;
      const visited = new Set<string>();
      for (let s = byId.get(id); s && !visited.has(attr(s, 'styleId') ?? ''); s = byId.get(attr(child(s, 'basedOn'), 'val') ?? '\u0000')) {
        visited.add(attr(s, 'styleId') ?? '');
        const np = child(child(s, 'pPr'), 'numPr');
        if (numId === undefined) numId = attr(child(np, 'numId'), 'val');
        if (ilvl === undefined && attr(child(np, 'ilvl'), 'val') !== undefined) ilvl = Number(attr(child(np, 'ilvl'), 'val'));
      }
      if (numId !== undefined) this.styleNum.set(id, { numId, ilvl });
    }
  }

  /** The number text of a paragraph (with its separator), advancing the counters; '' when not numbered. */
  label(pPr: X | undefined): string {
    const np = child(pPr, 'numPr');
    const styled = this.styleNum.get(attr(child(pPr, 'pStyle'), 'val') ?? '\u0000');
    const numId = attr(child(np, 'numId'), 'val') ?? styled?.numId;
    if (numId === undefined || numId === '0') return '';
    const ilvlRaw = attr(child(np, 'ilvl'), 'val');
    const ilvl = ilvlRaw !== undefined ? Number(ilvlRaw) : (styled?.ilvl ?? 0);
    const num = this.nums.get(numId);
    if (!num) return '';
    const levels = this.abstracts.get(num.abstractId);
    if (!levels) return '';
    const levelAt = (k: number): Level | undefined => num.overrides.get(k)?.level ?? levels.get(k);
    const lvl = levelAt(ilvl);
    if (!lvl) return '';
    let counters = this.counters.get(num.abstractId);
    if (!counters) this.counters.set(num.abstractId, (counters = []));
    if (!this.seen.has(numId)) {
      this.seen.add(numId);
      for (const [k, o] of num.overrides) if (o.start !== undefined || o.level) counters[k] = undefined;
    }
    const startOf = (k: number): number => num.overrides.get(k)?.start ?? levelAt(k)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl] + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const deeper = levelAt(k);
      const restart = deeper?.restart;
      if (restart === undefined || (restart > 0 && ilvl < restart)) counters[k] = undefined;
    }
    if (lvl.fmt === 'none') return '';
    const text = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const k = Number(d) - 1;
      const value = counters[k] ?? startOf(k);
      const fmt = k === ilvl ? lvl.fmt : lvl.isLgl ? 'decimal' : (levelAt(k)?.fmt ?? 'decimal');
      return formatNumber(value, fmt);
    });
    return text + (lvl.suff === 'nothing' ? '' : '\u0001'); // separator decided once the text is known
  }
}

function readLevel(l: X): Level {
  return {
    start: Number(attr(child(l, 'start'), 'val') ?? 1),
    fmt: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
    text: attr(child(l, 'lvlText'), 'val') ?? '',
    restart: attr(child(l, 'lvlRestart'), 'val') !== undefined ? Number(attr(child(l, 'lvlRestart'), 'val')) : undefined,
    isLgl: child(l, 'isLgl') !== undefined && attr(child(l, 'isLgl'), 'val') !== '0' && attr(child(l, 'isLgl'), 'val') !== 'false',
    suff: attr(child(l, 'suff'), 'val') ?? 'tab',
  };
}

const CN_DIGITS = '零一二三四五六七八九';

/** Chinese counting (一 … 十 … 九十九 … 一百), as Word's chineseCounting. */
export function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    return CN_DIGITS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + CN_DIGITS[rest] : rest < 20 ? '一' + chineseCounting(rest) : chineseCounting(rest));
  }
  return String(n);
}

function letters(n: number, base: string): string {
  let s = '';
  let k = n;
  while (k > 0) {
    k--;
    s = base[k % 26] + s;
    k = Math.floor(k / 26);
  }
  return s;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let s = '';
  let k = n;
  for (const [v, r] of table) {
    while (k >= v) {
      s += r;
      k -= v;
    }
  }
  return s;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n).replace(/[一二三四五六七八九十百]/g, (c) => '壹贰叁肆伍陆柒捌玖拾佰'['一二三四五六七八九十百'.indexOf(c)]);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---- body ---------------------------------------------------------------------------------------------------

/** Elements read through (their runs are the paragraph's). */
const THROUGH = new Set(['hyperlink', 'smartTag', 'ins', 'customXml', 'fldSimple', 'sdt', 'sdtContent', 'dir', 'bdo', 'moveTo']);

/** A paragraph's text: its runs, with a rendered list number in front. Line breaks (`w:br`, `w:cr`) split it. */
function paragraphParts(p: X, numbering: Numbering): string[] {
  const parts: string[] = [''];
  const walk = (x: X): void => {
    for (const c of x.children) {
      switch (c.name) {
        case 'r':
          for (const rc of c.children) {
            if (rc.name === 't') parts[parts.length - 1] += rc.text;
            else if (rc.name === 'tab' || rc.name === 'ptab') parts[parts.length - 1] += ' ';
            else if ((rc.name === 'br' && attr(rc, 'type') !== 'page' && attr(rc, 'type') !== 'column') || rc.name === 'cr') parts.push('');
            else if (rc.name === 'noBreakHyphen') parts[parts.length - 1] += '-';
          }
          break;
        default:
          if (THROUGH.has(c.name)) walk(c);
      }
    }
  };
  walk(p);
  const label = numbering.label(child(p, 'pPr'));
  if (label) {
    const suffix = label.endsWith('\u0001');
    const raw = label.replace('\u0001', '');
    const first = parts[0].replace(/^[ \t\u3000]+/, '');
    // Word prints a tab or a space after the number; in text, none before CJK or after 、 . ） (`一、总体情况`)
    const sep = suffix && first !== '' && !/[、.．）)：:，,]$/.test(raw) && !/^[\u2e80-\uffff]/.test(first) ? ' ' : '';
    parts[0] = raw + sep + first;
  }
  return parts;
}

interface Out {
  readonly text: string[];
  readonly places: SourcePlace[];
  tables: number;
}

function pushLine(out: Out, line: string): void {
  const spaced = line.replace(/[\t\r\n]+/g, ' ');
  let end = spaced.length;
  while (end > 0 && spaced.charCodeAt(end - 1) === 32) end--; // trailing spaces, in linear time
  const l = spaced.slice(0, end);
  if (l.replace(/[\u00a0\u3000 ]/g, '') === '') return;
  out.text.push(l);
  out.places.push({});
}

/** Text of a table cell: all its paragraphs (and nested tables, flattened) joined. */
function cellText(tc: X, numbering: Numbering): string {
  const parts: string[] = [];
  const walk = (x: X): void => {
    for (const c of x.children) {
      if (c.name === 'p') parts.push(...paragraphParts(c, numbering));
      else if (c.name === 'tbl' || c.name === 'tr' || c.name === 'tc' || THROUGH.has(c.name)) walk(c);
    }
  };
  walk(tc);
  return joinParts(parts);
}

function renderTable(tbl: X, out: Out, numbering: Numbering): void {
  out.tables++;
  const no = out.tables;
  const trs = kids(tbl, 'tr').concat(...kids(tbl, 'sdt').map((s) => kids(child(s, 'sdtContent'), 'tr')));
  // grid of every row: [startColumn, span, vMerge state, text]
  interface G {
    col: number;
    span: number;
    merge?: 'restart' | 'continue';
    text: string;
  }
  const grid: G[][] = trs.map((tr) => {
    const cells: G[] = [];
    let col = Number(attr(child(child(tr, 'trPr'), 'gridBefore'), 'val') ?? 0);
    if (col > 0) cells.push({ col: 0, span: col, text: '' });
    const tcs: X[] = [];
    for (const c of tr.children) {
      if (c.name === 'tc') tcs.push(c);
      else if (c.name === 'sdt' || c.name === 'customXml') tcs.push(...kids(child(c, 'sdtContent') ?? c, 'tc'));
    }
    for (const tc of tcs) {
      const pr = child(tc, 'tcPr');
      const span = Math.max(1, Number(attr(child(pr, 'gridSpan'), 'val') ?? 1) || 1);
      const vm = child(pr, 'vMerge');
      const merge = vm ? (attr(vm, 'val') === 'restart' ? 'restart' : 'continue') : undefined;
      cells.push({ col, span, merge, text: merge === 'continue' ? '' : cellText(tc, numbering) });
      col += span;
    }
    return cells;
  });
  // a continued cell whose restart is missing (a damaged merge) is an ordinary empty cell
  const open = new Set<number>();
  for (const cells of grid) {
    for (const g of cells) {
      if (g.merge === 'continue' && !open.has(g.col)) g.merge = undefined;
      if (g.merge) open.add(g.col);
      else open.delete(g.col);
    }
  }
  const rows: SourceCell[][] = grid.map((cells, r) =>
    cells
      .filter((g) => g.merge !== 'continue')
      .map((g) => {
        let rowSpan = 1;
        if (g.merge === 'restart') {
          for (let k = r + 1; k < grid.length; k++) {
            const below = grid[k].find((x) => x.col === g.col);
            if (!below || below.merge !== 'continue') break;
            rowSpan++;
          }
        }
        return { text: g.text, colSpan: g.span, rowSpan };
      }),
  );
  const { lines, places } = tableLines(rows, no);
  lines.forEach((l, i) => {
    out.text.push(l);
    out.places.push(places[i]);
  });
}

function renderBlocks(container: X, out: Out, numbering: Numbering): void {
  for (const c of container.children) {
    if (c.name === 'p') for (const part of paragraphParts(c, numbering)) pushLine(out, part);
    else if (c.name === 'tbl') renderTable(c, out, numbering);
    else if (c.name === 'sdt') renderBlocks(child(c, 'sdtContent') ?? c, out, numbering);
    else if (c.name === 'customXml' || c.name === 'ins' || c.name === 'moveTo') renderBlocks(c, out, numbering);
  }
}

// ---- entry --------------------------------------------------------------------------------------------------

const WANTED = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);

function unreadable(zh: string, en: string, code: ReaderNotice['code'] = 'unreadable'): ReadResult {
  return { kind: 'docx', text: '', lines: [], notices: [{ code, zh, en }] };
}

export async function readDocx(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return unreadable('文件为空，不是 Word 文档。', 'The file is empty: not a Word document.');
  if (isEncryptedOffice(bytes)) return unreadable('Word 文档设有打开密码，无法读取；请去除密码后再检查。', 'The Word document is password-protected and cannot be read; remove the password and check it again.', 'encrypted');
  if (!isZip(bytes)) return unreadable('文件不是有效的 .docx（Word 2007 及以后）文档，或已损坏。', 'The file is not a valid .docx (Word 2007 or later) document, or it is damaged.');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => WANTED.has(f.name) });
  } catch {
    return unreadable('Word 文档已损坏，无法解压。', 'The Word document is damaged and cannot be unpacked.');
  }
  const doc = files['word/document.xml'];
  if (!doc) return unreadable('文件中没有 Word 正文（word/document.xml），不是 .docx 文档或已损坏。', 'The file has no Word body (word/document.xml): not a .docx document, or damaged.');
  const decoder = new TextDecoder('utf-8');
  const xml = (name: string): X | undefined => (files[name] ? parseXml(decoder.decode(files[name])) : undefined);
  const root = xml('word/document.xml')!;
  const body = child(child(root, 'document'), 'body');
  if (!body) return unreadable('Word 正文结构无法识别，文档可能已损坏。', 'The structure of the Word body is not recognised; the document may be damaged.');
  const numbering = new Numbering(xml('word/numbering.xml'), xml('word/styles.xml'));
  const out: Out = { text: [], places: [], tables: 0 };
  renderBlocks(body, out, numbering);
  if (out.text.length === 0) {
    return { kind: 'docx', text: '', lines: [], notices: [{ code: 'unreadable', zh: 'Word 文档中没有文字。', en: 'The Word document holds no text.' }] };
  }
  return { kind: 'docx', text: out.text.join('\n'), lines: out.places, notices: [] };
}
