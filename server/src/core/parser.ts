/**
 * Text → Report model (domain.md §4.4). Pure and total: any input gives a model, never an exception.
 */

import { SECTION_OF_TABLE, type Format, type Heading, type Report, type Section, type SectionNo, type Sentence, type Subsection, type Table, type TableKind } from './model';
import { detectLayout, isValueText, pipeCellContent, splitCells } from './layout';
import { SECTION_TITLES, SECTION_VARIANTS } from './schema';
import { detectEncodingDamage, detectFormat, findHeadingsByWords, parseHeading, parseSignature, parseSubsectionMarker, parseTitle } from './structure';
import { readGluedTables } from './glued';
import { isT4HeaderText, parseLabelTable, parseT4, type Segment } from './tables';
import { isSpaceCode, LineIndex, MappedText, nfkc, normLabel, splitLines, type Line } from './text';

const TABLE_LABEL_MARKERS = new Set(
  ['（一）予以公开', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理', '（七）总计'].map(normLabel),
);
const ANCHOR_HINT_RE = /第\s*二\s*十\s*条|信\s*息\s*内\s*容|勾\s*稽|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收|复\s*议|诉\s*讼/;
/** Counts runs of digits in a line, stopping at `limit` (no allocation). */
function digitRuns(text: string, limit: number): number {
  let runs = 0;
  let inRun = false;
  for (let i = 0; i < text.length && runs < limit; i++) {
    const c = text.charCodeAt(i);
    const digit = (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
    if (digit && !inRun) runs++;
    inRun = digit;
  }
  return runs;
}
const T2_ANCHOR_RE = /^第二十条第\([一二三四五六七八九十]{1,3}\)项/;

interface Anchor {
  kind: TableKind;
  line: number;
}

function firstCell(text: string): string {
  return splitCells(text).find((c) => c !== '') ?? '';
}

function valueCellsOfLine(text: string): { values: number; texts: number } {
  const t = text.trim();
  if (!t) return { values: 0, texts: 0 };
  let parts = splitCells(text);
  if (parts.length === 1) parts = t.split(/\s+/);
  let values = 0;
  let texts = 0;
  for (const p of parts) {
    if (isValueText(p)) values++;
    else texts++;
  }
  return { values, texts };
}

/** The code of the last character that is not white space (-1: none). */
function lastNonSpace(text: string): number {
  let e = text.length;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e > 0 ? text.charCodeAt(e - 1) : -1;
}

/** Finds lines that start tables (§4.4 step 4). */
function findAnchors(lines: readonly Line[], from: number, to: number, headingLines: ReadonlySet<number>): Anchor[] {
  const anchors: Anchor[] = [];
  let i = from;
  while (i < to) {
    const l = lines[i];
    const text = l.text;
    if (headingLines.has(i) || text.trim() === '') {
      i++;
      continue;
    }
    // L1 block of 15 value cells (one per line) = table 4 value row
    if (text.startsWith('\t')) {
      let j = i;
      let values = 0;
      let texts = 0;
      while (j < to && lines[j].text.startsWith('\t') && !lines[j].text.slice(1).includes('\t')) {
        if (isValueText(lines[j].text)) values++;
        else texts++;
        j++;
      }
      const blockEnds = j >= to || lines[j].text.trim() === '';
      const blockStarts = i === from || lines[i - 1].text.trim() === '';
      if (texts === 0 && values === 15 && blockEnds && blockStarts) {
        anchors.push({ kind: 'T4', line: i });
        i = j;
        continue;
      }
    }
    // the same with a pipe after each cell (`1 |`): a run of exactly 15 value cells between non-value lines
    if (lastNonSpace(text) === 124 /* | */) {
      const run = (k: number): boolean => {
        const c = k >= from && k < to ? pipeCellContent(lines[k].text) : undefined;
        return c !== undefined && c !== '' && isValueText(c);
      };
      if (run(i) && !run(i - 1)) {
        let j = i;
        while (run(j)) j++;
        if (j - i === 15) {
          anchors.push({ kind: 'T4', line: i });
          i = j;
          continue;
        }
      }
    }
    // cheap pre-check: every anchor holds one of these words, or at least 15 numbers
    if (!ANCHOR_HINT_RE.test(text) && digitRuns(text, 15) < 15) {
      i++;
      continue;
    }
    const cell = normLabel(firstCell(text));
    if (cell.length <= 80 && !cell.includes('。')) {
      if (T2_ANCHOR_RE.test(cell) || cell === '信息内容') anchors.push({ kind: 'T2', line: i });
      else if (
        (cell.includes('勾稽关系') && cell.length < 60) ||
        cell === '申请人情况' ||
        cell.startsWith('一、本年新收政府信息公开申请') ||
        cell.startsWith('本年新收政府信息公开申请数量')
      ) {
        anchors.push({ kind: 'T3', line: i });
      } else if (isT4HeaderText(normLabel(splitCells(text).join('')))) anchors.push({ kind: 'T4', line: i });
      else {
        const { values, texts } = valueCellsOfLine(text);
        if (values >= 15 && texts === 0) anchors.push({ kind: 'T4', line: i });
      }
    }
    i++;
  }
  return anchors;
}

/** Table segments: each kind from its first anchor to the next heading or the next other table. */
function segments(lines: readonly Line[], anchors: Anchor[], headingLines: number[], to: number): Segment[] {
  const starts = new Map<TableKind, number>();
  for (const a of anchors) if (!starts.has(a.kind)) starts.set(a.kind, a.line);
  // a T3 anchor after table 4 has begun belongs to table 3 only if it precedes T4; keep the first of each kind
  const ordered = [...starts.entries()].sort((a, b) => a[1] - b[1]);
  const segs: Segment[] = [];
  for (let k = 0; k < ordered.length; k++) {
    const [kind, from] = ordered[k];
    let end = to;
    for (const h of headingLines) if (h > from) { end = Math.min(end, h); break; }
    if (k + 1 < ordered.length) end = Math.min(end, ordered[k + 1][1]);
    segs.push({ kind, from, to: end, layout: detectLayout(lines, from, end) });
  }
  return segs;
}

/** 。；！？!?; — by code, not by a regex on one-character strings (this runs for every narrative character). */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x3b;
}

function buildSentences(
  text: string,
  lines: readonly Line[],
  from: number,
  to: number,
  skip: ReadonlySet<number>,
  headingLines: ReadonlySet<number>,
  sectionOfLine: (line: number) => SectionNo | undefined,
  subsectionOfLine: (line: number) => string | undefined,
): Sentence[] {
  const out: Sentence[] = [];
  let para: { start: number; end: number }[] = [];
  let paraFirst = -1;
  // the offset maps of the sentences are cut from shared buffers of up to 64 K offsets (a typed array each is costly
  // to allocate): one buffer holds a report of ordinary size
  const span = from < to ? lines[to - 1].end - lines[from].start : 0;
  let maps = new Int32Array(0);
  let used = 0;
  const flush = (): void => {
    if (!para.length) return;
    let need = 0;
    for (const p of para) need += p.end - p.start;
    if (maps.length - used < need) {
      maps = new Int32Array(Math.max(Math.min(1 << 16, span), need));
      used = 0;
    }
    const mt = MappedText.compactOf(text, para, maps.subarray(used));
    used += mt.map.length;
    const section = sectionOfLine(paraFirst);
    const sub = subsectionOfLine(paraFirst);
    let s = 0;
    const t = mt.text;
    for (let k = 0; k <= t.length; k++) {
      if (k === t.length || isSentenceEnd(t.charCodeAt(k))) {
        const end = k < t.length ? k + 1 : k;
        if (end > s) {
          out.push({ text: t.slice(s, end), map: mt.map.subarray(s, end), section, subsectionTitle: sub, firstLine: paraFirst });
        }
        s = end;
      }
    }
    para = [];
    paraFirst = -1;
  };
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (skip.has(i)) {
      flush();
      continue;
    }
    const trimmed = l.text.trim();
    if (!trimmed) continue; // empty lines do not end a paragraph (PDF reflow)
    const isHeading = headingLines.has(i);
    const marker = parseSubsectionMarker(l);
    if (isHeading || marker) flush();
    if (paraFirst < 0) paraFirst = i;
    para.push({ start: l.start, end: l.end });
    const endsSentence = /[。；！？：:!?;]$/.test(trimmed);
    const shortTitle = (isHeading || (marker && trimmed.length <= 25)) && !/[，,]$/.test(trimmed);
    if (endsSentence || shortTitle) flush();
  }
  flush();
  return out;
}

