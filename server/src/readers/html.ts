/**
 * Web pages (.html, .htm, .shtml) → report text.
 *
 * 1. Charset: the BOM; else bytes that are valid UTF-8 are UTF-8 (long GBK text is never valid UTF-8, and saved
 *    copies often keep a `charset=gb2312` meta after being re-encoded); else the `<meta charset>` /
 *    `http-equiv` Content-Type of the first 8 KB when it names another charset (Big5 …); else GB18030 (the
 *    superset of GBK and GB2312, which is what such pages declare). A page without any `<meta>` is sniffed
 *    the same way.
 * 2. Parsing: htmlparser2's `Parser` — a small, maintained, pure-JS, forgiving tokenizer (no DOM, no Node APIs;
 *    runs in the browser worker too) that decodes entities and copes with the unclosed `<p>`/`<td>` of
 *    hand-edited government pages. A light element tree is built from its events; `script`, `style`, `nav`,
 *    `footer`, forms and the like are dropped.
 * 3. The report body: the deepest element that still holds every report marker the page holds (section titles,
 *    table-3 labels), so the site's navigation, breadcrumbs, related links and footers stay out. The title line
 *    (`…年…政府信息公开…报告`) is taken from just before the body when the body does not hold it (an `<h1>`).
 * 4. Lines: block elements (`p`, `div`, `h1`…, `li`, `br`) end lines, inline runs are joined; tables become one
 *    line per `<tr>`, cells separated by tabs, `rowspan`/`colspan` laid out as `table-text.ts` describes,
 *    `&nbsp;` cells blank.
 */

import { Parser } from 'htmlparser2';
import { joinParts, tableLines, type SourceCell } from './table-text';
import type { ReaderNotice, ReadResult, SourcePlace } from './types';

interface El {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Node[];
  parent?: El;
}
type Node = El | string;

/** Elements whose content is never report text (`<header>` is kept: an article's own header holds its title). */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'footer', 'iframe', 'object', 'embed', 'svg', 'canvas',
  'form', 'select', 'option', 'button', 'input', 'textarea', 'head', 'title', 'map', 'audio', 'video',
]);
/** Elements that end a line. */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main',
  'aside', 'blockquote', 'pre', 'center', 'address', 'figure', 'figcaption', 'hr', 'caption', 'body', 'html',
  'ucapcontent', 'table', 'tr', 'fieldset', 'details', 'summary',
]);
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'col', 'area', 'base', 'wbr', 'source', 'param', 'embed', 'track']);

/** What a page must mention for its body to be found; each counts once. */
const MARKERS: readonly RegExp[] = [
  /总体情况/, /主动公开政府信息情况/, /收到和处理政府信息公开申请/, /行政复议/, /行政诉讼/, /存在的主要问题/,
  /其他需要报告/, /本年新收/, /上年结转/, /予以公开/, /不予处理/, /第二十条/, /勾稽关系/,
];
const TITLE = /\d{4}\s*年.{0,30}政府信息公开.{0,20}报告/;

export async function readHtml(bytes: Uint8Array): Promise<ReadResult> {
  const notices: ReaderNotice[] = [];
  const decoded = decodeHtml(bytes);
  if (decoded === undefined) {
    return {
      kind: 'html',
      text: '',
      lines: [],
      notices: [
        {
          code: 'unreadable',
          zh: '无法识别网页的字符编码（本环境缺少 GB18030 解码器）。',
          en: 'The web page’s character encoding could not be decoded (this runtime has no GB18030 decoder).',
        },
      ],
    };
  }
  const root = parse(decoded);
  const body = findBody(root);
  const out = new Lines();
  const title = body === root ? undefined : titleBefore(body);
  if (title !== undefined) out.push(title, {});
  render(body, out, { tables: 0 });
  out.flush();
  if (out.text.length === 0 || !out.text.some((l) => l.trim())) {
    notices.push({
      code: 'unreadable',
      zh: '网页中没有可读取的正文文字。',
      en: 'The web page holds no text that could be read.',
    });
    return { kind: 'html', text: '', lines: [], notices };
  }
  return { kind: 'html', text: out.text.join('\n'), lines: out.places, notices };
}

// ---- charset ----------------------------------------------------------------------------------------------

function decodeHtml(bytes: Uint8Array): string | undefined {
  try {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    // valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares (long GBK text is never valid UTF-8;
    // saved copies often keep a `charset=gb2312` meta after the browser re-encoded them)
    if (bytes.some((b) => b >= 0x80)) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        // not UTF-8: the declaration, else GB18030
      }
    } else {
      return new TextDecoder('utf-8').decode(bytes);
    }
    const declared = declaredCharset(bytes);
    if (declared && !/^(utf-?8|unicode-1-1-utf-8|gb2312|gbk|x-gbk|gb18030|gb_2312-80|chinese|csgb2312|iso-ir-58)$/.test(declared)) {
      try {
        return new TextDecoder(declared).decode(bytes); // big5, …
      } catch {
        // an unknown label: GB18030 below
      }
    }
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return undefined;
  }
}

