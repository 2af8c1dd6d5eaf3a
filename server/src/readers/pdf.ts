/**
 * PDF reader: a published report as PDF → the report text the core reads best, plus the page of every line.
 *
 * The library is pdfjs-dist (Mozilla's pdf.js; its legacy build runs in Node 20 and in workers), loaded with a
 * dynamic `import()` the first time a PDF is read, never at start-up. Nothing is fetched from the network: the
 * CMaps that Chinese fonts need are read from the installed package (or from the copy the bundle ships next to
 * the server, see scripts/build.mjs) through our own CMap reader; fonts are never turned into font faces and the
 * "worker" runs in the same thread (`globalThis.pdfjsWorker`).
 *
 * Layout is rebuilt from geometry, never from the extraction order:
 * - the table's ruling lines (stroked paths and thin filled rectangles of the operator list, in page space)
 *   give the grid: every band between two horizontal rules is a row, every cell between two vertical rules
 *   that cross the band is a field; a cell merged downwards (no rule under it) is read once, in the first row
 *   it covers, and left empty below; a cell without any glyph is an empty field;
 * - glyph runs (text items with their position and size) are put into the cell that holds their centre;
 *   inside a cell they are read line by line, top to bottom (a label wrapped in its cell is joined, a
 *   vertical label printed one character per line becomes one word);
 * - text outside tables is grouped into lines by baseline and into paragraphs by indentation and line
 *   length; page headers and footers (`- 3 -`, `— 3 —`, `第3页`) are dropped, so a table that runs over a
 *   page break continues on the next line.
 *
 * This module imports no Node API: in Node it finds the library and the CMaps through
 * `process.getBuiltinModule` (Node ≥ 20.16) or CommonJS `require`; other hosts call `configurePdfjs`.
 */
import type { ReadResult, ReaderNotice, SourcePlace } from './types';

/** Where the pdf.js build and its CMaps are, for hosts where the default (Node, see `nodeAssets`) does not apply. */
export interface PdfjsAssets {
  /** URL (e.g. `file:///…/pdf.mjs`) or module specifier of the pdf.js main module (legacy build). */
  readonly module: string;
  /** URL or specifier of the matching worker module (run in the same thread). */
  readonly worker: string;
  /** The packed CMap (`.bcmap`) of that name, e.g. `UniGB-UCS2-H`. */
  readCMap(name: string): Promise<Uint8Array>;
}

let configured: PdfjsAssets | undefined;

/** Sets where pdf.js is loaded from (undefined: back to the default lookup). */
export function configurePdfjs(assets: PdfjsAssets | undefined): void {
  configured = assets;
  loaded = undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Loading pdf.js

// The parts of pdf.js this reader uses, as pdf.js gives them (the module is loaded at run time from a file, so
// pdfjs-dist's own declarations are not in the build). Values pdf.js does not promise are `unknown` and checked.

/** A text item of `page.getTextContent()` (marked-content items have no `str`). */
interface PdfjsTextItem {
  str?: unknown;
  transform?: number[];
  width?: number;
  height?: number;
  dir?: string;
}

/** `page.getOperatorList()`: operator codes (`OPS`) and each one's arguments. */
interface PdfjsOperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

interface PdfjsPage {
  /** [x1, y1, x2, y2] of the page. */
  view: number[];
  getTextContent(): Promise<{ items: PdfjsTextItem[] }>;
  getOperatorList(options: { annotationMode?: number }): Promise<PdfjsOperatorList>;
  cleanup?(): unknown;
}

interface PdfjsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfjsPage>;
  destroy(): Promise<void>;
}

interface PdfjsLoadingTask {
  promise: Promise<PdfjsDocument>;
  destroy?(): Promise<void>;
}

/** The pdf.js module (`pdf.mjs`). */
interface Pdfjs {
  getDocument(params: Record<string, unknown>): PdfjsLoadingTask;
  OPS: Record<string, number>;
  AnnotationMode?: { DISABLE?: number };
}

/** The host's `process` where there is one (Node, Electron), as far as it is read here. */
interface HostProcess {
  versions?: { node?: unknown; nw?: unknown; electron?: unknown };
  type?: unknown;
  getBuiltinModule?: unknown;
  cwd(): string;
  toString(): string;
}

/** The globals this reader reads or sets. */
const host = globalThis as { process?: HostProcess; DOMMatrix?: unknown; pdfjsWorker?: unknown };

/** The Node built-ins `nodeAssets` uses, as far as it uses them. */
interface NodeFs {
  existsSync(file: string): boolean;
  promises: { readFile(file: string): Promise<Uint8Array> };
}
interface NodePath {
  join(...parts: string[]): string;
  dirname(file: string): string;
}
interface NodeUrl {
  pathToFileURL(file: string): { href: string };
}
interface NodeModule {
  createRequire(file: string): { resolve(id: string): string };
}

