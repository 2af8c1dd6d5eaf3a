/**
 * Command-line inputs → the list of files to check. An existing path is used as is (a file of any extension,
 * or a folder searched recursively for `*.txt` / `*.md` and originals (`*.pdf`, `*.docx`, `*.html` …), skipping dot-entries and `node_modules`); anything
 * else that looks like a glob is expanded with tinyglobby. Problems (missing paths, empty matches, unreadable
 * entries) are collected, not thrown, so the caller can report them all and exit with code 2.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
// `require` form on purpose: esbuild then bundles tinyglobby's (and fdir's) CommonJS build; their ES-module
// build calls createRequire(import.meta.url), which is undefined in the CommonJS bundle.
import tinyglobby = require('tinyglobby');
import { ORIGINAL_EXTENSIONS } from '../readers/types';
import { specialType, type SpecialFileType } from './special';

const { glob, isDynamicPattern } = tinyglobby;

/** Text reports, then the published originals the readers read (server/src/readers). */
export const REPORT_EXTENSIONS: readonly string[] = ['.txt', '.md', ...Object.keys(ORIGINAL_EXTENSIONS)];

export type InputProblem =
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string }
  | { readonly kind: 'no-match'; readonly pattern: string }
  | { readonly kind: 'empty-dir'; readonly path: string }
  /** A FIFO, a device or a socket named on the command line: reading it could block forever or never end. */
  | { readonly kind: 'not-regular'; readonly path: string; readonly type: SpecialFileType };


export interface ExpandedInputs {
  /** Absolute paths, in input order (folder contents sorted), without duplicates. */
  readonly files: string[];
  readonly problems: InputProblem[];
}

function errorCode(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e ? String((e).code) : String(e);
}

function isReportFile(name: string): boolean {
  const lower = name.toLowerCase();
  return REPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walks a folder; follows symbolic links once (cycles are cut by real path). */
function walk(dir: string, out: string[], problems: InputProblem[], seenDirs: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    problems.push({ kind: 'unreadable', path: dir, reason: errorCode(e) });
    return;
  }
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ kind: 'unreadable', path: dir, reason: errorCode(e) });
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const ent of entries) {
    if (ent.name.startsWith('.') || ent.name === 'node_modules') continue;
    const p = path.join(dir, ent.name);
    let isDir = ent.isDirectory();
    let isFile = ent.isFile();
    if (ent.isSymbolicLink()) {
      try {
        const st = fs.statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (e) {
        if (isReportFile(ent.name)) problems.push({ kind: 'unreadable', path: p, reason: errorCode(e) });
        continue;
      }
    }
    if (isDir) walk(p, out, problems, seenDirs);
    else if (isFile && isReportFile(ent.name)) out.push(p);
  }
}

export async function expandInputs(inputs: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    const abs = path.resolve(cwd, p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push(abs);
  };
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | undefined;
    let statError: string | undefined;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      statError = errorCode(e);
    }
    if (st?.isDirectory()) {
      const found: string[] = [];
      walk(abs, found, problems, new Set());
      if (found.length === 0 && !problems.some((p) => p.kind === 'unreadable' && p.path === abs)) problems.push({ kind: 'empty-dir', path: input });
      found.forEach(add);
      continue;
    }
    if (st?.isFile()) {
      add(abs);
      continue;
    }
    if (st) {
      problems.push({ kind: 'not-regular', path: input, type: specialType(st) });
      continue;
    }
    // not an existing path: a glob, a missing file, or an entry we may not see
    const pattern = process.platform === 'win32' ? input.replace(/\\/g, '/') : input;
    if (statError === 'ENOENT' && isDynamicPattern(pattern)) {
      const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'] });
      matches.sort(byName);
      if (matches.length === 0) problems.push({ kind: 'no-match', pattern: input });
      for (const m of matches.map((x) => path.resolve(x))) {
        let mst: fs.Stats | undefined;
        try {
          mst = fs.statSync(m);
        } catch {
          // gone since it matched: the read reports it
        }
        if (mst && !mst.isFile()) problems.push({ kind: 'not-regular', path: m, type: specialType(mst) });
        else add(m);
      }
    } else if (statError === 'ENOENT' || statError === 'ENOTDIR') {
      problems.push({ kind: 'missing', path: input });
    } else {
      problems.push({ kind: 'unreadable', path: input, reason: statError ?? 'unknown' });
    }
  }
  return { files, problems };
}