/** Parses one report occupying lines [from, to) of the document. */
export function parseReportLines(
  text: string,
  lines: readonly Line[],
  index: LineIndex,
  from: number,
  to: number,
  headingAt?: (line: number) => Heading | undefined,
  glued = false,
): Report {
  const encodingSuspect = detectEncodingDamage(from === 0 && to === lines.length ? text : text.slice(lines[from].start, lines[to - 1].end));
  // headings
  const headings: Heading[] = [];
  for (let i = from; i < to; i++) {
    const h = headingAt ? headingAt(i) : parseHeading(lines[i]);
    if (h) headings.push(h);
  }
  // one-line text: a part's heading in another wording is found before the tables, whose regions it ends
  if (glued) addHeadingsByWords(headings, findHeadingsByWords(lines, from, to, headings, () => false, true));
  const firstHeadingLine = headings.length ? headings[0].line : to;
  const title = parseTitle(lines, from, to, firstHeadingLine);
  const format = detectFormat(lines, from, to, title?.year);
  const headingSet = new Set(headings.map((h) => h.line));

  // tables
  // glued text: its tables are read by core/glued.ts below
  const anchors = glued ? [] : findAnchors(lines, from, to, headingSet);
  const segs = segments(lines, anchors, headings.map((h) => h.line), to);
  const tables: Table[] = [];
  const tableLines = new Set<number>();
  const sectionAt = (line: number): SectionNo | undefined => {
    let s: SectionNo | undefined;
    for (const h of headings) if (h.line <= line) s = h.section;
    return s;
  };
  for (const seg of segs) {
    const fmt: Format = format.effective;
    const t = seg.kind === 'T4' ? parseT4(text, lines, seg, fmt) : parseLabelTable(text, lines, seg, fmt);
    if (!t) continue;
    const inSection = sectionAt(t.firstLine);
    const table: Table = { ...t, inSection, orphan: inSection !== SECTION_OF_TABLE[t.kind] };
    tables.push(table);
    for (let i = table.firstLine; i <= table.lastLine; i++) tableLines.add(i);
  }
  if (glued) {
    // one-line text: rows found by their labels, glued digits split only where the split is certain
    for (const t of readGluedTables(text, lines, from, to, headings, format.effective)) {
      const inSection = sectionAt(t.firstLine);
      tables.push({ ...t, inSection, orphan: inSection !== SECTION_OF_TABLE[t.kind] });
      for (let i = t.firstLine; i <= t.lastLine; i++) tableLines.add(i);
    }
  }

  // sections: a heading inside a table region is not a heading (hazard §4.3); headings were already filtered
  const sections: Section[] = [];
  const seen = new Set<SectionNo>();
  const realHeadings = headings.filter((h) => !tableLines.has(h.line));
  // a part without heading: a line with its numeral and enough of its title in other words is its heading
  if (!glued) addHeadingsByWords(realHeadings, findHeadingsByWords(lines, from, to, realHeadings, (i) => tableLines.has(i) || headingSet.has(i), false));
  realHeadings.forEach((h, k) => {
    const next = realHeadings[k + 1];
    const lastLine = next ? next.line - 1 : to - 1;
    sections.push({
      no: h.section,
      heading: h,
      range: { start: lines[h.line].start, end: lines[lastLine].end },
      firstLine: h.line,
      lastLine,
      duplicate: seen.has(h.section),
    });
    seen.add(h.section);
  });
  // per-line lookups, one sweep each (linear in the report's size)
  const secByLine = new Int8Array(to - from);
  {
    let k = 0;
    let cur = 0;
    for (let i = from; i < to; i++) {
      while (k < sections.length && sections[k].firstLine <= i) cur = sections[k++].no;
      secByLine[i - from] = cur;
    }
  }
  const sectionOfLine = (line: number): SectionNo | undefined => (secByLine[line - from] || undefined) as SectionNo | undefined;

  // sub-section markers outside tables
  const subsections: Subsection[] = [];
  // glued text: its virtual lines are cut artificially, and table labels run through it: no sub-headings
  for (let i = from; i < to && !glued; i++) {
    if (tableLines.has(i) || headingSet.has(i)) continue;
    const m = parseSubsectionMarker(lines[i]);
    // a table-3 group label left outside the table by a PDF extraction is no sub-heading
    if (m && !TABLE_LABEL_MARKERS.has(normLabel(lines[i].text))) subsections.push({ ...m, section: sectionOfLine(i) });
  }
  const subTitleByLine = new Array<string | undefined>(to - from);
  {
    let k = 0;
    let cur: string | undefined;
    let curSection: SectionNo | undefined;
    for (let i = from; i < to; i++) {
      const sec = sectionOfLine(i);
      if (sec !== curSection) {
        cur = undefined;
        curSection = sec;
      }
      while (k < subsections.length && subsections[k].line <= i) {
        if (subsections[k].section === sec) cur = subsections[k].titleText;
        k++;
      }
      subTitleByLine[i - from] = cur;
    }
  }
  const subsectionOfLine = (line: number): string | undefined => subTitleByLine[line - from];

  const sentences = buildSentences(text, lines, from, to, tableLines, headingSet, sectionOfLine, subsectionOfLine);
  const signature = parseSignature(lines, from, to);
  // a title alone makes no report unless it names one (a note titled 关于政府信息公开条例的学习笔记 is none)
  const notAReport = headings.length === 0 && tables.length === 0 && !(title && /报告/.test(title.text));

  return {
    text,
    lines,
    index,
    firstLine: from,
    lastLine: to - 1,
    title,
    format,
    headings: realHeadings,
    sections,
    tables,
    tableLines,
    subsections,
    sentences,
    signature,
    encodingSuspect,
    notAReport,
    glued,
  };
}

