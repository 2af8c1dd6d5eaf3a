/**
 * The PDF reader as the browser worker has it: pdf.js is loaded at run time from files beside the Node bundles
 * (server/out/pdfjs), which a web extension's classic worker cannot import, so in VS Code for the web a PDF gets
 * one clear notice instead. The `browser` field of server/package.json puts this module in place of `./pdf` in every
 * browser bundle (esbuild's browser platform); Word files and web pages are read there as everywhere.
 */

import type { ReadResult } from './types';

export function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  void bytes;
  return Promise.resolve({
    kind: 'pdf',
    text: '',
    lines: [],
    notices: [
      {
        code: 'unreadable',
        zh: '浏览器版 VS Code 不能读取 PDF 原件：请在桌面版 VS Code 中打开，或用命令行 govreport-lint 检查。Word 文件和网页可以在这里检查。',
        en: 'VS Code for the web cannot read PDF originals: open it in desktop VS Code or check it with the govreport-lint command line. Word files and web pages can be checked here.',
      },
    ],
  });
}