/** The charset a `<meta>` in the first 8 KB declares (lower case), if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = '';
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]);
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const m of metas) {
    const direct = /\bcharset\s*=\s*(?:["']\s*)?([\w.:-]+)/i.exec(m);
    if (direct) return direct[1].toLowerCase();
  }
  return undefined;
}

// ---- tree ---------------------------------------------------------------------------------------------------

function parse(html: string): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  let cur = root;
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropDepth > 0 || DROP.has(name)) {
          if (!VOID.has(name)) dropDepth++;
          return;
        }
        // forgiving nesting: a new <p>/<tr>/<td> closes an open one of the same kind
        if (name === 'tr' || name === 'td' || name === 'th' || name === 'p') {
          const stop = name === 'p' ? ['td', 'th', 'table', 'div', 'li'] : ['table'];
          const same = name === 'tr' ? ['tr'] : name === 'p' ? ['p'] : ['td', 'th'];
          for (let e: El | undefined = cur; e && e !== root && !stop.includes(e.name); e = e.parent) {
            if (same.includes(e.name)) {
              cur = e.parent ?? root;
              break;
            }
          }
        }
        const el: El = { name, attrs, children: [], parent: cur };
        cur.children.push(el);
        if (!VOID.has(name)) cur = el;
      },
      ontext(text) {
        if (dropDepth === 0) cur.children.push(text);
      },
      onclosetag(name, implied) {
        if (dropDepth > 0) {
          if (!VOID.has(name)) dropDepth--;
          return;
        }
        if (VOID.has(name)) return;
        for (let e: El | undefined = cur; e && e !== root; e = e.parent) {
          if (e.name === name) {
            cur = e.parent ?? root;
            return;
          }
          if (!implied && e.name === 'table' && name !== 'table') return; // a stray end tag inside a table
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return root;
}

function textOf(n: Node): string {
  if (typeof n === 'string') return n;
  let s = '';
  for (const c of n.children) s += textOf(c);
  return s;
}

function markerCount(text: string): number {
  const t = text.replace(/\s+/g, '');
  return MARKERS.reduce((k, re) => k + (re.test(t) ? 1 : 0), 0);
}

/** The deepest element holding every marker the page holds (the page itself when it holds fewer than 3). */
function findBody(root: El): El {
  const total = markerCount(textOf(root));
  if (total < 3) return root;
  let best = root;
  for (;;) {
    let next: El | undefined;
    for (const c of best.children) {
      if (typeof c !== 'string' && markerCount(textOf(c)) === total) {
        next = c;
        break;
      }
    }
    if (!next) return best;
    best = next;
  }
}

/** The last title-like text block before `body` in document order (an `<h1>` above the article). */
function titleBefore(body: El): string | undefined {
  if (TITLE.test(textOf(body).slice(0, 400).replace(/\s+/g, ''))) return undefined;
  let found: string | undefined;
  const walk = (n: Node): boolean => {
    if (n === body) return true;
    if (typeof n === 'string') return false;
    if (n.name === 'table' || BLOCK.has(n.name) || /^h\d$/.test(n.name)) {
      // a leaf block: take its text if it is a title
      if (!n.children.some((c) => typeof c !== 'string' && (BLOCK.has(c.name) || c.name === 'table' || contains(c, body)))) {
        const t = collapse(textOf(n));
        if (t.length <= 80 && TITLE.test(t)) found = t;
        return false;
      }
    }
    for (const c of n.children) if (walk(c)) return true;
    return false;
  };
  let top: El = body;
  while (top.parent) top = top.parent;
  walk(top);
  return found;
}

function contains(a: El, b: El): boolean {
  for (let e: El | undefined = b; e; e = e.parent) if (e === a) return true;
  return false;
}

function collapse(s: string): string {
  return s.replace(/[ \t\r\n\f]+/g, ' ').trim();
}

// ---- rendering ----------------------------------------------------------------------------------------------

class Lines {
  readonly text: string[] = [];
  readonly places: SourcePlace[] = [];
  private cur = '';

  inline(s: string): void {
    this.cur += s;
  }

  flush(): void {
    const line = this.cur.replace(/[ \t\r\n\f]+/g, ' ').replace(/^ | $/g, '');
    this.cur = '';
    if (line.replace(/[\u00a0\u3000]/g, '').trim() === '') return;
    this.push(line, {});
  }

  push(line: string, place: SourcePlace): void {
    this.text.push(line);
    this.places.push(place);
  }
}

function render(n: Node, out: Lines, state: { tables: number }): void {
  if (typeof n === 'string') {
    out.inline(n);
    return;
  }
  if (n.name === 'br') {
    out.flush();
    return;
  }
  if (n.name === 'table') {
    out.flush();
    renderTable(n, out, state);
    return;
  }
  const block = BLOCK.has(n.name);
  if (block) out.flush();
  for (const c of n.children) render(c, out, state);
  if (block) out.flush();
}

function rowsOf(table: El): El[] {
  const rows: El[] = [];
  const walk = (e: El): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'table') walk(c); // thead/tbody/tfoot; nested tables belong to their cell
    }
  };
  walk(table);
  return rows;
}

function cellText(td: El): string {
  const parts: string[] = [];
  let cur = '';
  const walk = (n: Node): void => {
    if (typeof n === 'string') {
      cur += n;
      return;
    }
    if (n.name === 'br' || BLOCK.has(n.name)) {
      parts.push(collapse(cur));
      cur = '';
      if (n.name === 'br') return;
    }
    for (const c of n.children) walk(c);
    if (BLOCK.has(n.name)) {
      parts.push(collapse(cur));
      cur = '';
    }
  };
  for (const c of td.children) walk(c);
  parts.push(collapse(cur));
  return joinParts(parts);
}

function span(v: string | undefined): number {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

function renderTable(table: El, out: Lines, state: { tables: number }): void {
  state.tables++;
  const no = state.tables;
  const rows: SourceCell[][] = rowsOf(table).map((tr) =>
    tr.children
      .filter((c): c is El => typeof c !== 'string' && (c.name === 'td' || c.name === 'th'))
      .map((td) => ({ text: cellText(td), colSpan: span(td.attrs.colspan), rowSpan: span(td.attrs.rowspan) })),
  );
  const { lines, places } = tableLines(rows, no);
  lines.forEach((l, i) => out.push(l, places[i]));
}