/** Merges headings found by their words into a list sorted by line. */
function addHeadingsByWords(list: Heading[], extra: readonly Heading[]): void {
  if (!extra.length) return;
  list.push(...extra);
  list.sort((a, b) => a.line - b.line || a.range.start - b.range.start);
}

/** Parses a whole text as one report (no splitting). */
export function parseReport(text: string): Report {
  const lines = splitLines(text);
  const index = new LineIndex(lines, text.length);
  return parseReportLines(text, lines, index, 0, lines.length);
}

const DATE_LINE_RE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const AGENCY_LINE_RE = /(?:[局委办厅院所站镇乡处署会]|委员会|办公室|政府|中心|街道)$/;

function isTitleStart(text: string): boolean {
  const t = nfkc(text).trim();
  return (
    t.length > 0 &&
    t.length <= 60 &&
    !/[。；]/.test(t) &&
    /(?:19|20)\d{2}\s*年/.test(t) &&
    /政府信息|信息公开|报告/.test(t) &&
    !DATE_LINE_RE.test(t)
  );
}

/**
 * Splits a document that holds several reports (reviewers concatenate them): a new report starts at a title
 * shortly before a heading 一 that follows the sections of the previous report.
 */
export function splitReports(lines: readonly Line[], headingAt: (line: number) => Heading | undefined = (i) => parseHeading(lines[i])): [number, number][] {
  const starts = [0];
  let maxSeen = 0;
  let lastHeading = -1;
  for (let i = 0; i < lines.length; i++) {
    const h = headingAt(i);
    if (!h) continue;
    if (h.section === 1 && maxSeen >= 3) {
      let b = -1;
      let seen = 0;
      for (let k = i - 1; k > lastHeading && seen < 20; k--) {
        if (lines[k].text.trim() === '') continue;
        seen++;
        if (isTitleStart(lines[k].text)) b = k;
      }
      if (b >= 0) {
        // a wrapped title whose first line is the agency name alone
        let j = b - 1;
        while (j > lastHeading && lines[j].text.trim() === '') j--;
        const a = j > lastHeading ? nfkc(lines[j].text).trim() : '';
        if (a && a.length <= 25 && !/\d/.test(a) && AGENCY_LINE_RE.test(a)) {
          let p = j - 1;
          while (p > lastHeading && lines[p].text.trim() === '') p--;
          const before = p > lastHeading ? nfkc(lines[p].text).trim() : '';
          if (p < j - 1 || p <= lastHeading || DATE_LINE_RE.test(before)) b = j;
        }
        starts.push(b);
        maxSeen = 0;
      }
    }
    maxSeen = Math.max(maxSeen, h.section);
    lastHeading = i;
  }
  return starts.map((s, k) => [s, k + 1 < starts.length ? starts[k + 1] : lines.length]);
}

