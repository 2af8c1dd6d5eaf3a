/**
 * The one entry of the readers layer: `readOriginal(fileName, bytes)` → report text + source map + notices.
 *
 * Dispatch is by the file's extension (`originalKind`), corrected by the bytes where real files lie about
 * themselves: a `.doc` that is really a .docx (a ZIP) or a web page saved by Word under `.doc`, a `.docx` that is
 * really an old binary document. Each reader is loaded by a dynamic `import()` only when a file of its kind is
 * read, so text reports never load a reader or its libraries. In the Node bundles (scripts/build.mjs) every
 * reader is a file of its own beside the bundle (`server/out/readers/*.js`); in the browser worker they are
 * bundled in, as a classic worker cannot load chunks.
 *
 * Never throws: a reader that fails becomes an `unreadable` notice.
 */

import { isEncryptedOffice, isOle, isZip } from './docx-sniff';
import { originalKind, type OriginalKind, type ReaderNotice, type ReadResult } from './types';

export { originalKind, ORIGINAL_EXTENSIONS, type OriginalKind, type ReadResult, type ReaderNotice, type SourcePlace } from './types';

function notice(kind: OriginalKind, n: ReaderNotice): ReadResult {
  return { kind, text: '', lines: [], notices: [n] };
}

const LEGACY: ReaderNotice = {
  code: 'legacy-format',
  zh: '这是旧版 Word/WPS 二进制文档（.doc/.wps），无法读取其中的表格。请另存为 .docx 后再检查。',
  en: 'This is an old binary Word/WPS document (.doc/.wps) whose tables cannot be read. Save it as .docx and check it again.',
};

/** Looks like a web page (Word's "save as web page" under a .doc name, or a page saved with a wrong name). */
function looksLikeHtml(bytes: Uint8Array): boolean {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) head += String.fromCharCode(bytes[i]);
  return /^\s*(?:ï»¿\s*)?(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|<meta|<head)/i.test(head);
}

async function dispatch(kind: OriginalKind, bytes: Uint8Array): Promise<ReadResult> {
  switch (kind) {
    case 'pdf': {
      const { readPdf } = await import('./pdf');
      return readPdf(bytes);
    }
    case 'docx': {
      const { readDocx } = await import('./docx');
      return readDocx(bytes);
    }
    case 'html': {
      const { readHtml } = await import('./html');
      return readHtml(bytes);
    }
    case 'doc':
      return notice('doc', LEGACY);
  }
}

export async function readOriginal(fileName: string, bytes: Uint8Array): Promise<ReadResult> {
  const named = originalKind(fileName);
  if (!named) {
    return notice('html', { code: 'unreadable', zh: `“${fileName}”不是可读取的原件类型。`, en: `“${fileName}” is not a kind of original that can be read.` });
  }
  let kind: OriginalKind = named;
  if (named === 'doc' || named === 'docx') {
    if (isZip(bytes)) kind = 'docx';
    else if (isEncryptedOffice(bytes)) kind = 'docx'; // the .docx reader names the password
    else if (isOle(bytes)) kind = 'doc';
    else if (looksLikeHtml(bytes)) kind = 'html';
  }
  try {
    return await dispatch(kind, bytes);
  } catch (e) {
    return notice(kind, {
      code: 'unreadable',
      zh: `读取原件时出错：${e instanceof Error ? e.message : String(e)}`,
      en: `Reading the original failed: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}
