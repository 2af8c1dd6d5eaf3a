/**
 * PDF reader: a placeholder of this branch, to be replaced by the pdf-reader branch's `readPdf` at merge.
 * It reads nothing and says so in one notice, so the dispatch, the CLI and the editor can be built and tested
 * with PDF files before the real reader lands.
 */

import type { ReadResult } from './types';

export async function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  void bytes;
  return {
    kind: 'pdf',
    text: '',
    lines: [],
    notices: [
      {
        code: 'unreadable',
        zh: '此版本尚不能读取 PDF 文件。',
        en: 'PDF reading is not available in this build.',
      },
    ],
  };
}
