/**
 * Published originals (PDF, Word, web pages) in the editor. The client shows the text read from an original as a
 * read-only document of language `govreport` whose URI has the scheme `govreport-original`: the original file's
 * authority and path, and the original's own scheme as the query (`file:///d/r.pdf` ↔
 * `govreport-original:/d/r.pdf?file`, the form VS Code's `Uri.toString` gives). Those documents are reports like
 * any other (language `govreport`); the server reads the original's bytes with the readers
 * (`govreport/readOriginal`), and the workspace scan reads originals the same way, so "check the workspace"
 * publishes their findings on these URIs.
 */

import { readOriginal, originalKind, type ReadResult } from '../readers/index';

import { ORIGINAL_SCHEME } from '../shared/protocol';

export { ORIGINAL_SCHEME };

/** The URI of the text document of an original file (undefined for URIs without a scheme). */
export function originalDocUri(fileUri: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/i.exec(fileUri);
  if (!m) return undefined;
  const [, scheme, authority, path] = m;
  return `${ORIGINAL_SCHEME}:${authority ? `//${authority}` : ''}${path}?${scheme}`;
}

/** The original file of a `govreport-original:` document (undefined for other URIs). */
/**
 * `s` without its first character out of `chars` on its last line and all after it: what `/[?#].*$/` removed
 * (`.` stops at line breaks), in linear time.
 */
function cutFrom(s: string, chars: string): string {
  const lastBreak = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029'));
  for (let i = lastBreak + 1; i < s.length; i++) if (chars.includes(s[i])) return s.slice(0, i);
  return s;
}

export function originalFileUri(docUri: string): string | undefined {
  if (!docUri.startsWith(`${ORIGINAL_SCHEME}:`)) return undefined;
  const rest = docUri.slice(ORIGINAL_SCHEME.length + 1);
  const q = rest.indexOf('?');
  const scheme = q >= 0 ? decodeURIComponent(cutFrom(rest.slice(q + 1), '#')) || 'file' : 'file';
  const body = q >= 0 ? rest.slice(0, q) : rest;
  const withSlashes = body.startsWith('//') ? body : `//${body}`;
  return `${scheme}:${withSlashes}`;
}

/** The file name at the end of a URI (decoded), for the readers' dispatch by extension. */
export function uriFileName(uri: string): string {
  const last = cutFrom(uri, '?#').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Whether a file URI names an original the readers read. */
export function isOriginalUri(uri: string): boolean {
  return originalKind(uriFileName(uri)) !== undefined;
}

/** Reads an original's bytes into report text (never throws). */
export function readOriginalBytes(uri: string, bytes: Uint8Array): Promise<ReadResult> {
  return readOriginal(uriFileName(uri), bytes);
}