/** `import()` that survives TypeScript's CommonJS output (which would turn it into `require`). */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body: the only way to keep a real import() in the CommonJS build
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let loaded: Promise<{ pdfjs: Pdfjs; assets: PdfjsAssets }> | undefined;

declare const __dirname: string | undefined;
declare const require: ((name: string) => unknown) | undefined;

/** The default in Node: the copy shipped next to the bundle (`<dir>/pdfjs/`), else the installed package. */
function nodeAssets(): PdfjsAssets | undefined {
  const proc = host.process;
  // Node ≥ 20.16 has process.getBuiltinModule; the Node of older VS Code builds only has CommonJS `require`.
  const getBuiltin = proc?.getBuiltinModule;
  const builtin: ((name: string) => unknown) | undefined =
    proc && typeof getBuiltin === 'function'
      ? (name) => (getBuiltin as (this: HostProcess, name: string) => unknown).call(proc, name)
      : typeof require === 'function' && typeof proc?.versions?.node === 'string'
        ? (name) => require(name)
        : undefined;
  if (!proc || !builtin) return undefined;
  const fs = builtin('fs') as NodeFs;
  const path = builtin('path') as NodePath;
  const url = builtin('url') as NodeUrl;
  const here = typeof __dirname === 'string' ? __dirname : proc.cwd();
  const candidates: string[] = [path.join(here, 'pdfjs')];
  try {
    const req = (builtin('module') as NodeModule).createRequire(path.join(here, 'noop.js'));
    candidates.push(path.dirname(req.resolve('pdfjs-dist/package.json')));
  } catch {
    // not installed: only the shipped copy can serve
  }
  for (const dir of candidates) {
    const main = path.join(dir, 'legacy', 'build', 'pdf.mjs');
    const worker = path.join(dir, 'legacy', 'build', 'pdf.worker.mjs');
    if (!fs.existsSync(main) || !fs.existsSync(worker)) continue;
    const cmaps = path.join(dir, 'cmaps');
    return {
      module: url.pathToFileURL(main).href,
      worker: url.pathToFileURL(worker).href,
      readCMap: async (name: string) => {
        if (!/^[\w.-]+$/.test(name)) throw new Error(`bad CMap name ${name}`);
        return new Uint8Array(await fs.promises.readFile(path.join(cmaps, `${name}.bcmap`)));
      },
    };
  }
  return undefined;
}

