/**
 * Bytes → text for the CLI (the shared sniffer, shared/decode.ts, which the language server uses too), and
 * text → bytes for `--fix`, in the file's own encoding (iconv-lite for GBK/GB18030).
 */

import * as iconv from 'iconv-lite';
import { decodeUtf16, sniffBytes, startsWith, swapBytes, UTF16BE_BOM, UTF16LE_BOM, UTF8_BOM, type DecodedBinary, type TextEncoding } from '../shared/decode';

export { ENCODING_LABEL, type DecodedBinary, type TextEncoding } from '../shared/decode';

export interface DecodedText {
  readonly kind: 'text';
  /** The text without BOM, as the core sees it. */
  readonly text: string;
  readonly encoding: TextEncoding;
  /** The file starts with a byte order mark (kept when writing back). */
  readonly bom: boolean;
  /** Re-encoding `text` gives back the original bytes exactly (required before `--fix` may write). */
  readonly lossless: boolean;
}

export type Decoded = DecodedText | DecodedBinary;

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.length);
}

export function decodeBytes(buf: Uint8Array): Decoded {
  const d = sniffBytes(buf);
  if (d.kind === 'binary') return d;
  if (d.kind === 'unsupported') {
    // a Node without a GB18030 TextDecoder (small ICU): iconv-lite decodes it
    const t = iconv.decode(asBuffer(buf), d.encoding);
    return { kind: 'text', text: t, encoding: d.encoding, bom: false, lossless: encodeText(t, d.encoding, false).equals(asBuffer(buf)) };
  }
  const lossless = d.exact || encodeText(d.text, d.encoding, d.bom).equals(asBuffer(buf));
  return { kind: 'text', text: d.text, encoding: d.encoding, bom: d.bom, lossless };
}

/** Text → bytes in the given encoding, with the BOM when the original had one. */
export function encodeText(t: string, encoding: TextEncoding, bom: boolean): Buffer {
  switch (encoding) {
    case 'utf8':
    case 'utf8bom': {
      const body = Buffer.from(t, 'utf8');
      return bom ? Buffer.concat([UTF8_BOM, body]) : body;
    }
    case 'utf16le': {
      const body = Buffer.from(t, 'utf16le');
      return bom ? Buffer.concat([UTF16LE_BOM, body]) : body;
    }
    case 'utf16be': {
      const body = asBuffer(swapBytes(Buffer.from(t, 'utf16le')));
      return bom ? Buffer.concat([UTF16BE_BOM, body]) : body;
    }
    case 'gbk':
    case 'gb18030':
      return iconv.encode(t, encoding);
  }
}

/** Decoding the bytes with the same codec gives back exactly `t` (no character was lost in the encoding). */
export function roundTrips(bytes: Buffer, t: string, encoding: TextEncoding, bom: boolean): boolean {
  let body: Buffer = bytes;
  if (bom) {
    const mark = encoding === 'utf16le' ? UTF16LE_BOM : encoding === 'utf16be' ? UTF16BE_BOM : UTF8_BOM;
    if (!startsWith(bytes, mark)) return false;
    body = bytes.subarray(mark.length);
  }
  try {
    switch (encoding) {
      case 'utf8':
      case 'utf8bom':
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) === t;
      case 'utf16le':
      case 'utf16be':
        return body.length % 2 === 0 && decodeUtf16(body, encoding === 'utf16be') === t;
      case 'gbk':
      case 'gb18030':
        return iconv.decode(body, encoding) === t;
    }
  } catch {
    return false;
  }
}
