/**
 * Document structure (domain.md §1, §4.4 steps 2–3): title and year, section headings, format markers,
 * sub-section markers, the signature date and encoding damage.
 */

import type { Format, FormatInfo, FormatMarker, Heading, OffsetRange, SectionNo, Signature, Title } from './model';
import { FORMAT_MARKERS, LOOKALIKE_ONE, PRE2019_HEADINGS, SECTION_NUMERALS, SECTION_TITLES, SECTION_VARIANTS } from './schema';
import { detach, dice, isSpaceCode, nfkc, normLabel, parseCjkNumber, type Line } from './text';

const SECTION_NOS: SectionNo[] = [1, 2, 3, 4, 5, 6];
const CANON_NORM = new Map<SectionNo, string>(SECTION_NOS.map((n) => [n, normLabel(SECTION_TITLES[n])]));
const VARIANT_NORM = new Map<SectionNo, string[]>(SECTION_NOS.map((n) => [n, SECTION_VARIANTS[n].map(normLabel)]));

/**
 * Characters whose NFKC holds a CJK unified ideograph (Kangxi and supplementary radicals, 〸〹〺, kanbun, enclosed
 * and squared ideographs, compatibility ideographs; astral ones via their surrogates). Full-width punctuation and
 * digits are not among them.
 */
export const FOLDS_TO_IDEOGRAPH = '\\u2e80-\\u2fff\\u3038-\\u303a\\u3190-\\u33ff\\uf900-\\ufaff\\ud800-\\udfff';

/**
 * A test of whether a text holds one of `chars` (CJK ideographs), or something NFKC may fold into one, in one
 * scan. Labels are normalised without adding ideographs (normLabel folds compatibility forms and deletes spaces,
 * quotes and markup), so a text that fails it cannot normalise to a string that holds one of them.
 */
function mayHoldRe(chars: readonly string[]): RegExp {
  for (const c of chars) if (!/^[\u4e00-\u9fff]$/.test(c)) throw new Error(`not a CJK ideograph: ${c}`);
  return new RegExp(`[${chars.join('')}${FOLDS_TO_IDEOGRAPH}]`);
}
/** The last character of each canonical title, one of which a bare canonical heading must hold. */
const CANON_HINT_RE = mayHoldRe([...new Set([...CANON_NORM.values()].map((n) => n[n.length - 1]))]);
/** The last character of each pre-2019 heading title (rarer in tables than the first). */
const LEGACY_HINT_RE = mayHoldRe([...new Set(PRE2019_HEADINGS.map((h) => h[h.length - 1]))]);

/** T3 row/group label texts that begin like section headings (§4.3). */
const T3_HEADING_LIKE = ['本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量', '本年度办理结果', '结转下年度继续办理'];

const NUMERAL_CLASS = `[一二三四五六\u2f00${LOOKALIKE_ONE.map((c) => (c === '-' ? '\\-' : c)).join('')}]`;
const HEADING_START_RE = new RegExp(`^[\\s\\u3000]*(?:${NUMERAL_CLASS}|[#>*+_]|\\[bookmark:)`);
const HEADING_RE = new RegExp(`^([\\s\\u3000]*)(${NUMERAL_CLASS})([\\s\\u3000]*[、.．,，][\\s\\u3000]*)(.+?)[\\s\\u3000]*$`);

function looksLikeT3Label(titleNorm: string): boolean {
  for (const l of T3_HEADING_LIKE) {
    if (l.startsWith(titleNorm) || titleNorm.startsWith(l)) return true;
    if (dice(titleNorm, l) >= 0.6) return true;
  }
  return false;
}

/** Numbered lines repeat across reports (table labels, headings): a bounded memo of the title's section. */
const titleCache = new Map<string, ReturnType<typeof mapTitle> | null>();

/** The section a numbered line's normalised title names, unless it is empty or a table-3 label. */
function headingTitle(norm: string): ReturnType<typeof mapTitle> {
  const hit = titleCache.get(norm);
  if (hit !== undefined) return hit ?? undefined;
  const mapped = !norm || looksLikeT3Label(norm) ? undefined : mapTitle(norm);
  if (titleCache.size >= 5_000) titleCache.clear();
  titleCache.set(detach(norm), mapped ?? null);
  return mapped;
}