function loadPdfjs(): Promise<{ pdfjs: Pdfjs; assets: PdfjsAssets }> {
  loaded ??= (async () => {
    const assets = configured ?? nodeAssets();
    if (!assets) throw new Error('pdf.js is not available in this host');
    // pdf.js builds one DOMMatrix when it loads (for its canvas renderer, which we never use); Node has none, and
    // the package's optional native canvas that would supply it is not shipped. A plain identity stands in.
    host.DOMMatrix ??= class DOMMatrix {
      a = 1;
      b = 0;
      c = 0;
      d = 1;
      e = 0;
      f = 0;
    };
    // …and says so on the console ("Warning: Cannot load @napi-rs/canvas…"): not for our users' eyes.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
      warn(...args);
    };
    let pdfjs: Pdfjs;
    let worker: unknown;
    try {
      const [main, workerModule] = await Promise.all([importModule(assets.module), importModule(assets.worker)]);
      pdfjs = main as Pdfjs;
      worker = workerModule;
    } finally {
      console.warn = warn;
    }
    // The "worker" runs in this thread: pdf.js uses globalThis.pdfjsWorker instead of starting one.
    host.pdfjsWorker ??= worker;
    return { pdfjs, assets };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

// ---------------------------------------------------------------------------------------------------------
// Notices

const NOTICES = {
  scanned: {
    zh: '这个 PDF 没有文字层（扫描件或图片），无法读取其中的文字；请使用带文字的 PDF，或先进行文字识别（OCR）。',
    en: 'This PDF has no text layer (a scan or images), so its text cannot be read; use a PDF with text, or run OCR on it first.',
  },
  encrypted: {
    zh: '这个 PDF 设有打开密码（已加密），无法读取；请使用未加密的版本。',
    en: 'This PDF is password protected (encrypted) and cannot be read; use an unprotected copy.',
  },
  unreadable: {
    zh: '无法读取这个文件：它不是 PDF，或文件已损坏或为空。',
    en: 'This file cannot be read: it is not a PDF, or it is damaged or empty.',
  },
  partial: {
    zh: '这一页没有文字层（扫描的图片），其内容没有读取。',
    en: 'This page has no text layer (a scanned image); its content was not read.',
  },
} as const;

function notice(code: keyof typeof NOTICES, page?: number): ReaderNotice {
  return page === undefined ? { code, ...NOTICES[code] } : { code, ...NOTICES[code], page };
}

function failed(code: 'scanned' | 'encrypted' | 'unreadable'): ReadResult {
  return { kind: 'pdf', text: '', lines: [{}], notices: [notice(code)] };
}

// ---------------------------------------------------------------------------------------------------------
// Geometry

/** One run of text on a page, in page space (points, y up). */
interface Run {
  str: string;
  x: number;
  /** Baseline (horizontal text) or top (vertical text). */
  y: number;
  w: number;
  /** Font size. */
  size: number;
  vertical: boolean;
  /** Vertical text: its length down the page. */
  len: number;
}

const runLeft = (r: Run) => r.x;
const runRight = (r: Run) => r.x + r.w;
const runCx = (r: Run) => r.x + r.w / 2;
/** Vertical centre of the glyphs (a little above the baseline). */
const runCy = (r: Run) => (r.vertical ? r.y - r.len / 2 : r.y + r.size * 0.33);

interface HSeg {
  y: number;
  x1: number;
  x2: number;
}
interface VSeg {
  x: number;
  y1: number;
  y2: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied after n (PDF `cm` semantics: new = n × current)
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The axis-aligned rules a page draws: stroked segments and thin filled rectangles, in page space. */
function rulesOf(ops: PdfjsOperatorList, OPS: Record<string, number>): { h: HSeg[]; v: VSeg[] } {
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokeOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const addSegment = (a: [number, number], b: [number, number]) => {
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dy <= 0.8 && dx >= 2) h.push({ y: (a[1] + b[1]) / 2, x1: Math.min(a[0], b[0]), x2: Math.max(a[0], b[0]) });
    else if (dx <= 0.8 && dy >= 2) v.push({ x: (a[0] + b[0]) / 2, y1: Math.min(a[1], b[1]), y2: Math.max(a[1], b[1]) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null | undefined;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = multiply(ctm, Array.from(args?.[0] as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath) {
      // [paint operator, [path data], …]; the data: an operator (0 moveTo, 1 lineTo, 2 curveTo, 3 curveTo2/3,
      // 4 closePath) and its coordinates, in one flat array
      const paint = args?.[0] as number;
      const data = (args?.[1] as (ArrayLike<number> | null | undefined)[] | null | undefined)?.[0];
      if (!data || typeof data.length !== 'number') continue;
      const stroke = strokeOps.has(paint);
      const fill = fillOps.has(paint);
      if (!stroke && !fill) continue;
      // Decode the path into sub-paths of points (curves kept as their end point: never a rule anyway).
      const subpaths: [number, number][][] = [];
      let cur: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) {
          if (cur.length) subpaths.push(cur);
          cur = [apply(ctm, data[k + 1], data[k + 2])];
          k += 3;
        } else if (op === 1) {
          cur.push(apply(ctm, data[k + 1], data[k + 2]));
          k += 3;
        } else if (op === 2) {
          cur.push(apply(ctm, data[k + 5], data[k + 6]));
          k += 7;
        } else if (op === 3) {
          cur.push(apply(ctm, data[k + 3], data[k + 4]));
          k += 5;
        } else if (op === 4) {
          if (cur.length) cur.push(cur[0]);
          k += 1;
        } else break;
      }
      if (cur.length) subpaths.push(cur);
      for (const pts of subpaths) {
        if (stroke) for (let k = 1; k < pts.length; k++) addSegment(pts[k - 1], pts[k]);
        if (fill && !stroke && pts.length >= 4) {
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const x1 = Math.min(...xs);
          const x2 = Math.max(...xs);
          const y1 = Math.min(...ys);
          const y2 = Math.max(...ys);
          const rect = pts.every((p) => (Math.abs(p[0] - x1) < 0.5 || Math.abs(p[0] - x2) < 0.5) && (Math.abs(p[1] - y1) < 0.5 || Math.abs(p[1] - y2) < 0.5));
          if (!rect) continue;
          if (y2 - y1 <= 2.5 && x2 - x1 >= 3) h.push({ y: (y1 + y2) / 2, x1, x2 });
          else if (x2 - x1 <= 2.5 && y2 - y1 >= 3) v.push({ x: (x1 + x2) / 2, y1, y2 });
        }
      }
    }
  }
  return { h, v };
}

/** Joins collinear rules that touch or overlap (a border drawn cell by cell becomes one rule). */
function mergeH(segs: HSeg[]): HSeg[] {
  const sorted = [...segs].sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const out: HSeg[] = [];
  for (const s of sorted) {
    const last = out.find((o) => Math.abs(o.y - s.y) <= 1 && s.x1 <= o.x2 + 2 && s.x2 >= o.x1 - 2);
    if (last) {
      last.x1 = Math.min(last.x1, s.x1);
      last.x2 = Math.max(last.x2, s.x2);
    } else out.push({ ...s });
  }
  return out;
}

function mergeV(segs: VSeg[]): VSeg[] {
  const asH = mergeH(segs.map((s) => ({ y: s.x, x1: s.y1, x2: s.y2 })));
  return asH.map((s) => ({ x: s.y, y1: s.x1, y2: s.x2 }));
}

interface Cell {
  /** 1-based column of the table grid where the cell starts. */
  col: number;
  x1: number;
  x2: number;
  top: number;
  bottom: number;
  /** Index of the band (row) where the cell starts. */
  band: number;
  runs: Run[];
}

interface Table {
  x1: number;
  x2: number;
  top: number;
  bottom: number;
  /** x of the table's vertical rules, left to right. */
  xs: number[];
  /** Per band (top to bottom): the fields, left to right; a field is a cell starting here or a continuation. */
  bands: { top: number; fields: (Cell | null)[]; cols: number[] }[];
  cells: Cell[];
}

const TOL = 1.5;

/** Tables of a page: groups of connected rules with at least two horizontal and two vertical ones. */
function tablesOf(h: HSeg[], v: VSeg[]): Table[] {
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  h.forEach((hs, i) =>
    v.forEach((vs, j) => {
      if (vs.x >= hs.x1 - 3 && vs.x <= hs.x2 + 3 && hs.y >= vs.y1 - 3 && hs.y <= vs.y2 + 3) parent[find(i)] = find(h.length + j);
    }),
  );
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    if (i < h.length) g.h.push(h[i]);
    else g.v.push(v[i - h.length]);
    groups.set(find(i), g);
  }
  const tables: Table[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 1 || g.v.length < 2) continue;
    // A table cut by a page break has no rule under its last row (or over its first): its vertical rules
    // still end there, so the ends of the vertical rules close it.
    const lowest = Math.min(...g.v.map((s) => s.y1));
    const highest = Math.max(...g.v.map((s) => s.y2));
    const left = Math.min(...g.v.map((s) => s.x));
    const right = Math.max(...g.v.map((s) => s.x));
    if (lowest < Math.min(...g.h.map((s) => s.y)) - 3) g.h.push({ y: lowest, x1: left, x2: right });
    if (highest > Math.max(...g.h.map((s) => s.y)) + 3) g.h.push({ y: highest, x1: left, x2: right });
    if (g.h.length < 2) continue;
    const ys = uniq(g.h.map((s) => s.y)).sort((a, b) => b - a);
    const xs = uniq(g.v.map((s) => s.x)).sort((a, b) => a - b);
    if (ys.length < 2 || xs.length < 2) continue;
    const table: Table = { x1: xs[0], x2: xs[xs.length - 1], top: ys[0], bottom: ys[ys.length - 1], xs, bands: [], cells: [] };
    const hAt = (y: number, x: number) => g.h.some((s) => Math.abs(s.y - y) <= TOL && x >= s.x1 - TOL && x <= s.x2 + TOL);
    /** Open cells by column start x (a cell merged downwards stays open until a rule closes it). */
    const open = new Map<number, Cell>();
    for (let b = 0; b + 1 < ys.length; b++) {
      const top = ys[b];
      const bottom = ys[b + 1];
      const mid = (top + bottom) / 2;
      const cross = uniq(g.v.filter((s) => s.y1 <= mid + TOL && s.y2 >= mid - TOL).map((s) => s.x)).sort((a, c) => a - c);
      const fields: (Cell | null)[] = [];
      const cols: number[] = [];
      for (let k = 0; k + 1 < cross.length; k++) {
        const x1 = cross[k];
        const x2 = cross[k + 1];
        const cx = (x1 + x2) / 2;
        const col = xs.findIndex((x) => Math.abs(x - x1) <= TOL) + 1;
        const prev = open.get(Math.round(x1));
        if (prev && !hAt(top, cx) && Math.abs(prev.x2 - x2) <= TOL) {
          prev.bottom = bottom;
          fields.push(null);
        } else {
          const cell: Cell = { col, x1, x2, top, bottom, band: b, runs: [] };
          table.cells.push(cell);
          open.set(Math.round(x1), cell);
          fields.push(cell);
        }
        cols.push(col);
      }
      table.bands.push({ top, fields, cols });
    }
    tables.push(table);
  }
  return tables.sort((a, b) => b.top - a.top);
}

function uniq(values: number[]): number[] {
  const out: number[] = [];
  for (const value of [...values].sort((a, b) => a - b)) if (!out.length || value - out[out.length - 1] > TOL) out.push(value);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Text

const ASCII_WORD = /[A-Z0-9.,%+\-]$/i;
const ASCII_START = /^[A-Z0-9(]/i;

/** Joins two pieces of one line or one cell: no space inside Chinese text, one between Latin words and numbers. */
function joinPieces(a: string, b: string, gap: number, size: number): string {
  if (!a) return b;
  if (gap > size * 0.2 && ASCII_WORD.test(a) && ASCII_START.test(b)) return `${a} ${b}`;
  return a + b;
}

/** Groups runs into lines (top to bottom), each sorted left to right. */
function linesOf(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => runCy(b) - runCy(a) || a.x - b.x);
  const lines: { cy: number; size: number; runs: Run[] }[] = [];
  for (const r of sorted) {
    const cy = runCy(r);
    const line = lines.find((l) => Math.abs(l.cy - cy) <= Math.min(l.size, r.size) * 0.45);
    if (line) line.runs.push(r);
    else lines.push({ cy, size: r.size, runs: [r] });
  }
  lines.sort((a, b) => b.cy - a.cy);
  return lines.map((l) => l.runs.sort((a, b) => a.x - b.x));
}

/** The text of one cell: its lines joined (wrapped labels, vertical labels) with no separator in Chinese text. */
function cellText(runs: Run[]): string {
  let text = '';
  let lastRight = -Infinity;
  let lastSize = 10;
  for (const line of linesOf(runs)) {
    for (const r of line) {
      text = joinPieces(text, r.str.trim(), r.x - lastRight, Math.max(lastSize, r.size));
      lastRight = runRight(r);
      lastSize = r.size;
    }
    lastRight = -Infinity;
  }
  return text.replace(/\s+/g, (s) => (s.includes('\n') ? ' ' : s)).trim();
}

/** One printed line outside tables. */
interface TextLine {
  text: string;
  x1: number;
  x2: number;
  top: number;
  size: number;
}

function textLine(runs: Run[]): TextLine {
  let text = '';
  let lastRight = -Infinity;
  let size = 0;
  for (const r of runs) {
    const gap = r.x - lastRight;
    const piece = r.str.trimEnd();
    if (text && gap > Math.max(size, r.size) * 2.5) text += '\t' + piece.trimStart();
    else text = text ? joinPieces(text, piece.trimStart(), gap, Math.max(size, r.size)) : piece.trimStart();
    lastRight = runRight(r);
    size = Math.max(size, r.size);
  }
  return { text, x1: runLeft(runs[0]), x2: Math.max(...runs.map(runRight)), top: Math.max(...runs.map(runCy)), size };
}

const PAGE_MARK = [
  /^[-—–－﹣―‐_~～·•]*\s*\d{1,4}\s*[-—–－﹣―‐_~～·•]*$/,
  /^第\s*\d{1,4}\s*页(\s*(?:[,，/]\s*)?共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  /^[Pp]age\s*\d{1,4}(\s*of\s*\d{1,4})?$/,
];

/** Page numbers and running headers/footers: page marks near the top or bottom edge of the page. */
function isPageMark(line: TextLine, pageHeight: number): boolean {
  const nearEdge = line.top < pageHeight * 0.12 || line.top > pageHeight * 0.9;
  const text = line.text.replace(/\s+/g, '');
  return nearEdge && PAGE_MARK.some((re) => re.test(text));
}

/**
 * Some fonts' ToUnicode maps (e.g. Noto CJK as embedded by Chromium, and many WPS exports) give the Kangxi
 * radical or CJK radical-supplement code point for an ideograph that looks the same (`⼈` U+2F08 for `人`,
 * `⺠` U+2EA0 for `民`): the reader gives the ideograph a reader of the page sees.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '\u2E8B': '㔾', '\u2E8C': '小', '\u2E8D': '小', '\u2E8E': '兀', '\u2E97': '忄', '\u2E9F': '母', '\u2EA0': '民',
  '\u2EA4': '爫', '\u2EA6': '丬', '\u2EA7': '牛', '\u2EAE': '竹', '\u2EB2': '罒', '\u2EB7': '羊', '\u2EBB': '聿',
  '\u2EC4': '西', '\u2EC5': '见', '\u2EC6': '角', '\u2EC8': '讠', '\u2EC9': '贝', '\u2ECB': '车', '\u2ECF': '阝',
  '\u2ED0': '钅', '\u2ED3': '长', '\u2ED4': '门', '\u2ED6': '阝', '\u2ED7': '雨', '\u2ED8': '青', '\u2EDA': '页',
  '\u2EDB': '风', '\u2EDC': '飞', '\u2EDD': '食', '\u2EDF': '饣', '\u2EE0': '饣', '\u2EE2': '马', '\u2EE3': '骨',
  '\u2EE4': '鬼', '\u2EE5': '鱼', '\u2EE6': '鸟', '\u2EE7': '卤', '\u2EE8': '麦', '\u2EE9': '黄', '\u2EEA': '黾',
  '\u2EEB': '斉', '\u2EEC': '齐', '\u2EED': '歯', '\u2EEE': '齿', '\u2EEF': '竜', '\u2EF0': '龙', '\u2EF2': '亀',
  '\u2EF3': '龟', '\u2F3E': '户',
};
const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/g;

function ideographs(s: string): string {
  return s.replace(RADICALS, (ch) => RADICAL_SUPPLEMENT[ch] ?? (ch >= '\u2F00' ? ch.normalize('NFKC') : ch));
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A produced block of a page, in reading order. */
type Block =
  | { kind: 'text'; line: TextLine; page: number }
  | { kind: 'row'; fields: string[]; cells: (Cell | null)[]; cols: number[]; page: number; table: Table; band: number; top: number };

/** Splits runs that cross a vertical rule of a table (a row written as one text run) into per-cell pieces. */
function splitAtRules(runs: Run[], tables: Table[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const cy = runCy(r);
    const t = r.vertical ? undefined : tables.find((tb) => cy <= tb.top && cy >= tb.bottom && runCx(r) >= tb.x1 && runCx(r) <= tb.x2);
    const chars = Array.from(r.str);
    const cuts = t ? t.xs.filter((x) => x > r.x + 2 && x < r.x + r.w - 2) : [];
    if (!cuts.length || chars.length < 2) {
      out.push(r);
      continue;
    }
    const per = r.w / chars.length;
    let start = 0;
    for (const cut of [...cuts, Infinity]) {
      const end = cut === Infinity ? chars.length : Math.max(start, Math.min(chars.length, Math.round((cut - r.x) / per)));
      if (end > start) out.push({ ...r, str: chars.slice(start, end).join(''), x: r.x + start * per, w: (end - start) * per });
      start = end;
    }
  }
  return out;
}

/** Whether a page's text stands in columns somewhere: two lines with a wide gap between runs. */
function columnar(runs: Run[]): boolean {
  let gapped = 0;
  for (const line of linesOf(runs.filter((r) => !r.vertical))) {
    for (let k = 1; k < line.length; k++) {
      if (line[k].x - runRight(line[k - 1]) > Math.max(line[k].size, line[k - 1].size) * 2) {
        if (++gapped >= 2) return true;
        break;
      }
    }
  }
  return false;
}

interface PageContent {
  blocks: Block[];
  hasText: boolean;
  /** No text, but an image: a scanned page. */
  scanned?: boolean;
}

async function readPage(doc: PdfjsDocument, pdfjs: Pdfjs, pageNumber: number): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const [, , , pageTop] = page.view;
  const pageBottom = page.view[1];
  const height = pageTop - pageBottom;
  const raw: Run[] = [];
  for (const item of content.items) {
    if (typeof item.str !== 'string' || !item.str.trim() || !item.transform) continue;
    const [, , c, d, e, f] = item.transform;
    const size = Math.hypot(c, d) || item.height || 10;
    raw.push({ str: ideographs(item.str).replace(/[\t\r\n\f\v]/g, ' '), x: e, y: f - pageBottom, w: item.width || size * item.str.length, size, vertical: item.dir === 'ttb', len: item.dir === 'ttb' ? item.height || size * item.str.length : 0 });
  }
  // The operator list (for the ruling lines) costs as much again as the text: ask for it only on pages whose
  // text stands in columns — a page of running text has no table to rebuild.
  const rules = columnar(raw)
    ? rulesOf(await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode?.DISABLE }), pdfjs.OPS)
    : { h: [], v: [] };
  const shift = (y: number) => y - pageBottom;
  const tables = tablesOf(
    mergeH(rules.h.map((s) => ({ ...s, y: shift(s.y) }))),
    mergeV(rules.v.map((s) => ({ ...s, y1: shift(s.y1), y2: shift(s.y2) }))),
  );
  const runs = splitAtRules(raw, tables);
  const outside: Run[] = [];
  for (const r of runs) {
    const cx = runCx(r);
    const cy = runCy(r);
    let placed = false;
    for (const t of tables) {
      if (cy > t.top || cy < t.bottom || cx < t.x1 || cx > t.x2) continue;
      const cell = t.cells.find((c) => cx >= c.x1 - 0.5 && cx <= c.x2 + 0.5 && cy <= c.top + 0.5 && cy >= c.bottom - 0.5);
      if (cell) {
        cell.runs.push(r);
        placed = true;
        break;
      }
    }
    if (!placed) outside.push(r);
  }
  const blocks: Block[] = [];
  for (const runsOfLine of linesOf(outside)) {
    const line = textLine(runsOfLine);
    if (!line.text.trim() || isPageMark(line, height)) continue;
    blocks.push({ kind: 'text', line, page: pageNumber });
  }
  for (const t of tables) {
    t.bands.forEach((band, b) => {
      const fields = band.fields.map((cell) => (cell ? cellText(cell.runs) : ''));
      if (fields.every((f) => f === '')) return;
      blocks.push({ kind: 'row', fields, cells: band.fields, cols: band.cols, page: pageNumber, table: t, band: b, top: band.top });
    });
  }
  const topOf = (b: Block) => (b.kind === 'text' ? b.line.top : b.top);
  blocks.sort((a, b) => topOf(b) - topOf(a));
  page.cleanup?.();
  let scanned = false;
  if (!runs.length) {
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode?.DISABLE });
    const images = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageXObjectRepeat]);
    scanned = ops.fnArray.some((fn) => images.has(fn));
  }
  return { blocks, hasText: runs.length > 0, scanned };
}

