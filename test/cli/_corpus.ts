/**
 * A folder of many varied report files for the CLI's parallel-checking tests and benchmark (bench/cli.mjs):
 * generated reports of both formats in every layout with random consistent tables, the five real seed samples,
 * injected errors, GBK / GB18030 / UTF-16 / CRLF copies, same-agency previous-year pairs (in separate files,
 * in different folders, and concatenated in one file), and a binary file. Deterministic for a given seed.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { generateReport, rng, type GenFormat, type GenLayout, type GenOptions } from '../gen/report';
import { SEEDS } from '../helpers';

export interface CorpusOptions {
  /** Number of files (at least 20). */
  readonly files: number;
  /** Seed of the random choices (default 1). */
  readonly seed?: number;
  /** Include one binary file (default true). */
  readonly binary?: boolean;
}

export interface CorpusStats {
  readonly files: string[];
  /** Files holding the current year of a previous-year pair in another file. */
  readonly pairedFiles: number;
  readonly seedCopies: number;
  readonly withErrors: number;
  readonly byEncoding: Record<string, number>;
  readonly byLayout: Record<string, number>;
  readonly byFormat: Record<string, number>;
  readonly bytes: number;
}

const LAYOUTS: readonly GenLayout[] = ['L1', 'L2', 'L3', 'L4', 'L5'];

function seedTexts(): string[] {
  return fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
}

type Enc = 'utf8' | 'utf8bom' | 'gbk' | 'gb18030' | 'utf16le';

function encode(text: string, enc: Enc): Buffer {
  switch (enc) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'gbk':
    case 'gb18030':
      return iconv.encode(text, enc);
  }
}

/** One of a few kinds of error, injected into the generator's options or its text. */
function injectError(kind: number, o: GenOptions, format: GenFormat, rand: () => number): { o: GenOptions; edit?: (t: string) => string } {
  const n = 1 + Math.floor(rand() * 5);
  switch (kind) {
    case 0: {
      // 表3: one cell off, so a row and a column no longer balance
      const t3 = { new: [n, 0, 0, 0, 0, 0, n + 1] };
      return { o: { ...o, t3 } };
    }
    case 1:
      return { o: { ...o, omitSections: [1 + Math.floor(rand() * 6)] } };
    case 2:
      return { o: { ...o, feeStatement: false } };
    case 3:
      return { o, edit: (t) => t.replace('政府信息公开条例', '政府信息公开条列').replace('（二）改进情况', '（二）依申情公开改进情况') };
    case 4:
      return { o: { ...o, t4: [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } };
    case 5:
      return { o, edit: (t) => t.replace(/\t0\t/, '\t\t').replace('结转下年度继续办理', '结转下年度继续办理（件）') };
    default:
      return { o: { ...o, narrative: format === 'F2021' } };
  }
}

/**
 * Writes `options.files` files into `dir` (spread over sub-folders g00…) and returns what was written. The folder
 * must be empty or missing.
 */
export function writeCorpus(dir: string, options: CorpusOptions): CorpusStats {
  const total = Math.max(20, options.files);
  const rand = rng(options.seed ?? 1);
  const seeds = seedTexts();
  const files: string[] = [];
  const byEncoding: Record<string, number> = {};
  const byLayout: Record<string, number> = {};
  const byFormat: Record<string, number> = {};
  let bytes = 0;
  let pairedFiles = 0;
  let seedCopies = 0;
  let withErrors = 0;
  const folders = Math.max(1, Math.ceil(total / 500));
  const write = (name: string, text: string | Buffer, enc: Enc | 'binary'): void => {
    const sub = path.join(dir, `g${String(files.length % folders).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, name);
    const data = typeof text === 'string' ? encode(text, enc as Enc) : text;
    fs.writeFileSync(file, data);
    files.push(file);
    bytes += data.length;
    byEncoding[enc] = (byEncoding[enc] ?? 0) + 1;
  };
  const pickEnc = (): Enc => {
    const r = rand();
    return r < 0.08 ? 'gbk' : r < 0.1 ? 'gb18030' : r < 0.12 ? 'utf8bom' : r < 0.13 ? 'utf16le' : 'utf8';
  };
  const report = (i: number, agency: string, year: number, format: GenFormat, error: boolean): string => {
    const layout = LAYOUTS[Math.floor(rand() * LAYOUTS.length)];
    byLayout[layout] = (byLayout[layout] ?? 0) + 1;
    byFormat[format] = (byFormat[format] ?? 0) + 1;
    let o: GenOptions = { format, layout, year, agency, seed: i + 1, fullWidthDigits: rand() < 0.05, eol: rand() < 0.1 ? '\r\n' : '\n' };
    let edit: ((t: string) => string) | undefined;
    if (error) ({ o, edit } = injectError(Math.floor(rand() * 7), o, format, rand));
    const text = generateReport(o);
    return edit ? edit(text) : text;
  };

  if (options.binary ?? true) {
    const junk = Buffer.alloc(4096);
    for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rand() * 256);
    junk[10] = 0;
    write('b0000-binary.txt', junk, 'binary');
  }
  for (let i = 0; files.length < total; i++) {
    const id = String(i).padStart(5, '0');
    const kind = i % 20;
    if (kind === 3) {
      // a real sample, as is or re-encoded / with CRLF
      const s = seeds[Math.floor(i / 20) % seeds.length];
      const enc = pickEnc();
      write(`s${id}-seed.txt`, enc === 'utf16le' ? s : rand() < 0.2 ? s.replace(/\n/g, '\r\n') : s, enc === 'utf16le' ? 'utf8' : enc);
      seedCopies++;
    } else if (kind === 7 && files.length + 2 <= total) {
      // a previous-year pair of one agency in two files (the previous year may sort after the current one)
      const format: GenFormat = rand() < 0.7 ? 'F2021' : 'F2019';
      const year = format === 'F2021' ? 2022 + Math.floor(rand() * 3) : 2019;
      const agency = `配对${i}号卫健局`;
      const error = rand() < 0.3;
      write(`p${id}-${year}.txt`, report(i, agency, year, format, error), pickEnc());
      write(`p${id}-${year - 1}.md`, report(i + 100000, `配对${i}号卫生健康局`, year - 1, format, false), pickEnc());
      pairedFiles++;
      if (error) withErrors++;
    } else if (kind === 11) {
      // two consecutive years concatenated in one file
      const format: GenFormat = 'F2021';
      const agency = `合订${i}号司法局`;
      write(`c${id}-two-years.txt`, report(i, agency, 2022, format, false) + '\n' + report(i + 200000, agency, 2023, format, false), 'utf8');
    } else {
      const format: GenFormat = rand() < 0.75 ? 'F2021' : 'F2019';
      const year = format === 'F2021' ? 2021 + Math.floor(rand() * 4) : 2019 + Math.floor(rand() * 2);
      const error = rand() < 0.35;
      if (error) withErrors++;
      write(`r${id}.txt`, report(i, `第${i}号测试局`, year, format, error), pickEnc());
    }
  }
  return { files, pairedFiles, seedCopies, withErrors, byEncoding, byLayout, byFormat, bytes };
}