function mapTitle(norm: string): { section: SectionNo; match: Heading['match']; similarity: number } | undefined {
  for (const n of SECTION_NOS) if (CANON_NORM.get(n) === norm) return { section: n, match: 'exact', similarity: 1 };
  for (const n of SECTION_NOS) if (VARIANT_NORM.get(n)!.includes(norm)) return { section: n, match: 'variant', similarity: 1 };
  let best: { section: SectionNo; similarity: number } | undefined;
  let count = 0;
  for (const n of SECTION_NOS) {
    const sim = Math.max(dice(norm, CANON_NORM.get(n)!), ...VARIANT_NORM.get(n)!.map((v) => dice(norm, v)));
    if (sim >= 0.75) {
      count++;
      if (!best || sim > best.similarity) best = { section: n, similarity: sim };
    }
  }
  if (best && count === 1) return { section: best.section, match: 'fuzzy', similarity: best.similarity };
  return undefined;
}

/**
 * Replaces with spaces (keeping every offset) what is not report text: docx bookmarks, Markdown heading and
 * quote markers, list bullets and bold/italic markers around a heading.
 */
export function blankMarkup(text: string): string {
  let t = text.indexOf('[bookmark:') >= 0 ? text.replace(/\[bookmark:[^\]]*\]/g, (m) => ' '.repeat(m.length)) : text;
  if (/^\s*(?:#{1,6}|>|[-*+](?=\s))|\*\*|__/.test(t)) {
    t = t.replace(/^(\s*)((?:#{1,6}|[>\-*+])(?=\s|[^\x00-\x7f]))/, (_, a: string, m: string) => a + ' '.repeat(m.length));
    t = t.replace(/\*\*|__/g, (m) => ' '.repeat(m.length));
  }
  return t;
}

/** One character of blank (`\s`: spaces of any width, line breaks). */
const BLANK_CHAR_RE = /^\s$/;

/**
 * The length of `text` without its trailing run of blanks, `&nbsp;` and `&nbsp` (what `/(?:&nbsp;?|\s)+$/`
 * removed), scanning back from the end in linear time: the last character decides the piece (a blank, `;` of
 * `&nbsp;`, `p` of `&nbsp`), so the split is unique.
 */
function paddedEnd(text: string): number {
  let end = text.length;
  for (;;) {
    if (end > 0 && BLANK_CHAR_RE.test(text[end - 1])) end--;
    else if (text.endsWith('&nbsp;', end)) end -= 6;
    else if (text.endsWith('&nbsp', end)) end -= 5;
    else return end;
  }
}

/** A character trimmed from the end of an inline title (what `/[\s：:]+$/` removed, scanned back in linear time). */
const TITLE_END_CHAR_RE = /^[\s：:]$/;

/** The text without the padding a web page leaves after it (offsets of what is kept are unchanged). */
function stripTrailingPadding(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (!(last === 59 /* ; */ || last === 112 /* p */ || isSpaceCode(last))) return text;
  return text.slice(0, paddedEnd(text));
}

/** Recognises a section heading line (§4.4 step 3). */
export function parseHeading(line: Line): Heading | undefined {
  // padding after a heading (a run of `&nbsp;`, U+00A0 or U+3000 from a web page) is not part of it
  const rawText = stripTrailingPadding(line.text);
  if (rawText.length > 80 || rawText.trim() === '') return undefined;
  // a numeral, a dash, markup or a bookmark starts a heading; a heading without numeral is short
  if (rawText.length > 40 && !HEADING_START_RE.test(rawText)) return undefined;
  // docx bookmarks and Markdown markup are artefacts: blank them out (same length, offsets stay valid)
  const t = blankMarkup(rawText);
  // a heading is one cell: no tab between non-empty parts
  if (/\S\t+\S/.test(t.trim())) return undefined;
  const m = HEADING_RE.exec(t);
  if (m) {
    const [, lead, numeralRaw, sep, titleRaw] = m;
    const title = titleRaw.replace(/(?<![：:。])[：:。]+$/, '');
    if (title.includes('。') || title.length > 40) return undefined;
    const mapped = headingTitle(normLabel(title));
    if (!mapped) return undefined;
    const numStart = line.start + lead.length;
    const numeralRange = { start: numStart, end: numStart + numeralRaw.length };
    const titleStart = numStart + numeralRaw.length + sep.length;
    const lookalike = LOOKALIKE_ONE.includes(numeralRaw);
    const numeral = numeralRaw === '\u2f00' ? '一' : numeralRaw;
    return {
      line: line.index,
      range: { start: numStart, end: titleStart + titleRaw.length },
      numeral: numeralRaw,
      numeralRange,
      numeralKind: lookalike ? 'lookalike' : 'cjk',
      numeralValue: lookalike ? 1 : parseCjkNumber(numeral),
      title,
      titleRange: { start: titleStart, end: titleStart + title.length },
      section: mapped.section,
      match: mapped.match,
      canonical: SECTION_TITLES[mapped.section],
      similarity: mapped.similarity,
    };
  }
  // a heading without numeral: the line is exactly a canonical title (short lines only)
  if (t.length > 40 || !CANON_HINT_RE.test(t)) return undefined;
  const norm = normLabel(t);
  for (const n of SECTION_NOS) {
    if (CANON_NORM.get(n) === norm) {
      let a = 0;
      while (a < t.length && isSpaceCode(t.charCodeAt(a))) a++;
      let b = t.length;
      while (b > a && isSpaceCode(t.charCodeAt(b - 1))) b--;
      const range = { start: line.start + a, end: line.start + b };
      return {
        line: line.index,
        range,
        numeral: '',
        numeralRange: { start: range.start, end: range.start },
        numeralKind: 'none',
        title: t.slice(a, b),
        titleRange: range,
        section: n,
        match: 'exact',
        canonical: SECTION_TITLES[n],
        similarity: 1,
      };
    }
  }
  return undefined;
}

export function sectionNumeral(n: SectionNo): string {
  return SECTION_NUMERALS[n];
}

// ---------------------------------------------------------------- title and year

const YEAR_RE = /((?:19|20)\d{2})\s*年/;

/** Title = the first 1–3 non-empty lines, up to the one that names the report (§4.4 step 2). */
const CJK_DIGITS = '〇一二三四五六七八九';

/** Folds full-width digits and a year in Chinese numerals (二〇二三年) to ASCII, one for one (offsets stay valid). */
function foldYearDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[一二][〇零○Ｏ0][〇零○Ｏ0一二三四五六七八九]{2}(?=\s*年)/g, (y) =>
      [...y]
        .map((c) => {
          const d = CJK_DIGITS.indexOf(c);
          return d >= 0 ? String(d) : /[零○Ｏ0]/.test(c) ? '0' : c;
        })
        .join(''),
    );
}

export function parseTitle(lines: readonly Line[], from: number, to: number, firstHeadingLine: number): Title | undefined {
  const picked: Line[] = [];
  const plain: string[] = []; // the picked lines with their markup blanked (same offsets)
  for (let i = from; i < to && i < firstHeadingLine && picked.length < 3; i++) {
    const l = lines[i];
    const p = blankMarkup(l.text);
    const s = p.trim();
    if (!s) continue;
    if (s.length > 60 || /[。；]/.test(s)) break;
    picked.push(l);
    plain.push(p);
    if (/报告/.test(s)) break;
  }
  if (!picked.length) return undefined;
  if (!picked.some((l) => /报告/.test(l.text))) {
    // No line names the report: only the first line is the title, and only if it looks like one.
    if (!/(政府信息公开|年度|年报)/.test(picked[0].text)) return undefined;
    picked.length = 1;
    plain.length = 1;
  }
  const text = plain.map((p) => p.trim()).join('');
  let year: number | undefined;
  let yearRange: OffsetRange | undefined;
  let agency: string | undefined;
  for (let k = 0; k < picked.length; k++) {
    const l = picked[k];
    const folded = foldYearDigits(plain[k]);
    const m = YEAR_RE.exec(folded);
    if (m) {
      year = Number(m[1]);
      yearRange = { start: l.start + m.index, end: l.start + m.index + 4 };
      const before = plain.slice(0, k).join('') + folded.slice(0, m.index);
      agency = nfkc(before).replace(/\s+/g, '') || undefined;
      break;
    }
  }
  const first = picked[0];
  const last = picked[picked.length - 1];
  return {
    text,
    lines: picked.map((l) => l.index),
    range: { start: first.start, end: last.end },
    year,
    yearRange,
    agency,
  };
}

// ---------------------------------------------------------------- format (§1.5)

/** The wider filter for the lines after a single （六） row, so that the line ending its wait (（七）总计, `1.`) is found. */
const SIX_FOLLOW_HINT_RE = /[本现上对第采处申政（(]/;
/**
 * Ideographs rare in table lines, one of which every format marker holds, as do 处理决定数量, （六）其他处理 and
 * （七）总计: lines without any (see mayHoldRe) cannot hold a marker.
 */
const MARKER_CHARS = ['制', '废', '效', '决', '费', '补', '逾', '缴', '新', '外', '项', '增', '减', '采', '六', '七'];
for (const m of [...FORMAT_MARKERS.map((f) => f.norm), '处理决定数量', '(六)其他处理', '(七)总计']) {
  if (!MARKER_CHARS.some((c) => m.includes(c))) throw new Error(`format marker without a hint character: ${m}`);
}
const MARKER_HINT_RE = mayHoldRe(MARKER_CHARS);
const LEGACY_RE = new RegExp(`^[一二三四五六七八九十][、.．]\\s*(?:${PRE2019_HEADINGS.join('|')})\\s*$`);

export function detectFormat(lines: readonly Line[], from: number, to: number, year: number | undefined): FormatInfo {
  // headings of the reports before the unified format (概述, 政府信息公开的收费及减免情况 …)
  let legacy = 0;
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (t.length < 40 && LEGACY_HINT_RE.test(t) && LEGACY_RE.test(nfkc(blankMarkup(t)).trim())) legacy++;
  }
  const markers: FormatMarker[] = [];
  let sixSingle: { line: Line } | undefined;
  let sawTotalAfterSix = false;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    const raw = l.text;
    if (!raw || raw.length > 200) continue;
    // only table-like lines: a tab, or short and without a full stop
    if (!raw.includes('\t') && (raw.length > 60 || raw.includes('。'))) continue;
    // while a single （六） row waits for （七）总计 or a numbered sub-row, lines are read more widely
    if (sixSingle ? !SIX_FOLLOW_HINT_RE.test(raw) : !MARKER_HINT_RE.test(raw)) continue;
    const norm = normLabel(raw);
    for (const m of FORMAT_MARKERS) {
      const at = norm.indexOf(m.norm);
      if (at < 0) continue;
      markers.push({ format: m.format, marker: m.text, line: i, range: markerRange(l, m.text), structural: m.structural });
    }
    if (norm.includes('处理决定数量') && !norm.includes('本年处理决定数量')) {
      markers.push({ format: 'F2019', marker: '处理决定数量', line: i, range: markerRange(l, '处理决定数量'), structural: true });
    }
    if (/\(六\)其他处理$/.test(norm) || /\(六\)其他处理[\d\s]*$/.test(norm)) sixSingle = { line: l };
    else if (sixSingle && /\(七\)总计/.test(norm)) sawTotalAfterSix = true;
    else if (sixSingle && /^\d\.申请人|^1\./.test(norm)) sixSingle = undefined;
  }
  if (sixSingle && sawTotalAfterSix) {
    markers.push({
      format: 'F2019',
      marker: '（六）其他处理',
      line: sixSingle.line.index,
      range: markerRange(sixSingle.line, '其他处理'),
      structural: true,
    });
  }
  markers.sort((a, b) => a.line - b.line);
  const v21 = markers.filter((m) => m.format === 'F2021').length;
  const v19 = markers.filter((m) => m.format === 'F2019').length;
  let detected: Format | undefined;
  if (v21 && !v19) detected = 'F2021';
  else if (v19 && !v21) detected = 'F2019';
  else if (v21 && v19) detected = v21 > v19 ? 'F2021' : v19 > v21 ? 'F2019' : markers[0].format;
  const decisive = detected ? markers.find((m) => m.format === detected) : undefined;
  let effective: Format;
  if (detected) effective = detected;
  else if (year !== undefined && year <= 2020 && year >= 2019) effective = 'F2019';
  else effective = 'F2021';
  const isLegacy = legacy >= 2;
  const tablesChecked = !(year !== undefined && year <= 2018) && !isLegacy;
  return { detected, effective, tablesChecked, markers, decisive, legacy: isLegacy };
}

