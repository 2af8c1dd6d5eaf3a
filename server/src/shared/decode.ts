/**
 * Bytes → text, the one decoder of the editor (language server, on Node and in the browser worker) and the
 * command line: a pure sniffer over `Uint8Array` with the platform's WHATWG `TextDecoder` (Node and VS Code's
 * Electron ship full ICU, so `gb18030` is available; a runtime without it reports `unsupported`). The CLI keeps
 * its encoder (cli/decode.ts) to write fixes back in the file's own encoding.
 *
 * Detection order: BOM (UTF-8, UTF-16 LE/BE); BOM-less UTF-16 by the position of NUL bytes; any other NUL byte
 * means binary; strict UTF-8; UTF-8 with a few damaged bytes (decoded lossily, the core then reports
 * `encoding-suspect`); otherwise GBK (GB18030 when 4-byte sequences occur). Text that is mostly control
 * characters is binary too.
 */

/** Encoding ids as VS Code names them (`files.encoding`). */
export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gbk' | 'gb18030';

export interface DecodedBinary {
  readonly kind: 'binary';
  /** `nul`: NUL bytes that UTF-16 does not explain; `control`: mostly control characters. */
  readonly reason: 'nul' | 'control';
}


/** Human-readable names (stylish output, SARIF `artifact.encoding`, IANA spelling). */
export const ENCODING_LABEL: Record<TextEncoding, string> = {
  utf8: 'UTF-8',
  utf8bom: 'UTF-8',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
  gbk: 'GBK',
  gb18030: 'GB18030',
};

export const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
export const UTF16LE_BOM = Uint8Array.of(0xff, 0xfe);
export const UTF16BE_BOM = Uint8Array.of(0xfe, 0xff);

/** Share of characters that may be control characters (or U+FFFD) before a file counts as binary. */
const MAX_CONTROL_SHARE = 0.1;

export function startsWith(buf: Uint8Array, prefix: Uint8Array): boolean {
  if (buf.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}

export function swapBytes(buf: Uint8Array): Uint8Array {
  const out = new Uint8Array(buf.length - (buf.length % 2));
  for (let i = 0; i + 1 < buf.length; i += 2) {
    out[i] = buf[i + 1];
    out[i + 1] = buf[i];
  }
  return out;
}

/** UTF-16 (LE, or BE swapped to LE: not every runtime decodes utf-16be); a trailing odd byte is dropped. */
export function decodeUtf16(body: Uint8Array, be: boolean): string {
  const le = be ? swapBytes(body) : body.subarray(0, body.length - (body.length % 2));
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le);
}

/** Control characters other than the usual text ones (tab, line breaks, form feed) plus U+FFFD and lone surrogates. */
function suspiciousShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) || c === 0x7f || c === 0xfffd) bad++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else bad++;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad++;
  }
  return bad / text.length;
}

/** Share of characters from the ranges reports are written in (ASCII, CJK, CJK and full-width punctuation …). */
function plausibleShare(text: string): number {
  if (text.length === 0) return 1;
  let ok = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 ||
      (c >= 0xa0 && c <= 0xff) ||
      (c >= 0x2000 && c <= 0x206f) || // general punctuation (“ ” — …)
      (c >= 0x2460 && c <= 0x24ff) || // circled numbers
      (c >= 0x2e80 && c <= 0x303f) || // radicals, CJK symbols and punctuation
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      c === 0xfeff
    ) ok++;
  }
  return ok / text.length;
}

/**
 * BOM-less UTF-16: ASCII characters (digits, tabs and line breaks are common in reports) are a code unit with a
 * NUL high byte — in LE the pair is (x, 0), in BE (0, x). CJK characters can have a NUL low byte (开 U+5F00,
 * 一 U+4E00), which looks like the other order, so the dominant order decides, and the decoded text must then
 * consist of characters reports are written in.
 */