const ENDS_SENTENCE = /[。！？；;!?]$/;

/** Whether line b continues the paragraph of line a (a reaches the right margin, b is not indented). */
function continues(a: TextLine, b: TextLine, rightMargin: number, sameColumn: boolean): boolean {
  if (Math.abs(a.size - b.size) > Math.max(a.size, b.size) * 0.12) return false;
  if (a.text.includes('\t') || b.text.includes('\t')) return false;
  if (a.x2 < rightMargin - a.size * 3) return false;
  if (b.x1 > a.x1 + a.size * 0.5) return false;
  if (ENDS_SENTENCE.test(a.text) && b.x1 > a.x1 - 0.5) return false;
  if (sameColumn && a.top - b.top > Math.max(a.size, b.size) * 2.4) return false;
  return true;
}

/** pdf.js's own test for Node (then it loads fonts synchronously and never waits for a font-load event). */
function pdfjsThinksNode(): boolean {
  const proc = host.process;
  return (
    typeof proc === 'object' &&
    String(proc) === '[object process]' &&
    !proc.versions?.nw &&
    !(proc.versions?.electron && proc.type && proc.type !== 'browser')
  );
}

/** The document pdf.js puts @font-face rules into: takes them and keeps nothing. */
const NO_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: { length: 0 }, insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};