function markerRange(l: Line, marker: string): OffsetRange {
  // find the marker's first character in the raw line, tolerant of spaces inside it
  const idx = l.text.indexOf(marker[0]);
  if (idx < 0) return { start: l.start, end: l.end };
  const direct = l.text.indexOf(marker);
  if (direct >= 0) return { start: l.start + direct, end: l.start + direct + marker.length };
  return { start: l.start + idx, end: Math.min(l.end, l.start + idx + marker.length) };
}

// ---------------------------------------------------------------- sub-section markers

const SUB_RE = /^(\s*)([（(])\s*([一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})\s*([）)])/;

export interface RawMarker {
  line: number;
  marker: string;
  markerRange: OffsetRange;
  numeralType: 'cjk' | 'arabic';
  width: 'full' | 'half';
  value: number;
  titleText: string;
  range: OffsetRange;
}

// the spaces after a bookmark belong to the bookmark branch: two adjacent runs that both match spaces would make a
// long run of tabs or spaces quadratic
const MARKER_START_RE = /^[\s#>*+\-_]*(?:\[bookmark:[^\]]*\]\s*)?[（(]/;

export function parseSubsectionMarker(line: Line): RawMarker | undefined {
  if (!MARKER_START_RE.test(line.text)) return undefined; // quick reject: a marker opens with a bracket
  const t = blankMarkup(line.text);
  const m = SUB_RE.exec(t);
  if (!m) return undefined;
  const [whole, lead, open, num, close] = m;
  const digits = nfkc(num);
  const arabic = /^\d+$/.test(digits);
  const value = arabic ? Number(digits) : parseCjkNumber(num);
  if (value === undefined || value <= 0) return undefined;
  const start = line.start + lead.length;
  const end = line.start + whole.length;
  const rest = t.slice(whole.length).trim();
  return {
    line: line.index,
    marker: t.slice(lead.length, whole.length),
    markerRange: { start, end },
    numeralType: arabic ? 'arabic' : 'cjk',
    width: open === '（' && close === '）' ? 'full' : 'half',
    value,
    titleText: rest,
    range: { start, end: line.end },
  };
}

// ---------------------------------------------------------------- signature

const DATE_RE = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/g;

export function parseSignature(lines: readonly Line[], from: number, to: number): Signature | undefined {
  let seen = 0;
  for (let i = to - 1; i >= from && seen < 5; i--) {
    const l = lines[i];
    if (l.text.trim() === '') continue;
    seen++;
    const folded = nfkc(l.text).replace(/\s/g, (c) => c);
    // allow spaces inside the date: compact a copy and map back roughly to the line
    const compactText = folded.replace(/\s+/g, '');
    let m: RegExpExecArray | null;
    let last: RegExpExecArray | null = null;
    DATE_RE.lastIndex = 0;
    while ((m = DATE_RE.exec(compactText))) last = m;
    if (last) {
      const y = Number(last[1]);
      const mo = Number(last[2]);
      const d = Number(last[3]);
      const lead = l.text.length - l.text.trimStart().length;
      return { date: { y, m: mo, d }, range: { start: l.start + lead, end: l.end }, line: i };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- encoding

/** Character pairs typical of UTF-8 Chinese decoded as GBK (computed from real reports). */
const MOJIBAKE_PAIRS = (
  '叕寮俊鎭鏀垮垮簻斂搴簻淇屾斂伅鍏滀俊搴滀琛屾锛屽鐢宠锛堜缁撴撴灉鎯呭鍏朵瑕佹朵粬锛屼鍐呭锛屾澶勭骞村呭喌銆佸銆佹村害儏鍐紑宸崼' +
  '鐢灞炰炰簬勭悊佹眰鏁伴伴噺簩鍗鍗佹佹潯潯绗伅鍐敵璇仴搴満鍏伐浣骞达达紝杩涗锛堝浜嬮崼鍋竴姝叾浠锛変富鍔讹紝锛夋鎬昏'
).match(/../g)!;

/** U+FFFD, 锟 and the first characters of the mojibake pairs, as a table: one lookup per character of the text. */
const DAMAGE_HINT_CODES = (() => {
  const t = new Uint8Array(65536);
  for (const c of `\ufffd锟${MOJIBAKE_PAIRS.map((p) => p[0]).join('')}`) t[c.charCodeAt(0)] = 1;
  return t;
})();

function mayBeDamaged(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (DAMAGE_HINT_CODES[text.charCodeAt(i)] === 1) return true;
  return false;
}

export function detectEncodingDamage(text: string): { range: OffsetRange; reason: string } | undefined {
  if (!mayBeDamaged(text)) return undefined; // one pass over the text in the common case
  const fffd = text.indexOf('\ufffd');
  if (fffd >= 0) return { range: { start: fffd, end: fffd + 1 }, reason: 'U+FFFD' };
  const kun = text.indexOf('锟斤拷');
  if (kun >= 0) return { range: { start: kun, end: kun + 3 }, reason: '锟斤拷' };
  let hits = 0;
  let firstAt = -1;
  for (const p of MOJIBAKE_PAIRS) {
    let at = text.indexOf(p);
    while (at >= 0) {
      hits++;
      if (firstAt < 0 || at < firstAt) firstAt = at;
      if (hits >= 3) break;
      at = text.indexOf(p, at + 2);
    }
    if (hits >= 3) break;
  }
  if (hits >= 3) return { range: { start: firstAt, end: firstAt + 2 }, reason: 'mojibake' };
  return undefined;
}

// ---------------------------------------------------------------- headings in other wordings

/**
 * Words that name each part (issue 13 item 5): a line that carries the part's numeral and one of these is that
 * part's heading when the part has no heading otherwise (`五、工作中的不足及下步打算`, `四、行政复议和诉讼情况`).
 */
const PART_WORDS: Record<SectionNo, readonly string[]> = {
  1: ['总体情况', '总体'],
  2: ['主动公开'],
  3: ['收到和处理', '依申请公开', '公开申请'],
  4: ['行政复议', '行政诉讼', '复议', '诉讼'],
  5: ['问题', '不足', '改进', '整改', '打算', '下一步'],
  6: ['其他需要报告', '其它需要报告', '需要报告', '其他事项', '其它事项'],
};
const NUMERAL_OF: Record<string, SectionNo> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
/** `N、` not inside parentheses (`（一）` is a sub-heading), with a title of at most 30 characters after it. */
const CANDIDATE_RE = /(?<![（(])([一二三四五六])\s*[、.．]\s*([^。；！？\n]{2,30})/g;

/**
 * Whether a numbered title is the heading of part `n` by its words: with the numeral of `n`, one of the part's
 * words or a close likeness of its canonical title (a typo); with another numeral (misnumbered, as the Shanghai
 * reports number their parts), one of the part's words, and only when the numeral's own part has its heading.
 */
function namesPart(n: SectionNo, numeral: string, titleNorm: string, present: ReadonlySet<SectionNo>): boolean {
  const k = NUMERAL_OF[numeral];
  if (!k || !titleNorm || looksLikeT3Label(titleNorm) || PRE2019_HEADINGS.map(normLabel).includes(titleNorm)) return false;
  const head = titleNorm.slice(0, 16);
  const words = PART_WORDS[n].some((w) => head.includes(w));
  if (k === n) return words || dice(titleNorm, CANON_NORM.get(n)!) >= 0.6;
  return words && present.has(k) && !PART_WORDS[k].some((w) => head.includes(w));
}

/** One-line text: where a title glued to what follows it ends (a year, a parenthesis, a table header). */
const INLINE_TITLE_END_RE = /[0-9（(]|信息内容|第二十条|行政复议行政诉讼|申请人情况/;

/**
 * Headings for the parts that have none (issue 13 item 5): in the lines between the headings of the parts
 * before and after it, the first line (or, in one-line text, the first span) that carries the part's numeral in
 * its place and enough of its title. Reported as a variant of the canonical heading; `section-missing` stays for a
 * part with no candidate at all.
 */
export function findHeadingsByWords(
  lines: readonly Line[],
  from: number,
  to: number,
  headings: readonly Heading[],
  skip: (line: number) => boolean,
  inline: boolean,
): Heading[] {
  const present = new Set(headings.map((h) => h.section));
  const out: Heading[] = [];
  for (const n of [1, 2, 3, 4, 5, 6] as SectionNo[]) {
    if (present.has(n)) continue;
    // the lines after the heading of an earlier part and before the heading of a later one
    let a = from;
    let b = to;
    let after = -1; // one-line text: a span of the line of the heading before may hold the candidate
    for (const h of [...headings, ...out]) {
      if (h.section < n && h.line + (inline ? 0 : 1) >= a) {
        a = h.line + (inline ? 0 : 1);
        after = h.range.end;
      }
      if (h.section > n && h.line < b) b = h.line + (inline ? 1 : 0);
    }
    // a candidate with the part's own numeral: the first; one misnumbered (the numeral of a present part, as
    // reports that number their parts one lower): the last before the next part, since sub-headings of the part
    // before can carry such numerals and words (`一、主动公开工作情况` inside 一)
    let misnumbered: Heading | undefined;
    let found: Heading | undefined;
    for (let i = a; i < b; i++) {
      if (skip(i)) continue;
      const line = lines[i];
      const text = inline ? line.text : stripTrailingPadding(line.text);
      if (!inline && (text.length > 40 || !HEADING_RE.test(blankMarkup(text)))) continue;
      CANDIDATE_RE.lastIndex = 0;
      const plain = inline ? text : blankMarkup(text);
      for (let m = CANDIDATE_RE.exec(plain); m && !found; m = CANDIDATE_RE.exec(plain)) {
        if (!inline && plain.slice(0, m.index).trim() !== '') break; // a heading line starts with its numeral
        CANDIDATE_RE.lastIndex = m.index + 1; // a rejected candidate must not hide one inside its 30 characters
        let title = m[2];
        if (inline) {
          // one-line text: the title ends where the span ends, or where a year, a parenthesis or a table header
          // glued to it begins; otherwise its extent is unknown
          const rest = plain.slice(m.index + m[0].length).trim();
          const cut = INLINE_TITLE_END_RE.exec(title.slice(2));
          if (cut) title = title.slice(0, cut.index + 2);
          else if (rest !== '') continue;
        }
        let titleEnd = title.length;
        while (titleEnd > 0 && TITLE_END_CHAR_RE.test(title[titleEnd - 1])) titleEnd--;
        const titleRaw = title.slice(0, titleEnd);
        if (!namesPart(n, m[1], normLabel(titleRaw), present)) continue;
        const numStart = line.start + m.index;
        if (numStart < after) continue;
        const titleStart = line.start + m.index + m[0].length - m[2].length; // the title begins where m[2] does
        found = {
          line: i,
          range: { start: numStart, end: titleStart + titleRaw.length },
          numeral: m[1],
          numeralRange: { start: numStart, end: numStart + 1 },
          numeralKind: 'cjk',
          numeralValue: NUMERAL_OF[m[1]],
          title: titleRaw,
          titleRange: { start: titleStart, end: titleStart + titleRaw.length },
          section: n,
          match: 'variant',
          canonical: SECTION_TITLES[n],
          similarity: dice(normLabel(titleRaw), CANON_NORM.get(n)!),
        };
      }
      if (found && NUMERAL_OF[found.numeral] !== n) {
        misnumbered = found;
        found = undefined;
      }
      if (found) break;
    }
    const pick = found ?? misnumbered;
    if (pick) out.push(pick);
  }
  return out.sort((x, y) => x.line - y.line);
}