const INLINE_HEADING_RE = new RegExp(
  `[一二三四五六]、(?:${[1, 2, 3, 4, 5, 6]
    .flatMap((n) => [SECTION_TITLES[n as SectionNo], ...SECTION_VARIANTS[n as SectionNo]])
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[()（）]/g, '\\$&'))
    .join('|')})`,
  'g',
);

/** Only a text with a line longer than this can be glued (see `unglue`). */
export const GLUED_LINE_LENGTH = 1500;

/**
 * Text whose line breaks were lost (a web page's text content glued into one line): split it into virtual
 * lines before and after inline section headings, after each full stop and after the title, so that the
 * headings, the title and the narrative can still be checked. Offsets stay those of the document.
 */
function unglue(text: string, lines: readonly Line[]): Line[] | undefined {
  const long = lines.filter((l) => l.text.length > GLUED_LINE_LENGTH);
  if (!long.length) return undefined;
  let headings = 0;
  for (const l of long) headings += (l.text.match(INLINE_HEADING_RE) ?? []).length;
  if (headings < 3) return undefined;
  const out: Line[] = [];
  for (const l of lines) {
    if (l.text.length <= GLUED_LINE_LENGTH) {
      out.push({ ...l, index: out.length });
      continue;
    }
    const cuts = new Set<number>();
    for (const m of l.text.matchAll(INLINE_HEADING_RE)) {
      cuts.add(m.index);
      cuts.add(m.index + m[0].length);
    }
    for (const m of l.text.matchAll(/[。；]/g)) cuts.add(m.index + 1);
    for (const m of l.text.matchAll(/（[一二三四五六七八九十]{1,2}）/g)) cuts.add(m.index);
    const title = l.index === 0 ? l.text.slice(0, 80).indexOf('报告') : -1;
    if (title >= 0) cuts.add(title + 2);
    const points = [...cuts].filter((c) => c > 0 && c < l.text.length).sort((a, b) => a - b);
    let s = 0;
    for (const c of [...points, l.text.length]) {
      out.push({ index: out.length, start: l.start + s, end: l.start + c, text: l.text.slice(s, c) });
      s = c;
    }
  }
  // headings in other wordings (`五、存在的不足及下一步工作计划`), found in the spans between the others: cut
  // before and after them too, so that they stand on virtual lines of their own like the others
  const known: Heading[] = [];
  for (const l of out) {
    const h = parseHeading(l);
    if (h) known.push(h);
  }
  const more = findHeadingsByWords(out, 0, out.length, known, () => false, true);
  if (!more.length) return out;
  const extra = new Set<number>();
  for (const h of more) {
    extra.add(h.range.start);
    extra.add(h.range.end);
  }
  const split: Line[] = [];
  for (const l of out) {
    let s = l.start;
    for (const c of [...extra].filter((x) => x > l.start && x < l.end).sort((a, b) => a - b)) {
      split.push({ index: split.length, start: s, end: c, text: text.slice(s, c) });
      s = c;
    }
    split.push({ index: split.length, start: s, end: l.end, text: text.slice(s, l.end) });
  }
  return split;
}