function sniffUtf16(buf: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  if (buf.length < 2 || buf.length % 2 !== 0) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) {
    const a = buf[i];
    const b = buf[i + 1];
    if (b === 0 && a !== 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  const minUnits = Math.max(1, Math.ceil((buf.length / 2) * 0.01));
  let guess: 'utf16le' | 'utf16be' | undefined;
  if (le >= minUnits && le >= 3 * be) guess = 'utf16le';
  else if (be >= minUnits && be >= 3 * le) guess = 'utf16be';
  if (!guess) return undefined;
  const text = decodeUtf16(buf, guess === 'utf16be');
  if (text.includes('\u0000') || plausibleShare(text) < 0.9) return undefined;
  return guess;
}

/** Counts well-formed UTF-8 multi-byte sequences and bytes that belong to none. */
function utf8Shape(buf: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = n > 0 && i + n < buf.length;
    if (ok) for (let k = 1; k <= n; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += n + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** GB18030 four-byte sequences: lead 0x81–0xFE, second byte a digit. Plain GBK has none. */
function hasGb18030FourByte(buf: Uint8Array): boolean {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b >= 0x81 && b <= 0xfe && i + 1 < buf.length) {
      const c = buf[i + 1];
      if (c >= 0x30 && c <= 0x39) return true;
      i += 2;
    } else i++;
  }
  return false;
}

export interface SniffedText {
  readonly kind: 'text';
  /** The text without BOM, as the core sees it. */
  readonly text: string;
  readonly encoding: TextEncoding;
  /** The file starts with a byte order mark. */
  readonly bom: boolean;
  /** Strict UTF-8 or a BOM: decoding is exact, no need to re-encode to know it (else the CLI compares). */
  readonly exact: boolean;
}

export type Sniffed = SniffedText | DecodedBinary | { readonly kind: 'unsupported'; readonly encoding: TextEncoding };

function text(t: string, encoding: TextEncoding, bom: boolean, exact: boolean): Sniffed {
  if (suspiciousShare(t) > MAX_CONTROL_SHARE) return { kind: 'binary', reason: 'control' };
  return { kind: 'text', text: t, encoding, bom, exact };
}

/** Decodes a file's bytes (see the top of this module). */
export function sniffBytes(buf: Uint8Array): Sniffed {
  if (startsWith(buf, UTF8_BOM)) return text(new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf.subarray(3)), 'utf8bom', true, false);
  if (startsWith(buf, UTF16LE_BOM)) return text(decodeUtf16(buf.subarray(2), false), 'utf16le', true, false);
  if (startsWith(buf, UTF16BE_BOM)) return text(decodeUtf16(buf.subarray(2), true), 'utf16be', true, false);
  // BOM-less UTF-16 needs NUL bytes (sniffUtf16 wants 1 % of the code units to have one), so most files skip it
  const hasNul = buf.includes(0);
  const u16 = hasNul ? sniffUtf16(buf) : undefined;
  if (u16) return text(decodeUtf16(buf, u16 === 'utf16be'), u16, false, false);
  if (hasNul) return { kind: 'binary', reason: 'nul' };
  try {
    // strict UTF-8 (without BOM, checked above) re-encodes to exactly these bytes
    return text(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf), 'utf8', false, true);
  } catch {
    // not strict UTF-8
  }
  const shape = utf8Shape(buf);
  if (shape.valid > 0 && shape.valid >= 4 * shape.invalid) {
    // UTF-8 with a few damaged bytes: decode lossily (U+FFFD), the core reports `encoding-suspect`
    return text(new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf), 'utf8', false, false);
  }
  const enc: TextEncoding = hasGb18030FourByte(buf) ? 'gb18030' : 'gbk';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder('gb18030');
  } catch {
    return { kind: 'unsupported', encoding: enc };
  }
  return text(decoder.decode(buf), enc, false, false);
}

/** The text of a file's bytes, or undefined for binary data and encodings the runtime cannot decode. */
export function decodeToText(buf: Uint8Array): string | undefined {
  const d = sniffBytes(buf);
  return d.kind === 'text' ? d.text : undefined;
}
