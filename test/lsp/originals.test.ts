/**
 * Originals in the language server: `govreport/readOriginal` reads the bytes the client sends with the readers;
 * the text, opened as a `govreport-original:` document of language govreport, gets diagnostics, outline and
 * inlay hints like any report; the workspace check reads originals and publishes on their text documents.
 */

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol, InlayHint } from 'vscode-languageserver/node';
import { lint } from '../../server/src/core';
import { originalDocUri, originalFileUri } from '../../server/src/lsp/originals';
import { readOriginal } from '../../server/src/readers/index';
import { originalModel, toDocx } from '../gen/originals';
import { FIXTURES } from '../helpers';
import { TestClient } from './harness';

const PAGE = path.join(FIXTURES, 'originals', 'sh-szfbgt_2019.html');

async function faultyDocx(): Promise<Uint8Array> {
  const total = originalModel().t3.total.slice();
  total[6] = Number(total[6]) + 1;
  return toDocx(originalModel({ t3: { total } }));
}

test('the URI of an original’s text document and back (the form VS Code gives)', () => {
  assert.equal(originalDocUri('file:///d/%E5%B9%B4%E6%8A%A5.pdf'), 'govreport-original:/d/%E5%B9%B4%E6%8A%A5.pdf?file');
  assert.equal(originalFileUri('govreport-original:/d/%E5%B9%B4%E6%8A%A5.pdf?file'), 'file:///d/%E5%B9%B4%E6%8A%A5.pdf');
  assert.equal(originalDocUri('vscode-vfs://github/o/r/a.docx'), 'govreport-original://github/o/r/a.docx?vscode-vfs');
  assert.equal(originalFileUri('govreport-original://github/o/r/a.docx?vscode-vfs'), 'vscode-vfs://github/o/r/a.docx');
  assert.equal(originalFileUri('file:///x.txt'), undefined);
});

test('govreport/readOriginal reads a Word file; its text opened as govreport-original: is checked, outlined and hinted', async () => {
  const bytes = await faultyDocx();
  const client = await TestClient.start({ pull: false });
  try {
    const fileUri = 'file:///govreport-test/report.docx';
    const read = (await client.conn.sendRequest('govreport/readOriginal', { uri: fileUri, base64: Buffer.from(bytes).toString('base64') })) as {
      kind: string;
      text: string;
      notices: unknown[];
    };
    assert.equal(read.kind, 'docx');
    assert.equal(read.text, (await readOriginal('report.docx', bytes)).text);
    assert.deepEqual(read.notices, []);
    const docUri = originalDocUri(fileUri)!;
    await client.open(docUri, read.text, 'govreport');
    const diags = await client.diagnosticsFor(docUri, 1);
    assert.deepEqual(
      diags.map((d: Diagnostic) => d.code),
      lint(read.text).findings.map((f) => f.ruleId),
    );
    assert.ok(diags.some((d) => d.code === 'table3-row-total'));
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: docUri } })) as DocumentSymbol[];
    assert.ok(symbols.length >= 6, 'the six sections in the outline');
    const lines = read.text.split('\n');
    const hints = (await client.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    })) as InlayHint[] | null;
    assert.ok((hints ?? []).length > 0, 'inlay hints on the derived cells');
    // an unreadable original: its notice, no text
    const empty = (await client.conn.sendRequest('govreport/readOriginal', { uri: 'file:///govreport-test/x.docx', base64: '' })) as { text: string; notices: { code: string }[] };
    assert.equal(empty.text, '');
    assert.deepEqual(empty.notices.map((n) => n.code), ['unreadable']);
  } finally {
    await client.stop();
  }
});

describe('govreport/checkWorkspace with originals', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-ws-originals-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads Word files and web pages of the folders and publishes their findings on their text documents', async () => {
    fs.copyFileSync(PAGE, path.join(dir, 'page.html'));
    fs.writeFileSync(path.join(dir, 'report.docx'), await faultyDocx());
    const client = await TestClient.start({ pull: false, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
    try {
      const result = (await client.conn.sendRequest('govreport/checkWorkspace', {})) as { files: number; reports: number; errors: number };
      assert.equal(result.files, 2);
      assert.equal(result.reports, 2);
      for (const name of ['page.html', 'report.docx']) {
        const fileUri = pathToFileURL(path.join(dir, name)).href;
        const text = (await readOriginal(name, fs.readFileSync(path.join(dir, name)))).text;
        const published = client.diagnostics.get(originalDocUri(fileUri)!);
        assert.ok(published, `diagnostics of ${name} on its govreport-original: document`);
        assert.deepEqual(
          published.diagnostics.map((d: Diagnostic) => d.code),
          lint(text).findings.map((f) => f.ruleId),
        );
        assert.equal(client.diagnostics.get(fileUri), undefined, 'nothing on the binary file itself');
      }
      assert.ok(result.errors >= 3, 'the Word file’s table errors counted');
    } finally {
      await client.stop();
    }
  });
});