/**
 * A document cut into its reports without parsing them: `parse(j)` parses report j (a new model on every call),
 * so that a host can check the reports of a large concatenation one after the other and let each model go.
 */
export interface SplitDocument {
  readonly index: LineIndex;
  /** The number of reports. */
  readonly count: number;
  parse(j: number): Report;
}

/** Cuts a document into its reports (see `SplitDocument`); `parseDocument` parses every one of them. */
export function splitDocument(text: string): SplitDocument {
  const physical = splitLines(text);
  const index = new LineIndex(physical, text.length);
  const virtual = unglue(text, physical);
  if (virtual) return { index, count: 1, parse: () => parseReportLines(text, virtual, index, 0, virtual.length, undefined, true) };
  const lines = physical;
  const headings = new Map<number, Heading>();
  for (let i = 0; i < lines.length; i++) {
    const h = parseHeading(lines[i]);
    if (h) headings.set(i, h);
  }
  const headingAt = (i: number) => headings.get(i);
  const ranges = splitReports(lines, headingAt);
  return { index, count: ranges.length, parse: (j) => parseReportLines(text, lines, index, ranges[j][0], ranges[j][1], headingAt) };
}

/** Parses a document: one report, or several when the text is a concatenation of reports. */
export function parseDocument(text: string): Report[] {
  const doc = splitDocument(text);
  return Array.from({ length: doc.count }, (_, j) => doc.parse(j));
}
