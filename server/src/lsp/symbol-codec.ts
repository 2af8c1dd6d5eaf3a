/**
 * Document symbols packed for the trip from the analysis worker to the server's thread. The outline of a 1 MB
 * document is about 10,000 symbols of six objects each; the structured clone of that object graph took longer than
 * computing it (about 100 ms, measured in bench/lsp.mjs's profile). Packed, it is one Int32Array and one string (two
 * copies), and the objects are built once, on the server's thread.
 */

import type { DocumentSymbol, Range } from 'vscode-languageserver';

export interface PackedSymbols {
  readonly packedSymbols: true;
  /** Per symbol, in pre-order: its name, then its detail, one after the other. */
  readonly strings: string;
  /**
   * Per symbol, in pre-order: kind, number of children, length of the name, length of the detail (-1: none), range
   * and selection range (4 each).
   */
  readonly nums: Int32Array;
}

const PER_SYMBOL = 12;

function count(symbols: readonly DocumentSymbol[]): number {
  let n = symbols.length;
  for (const s of symbols) if (s.children) n += count(s.children);
  return n;
}

export function packSymbols(symbols: readonly DocumentSymbol[]): PackedSymbols {
  const nums = new Int32Array(count(symbols) * PER_SYMBOL);
  const strings: string[] = [];
  let at = 0;
  const putRange = (r: Range): void => {
    nums[at++] = r.start.line;
    nums[at++] = r.start.character;
    nums[at++] = r.end.line;
    nums[at++] = r.end.character;
  };
  const put = (list: readonly DocumentSymbol[]): void => {
    for (const s of list) {
      nums[at++] = s.kind;
      nums[at++] = s.children?.length ?? 0;
      nums[at++] = s.name.length;
      nums[at++] = s.detail === undefined ? -1 : s.detail.length;
      putRange(s.range);
      putRange(s.selectionRange);
      strings.push(s.name);
      if (s.detail !== undefined) strings.push(s.detail);
      if (s.children) put(s.children);
    }
  };
  put(symbols);
  return { packedSymbols: true, strings: strings.join(''), nums };
}

export function isPackedSymbols(x: unknown): x is PackedSymbols {
  return typeof x === 'object' && x !== null && (x as { packedSymbols?: unknown }).packedSymbols === true;
}

/** The symbols `packSymbols` was given (every symbol has `detail`, possibly undefined, and `children`). */
export function unpackSymbols(p: PackedSymbols): DocumentSymbol[] {
  const { nums, strings } = p;
  let at = 0;
  let str = 0;
  const range = (): Range => {
    const r = { start: { line: nums[at], character: nums[at + 1] }, end: { line: nums[at + 2], character: nums[at + 3] } };
    at += 4;
    return r;
  };
  const take = (n: number): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (let i = 0; i < n; i++) {
      const kind = nums[at++] as DocumentSymbol['kind'];
      const children = nums[at++];
      const nameLength = nums[at++];
      const detailLength = nums[at++];
      const r = range();
      const sel = range();
      const name = strings.slice(str, (str += nameLength));
      const detail = detailLength < 0 ? undefined : strings.slice(str, (str += detailLength));
      out.push({ name, detail, kind, range: r, selectionRange: sel, children: take(children) });
    }
    return out;
  };
  const out: DocumentSymbol[] = [];
  while (at < nums.length) out.push(...take(1));
  return out;
}