/**
 * Reads a PDF. Never throws: an unreadable, encrypted or scanned file gives empty text and one notice.
 */
export async function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  if (!bytes || bytes.length === 0) return failed('unreadable');
  // A PDF starts with %PDF- within its first 1024 bytes.
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(1024, bytes.length)));
  if (!head.includes('%PDF-')) return failed('unreadable');
  let pdf: { pdfjs: Pdfjs; assets: PdfjsAssets };
  try {
    pdf = await loadPdfjs();
  } catch {
    return failed('unreadable');
  }
  const { pdfjs, assets } = pdf;
  class CMapReader {
    async fetch({ name }: { name: string }) {
      return { cMapData: await assets.readCMap(name), isCompressed: true };
    }
  }
  let doc: PdfjsDocument;
  let task: PdfjsLoadingTask | undefined;
  try {
    task = pdfjs.getDocument({
      // a copy as a plain Uint8Array: pdf.js refuses Node's Buffer (what the CLI reads a file into), and it
      // detaches the array it is given
      data: new Uint8Array(bytes),
      CMapReaderFactory: CMapReader,
      cMapUrl: 'bundled/',
      cMapPacked: true,
      // No glyph outlines: with disableFontFace pdf.js builds and posts the path of every glyph shown, which
      // only a canvas renderer needs (it was half the cost of the operator list). Where pdf.js takes the host
      // for Node it binds fonts synchronously into its document: a stub that drops the @font-face rules.
      ...(pdfjsThinksNode() ? { disableFontFace: false, ownerDocument: NO_DOCUMENT } : { disableFontFace: true }),
      useSystemFonts: false,
      isEvalSupported: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    doc = await task.promise;
  } catch (e) {
    await task?.destroy?.().catch(() => undefined);
    return failed((e as { name?: string })?.name === 'PasswordException' ? 'encrypted' : 'unreadable');
  }
  try {
    const pages: PageContent[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      try {
        pages.push(await readPage(doc, pdfjs, p));
      } catch {
        pages.push({ blocks: [], hasText: false });
      }
    }
    if (!pages.some((p) => p.hasText)) return failed('scanned');
    return assemble(pages);
  } catch {
    return failed('unreadable');
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function assemble(pages: PageContent[]): ReadResult {
  const notices: ReaderNotice[] = [];
  pages.forEach((p, i) => {
    if (p.scanned) notices.push(notice('partial', i + 1));
  });
  // The right margin of the body text: the longest line ends there (per page, tables excluded).
  const margins = pages.map((p) => {
    const ends = p.blocks.filter((b): b is Extract<Block, { kind: 'text' }> => b.kind === 'text').map((b) => b.line.x2);
    return ends.length ? Math.max(...ends) : 0;
  });
  const out: string[] = [];
  /** The fields of table rows by line, joined into `out` at the end (a cell split by a page break is mended). */
  const rowFields = new Map<number, string[]>();
  /** Per grid column, the last cell that started in it on the previous page, where its text went. */
  let started = new Map<number, { line: number; field: number; cell: Cell; table: Table }>();
  const places: SourcePlace[] = [];
  let prevText: { line: TextLine; page: number } | undefined;
  let tableNo = 0;
  let prevRow: { table: Table; page: number } | undefined;
  let rowNo = 0;
  let lastWasRow = false;
  for (const p of pages) {
    for (const block of p.blocks) {
      if (block.kind === 'text') {
        const { line } = block;
        if (
          prevText &&
          !lastWasRow &&
          continues(prevText.line, line, margins[prevText.page - 1], prevText.page === block.page)
        ) {
          out[out.length - 1] = joinPieces(out[out.length - 1], line.text, 1, line.size);
        } else {
          out.push(line.text);
          places.push({ page: block.page });
        }
        prevText = { line, page: block.page };
        lastWasRow = false;
        continue;
      }
      // A table row. A table continues over a page break when the previous block was its last row on the
      // previous page and the columns line up.
      const continued =
        prevRow !== undefined &&
        (prevRow.table === block.table ||
          (lastWasRow && prevRow.page === block.page - 1 && sameColumns(prevRow.table, block.table)));
      if (!continued) {
        tableNo++;
        rowNo = 0;
        started = new Map();
      }
      const fields = [...block.fields];
      if (continued && prevRow!.page !== block.page && block.band === 0) mendSplitCells(block, fields, started, rowFields);
      block.cells.forEach((cell, k) => {
        if (cell) started.set(block.cols[k], { line: out.length, field: k, cell, table: block.table });
      });
      rowNo++;
      rowFields.set(out.length, fields);
      out.push('');
      places.push({ page: block.page, table: tableNo, row: rowNo, cells: block.cols });
      prevRow = { table: block.table, page: block.page };
      prevText = undefined;
      lastWasRow = true;
    }
  }
  for (const [line, fields] of rowFields) out[line] = fields.join('\t');
  return { kind: 'pdf', text: out.join('\n'), lines: places.length ? places : [{}], notices };
}

/** How many rows (bands) of its table a cell covers. */
function bandsOf(cell: Cell, table: Table): number {
  return table.bands.filter((b) => b.top <= cell.top + 0.5 && b.top > cell.bottom + 0.5).length;
}

const NUMBERED = /^[（(]?[一二三四五六七八九十\d]+[)）、.．]/;

/**
 * A merged cell that a page break cuts in two (`（四）无` at the foot of one page, `法提供` at the head of the
 * next) is one cell: the fragment on the new page joins the text on the previous one. Only for merged cells
 * (either part covers two rows or more), in the same column with the same edges, reaching the foot of the
 * previous page's table, and never when the new part starts with a numbering of its own (a new group).
 */
function mendSplitCells(
  block: Extract<Block, { kind: 'row' }>,
  fields: string[],
  started: Map<number, { line: number; field: number; cell: Cell; table: Table }>,
  rowFields: Map<number, string[]>,
): void {
  block.cells.forEach((cell, k) => {
    if (!cell || !fields[k] || NUMBERED.test(fields[k])) return;
    const before = started.get(block.cols[k]);
    if (!before) return;
    const prev = rowFields.get(before.line);
    if (!prev || !prev[before.field]) return;
    if (Math.abs(before.cell.x1 - cell.x1) > 2 || Math.abs(before.cell.x2 - cell.x2) > 2) return;
    if (Math.abs(before.cell.bottom - before.table.bottom) > 1.5) return;
    if (bandsOf(before.cell, before.table) < 2 && bandsOf(cell, block.table) < 2) return;
    prev[before.field] += fields[k];
    fields[k] = '';
  });
}

/** Tables on two pages are one when their outer edges match (within a few points). */
function sameColumns(a: Table, b: Table): boolean {
  return Math.abs(a.x1 - b.x1) <= 4 && Math.abs(a.x2 - b.x2) <= 4;
}
