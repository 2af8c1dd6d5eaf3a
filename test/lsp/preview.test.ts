/**
 * `govreport/preview` in the in-process server (the Node server with its analysis worker, and the web-worker
 * server's platform): the preview of an open document's current version, updated by edits, null for documents
 * that are not open (the request never reads a file), for bad parameters, and no report data for plain text.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreviewCell, PreviewData, PreviewResult } from '../../server/src/core';
import { SEEDS, readFixture, seedNames } from '../helpers';
import { TestClient, WORKER_SCRIPT, docUri } from './harness';

const SEED0 = seedNames()[0];
const text = readFixture('seeds', SEED0);

function totalOfR1(d: PreviewData): PreviewCell {
  const t3 = d.reports[0].tables.find((t) => t.kind === 'T3')!;
  return t3.blocks[0].rows.find((r) => r.key === 'r1')!.cells[6];
}

for (const inline of [false, true]) {
  describe(`govreport/preview (${inline ? 'analysis on the main thread' : 'analysis worker'})`, () => {
    let client: TestClient;
    const uri = docUri(SEED0);
    before(async () => {
      client = await TestClient.start({ locale: 'zh-cn', server: inline ? { inline: true } : { workerScript: WORKER_SCRIPT } });
      await client.open(uri, text);
    });
    after(() => client.stop());

    const request = (params: unknown): Promise<PreviewResult> => client.conn.sendRequest('govreport/preview', params);

    test('sample 000: the table-3 total of （一）予以公开 is wrong, computed 0, on line 108', async () => {
      const d = await request({ uri, version: 1 });
      assert.ok(d);
      assert.equal(d.uri, uri);
      assert.equal(d.version, 1);
      assert.equal(d.isReport, true);
      assert.equal(d.lang, 'zh');
      const total = totalOfR1(d);
      assert.equal(total.raw, '2');
      assert.equal(total.computed, '0');
      assert.equal(total.range?.start.line, 107);
      assert.deepEqual(d.reports[0].sections.map((s) => s.mark), ['misnumbered', 'present', 'present', 'present', 'present', 'present']);
      assert.deepEqual(d.reports[0].counts, { errors: 1, warnings: 5, infos: 2 });
      assert.equal(d.list.length, 1);
    });

    test('after an edit that fixes the row, the preview of the new version has no wrong cell', async () => {
      const line = 106; // `\t0`: 其他 of （一）予以公开
      assert.equal(text.split('\n')[line], '\t0');
      await client.change(uri, 2, [{ range: { start: { line, character: 1 }, end: { line, character: 2 } }, text: '2' }]);
      const d = await request({ uri, version: 2 });
      assert.ok(d);
      assert.equal(d.version, 2);
      const total = totalOfR1(d);
      assert.equal(total.computed, undefined);
      assert.match(total.formulas[0], /= 2 ✓$/);
      assert.deepEqual(d.reports[0].counts.errors, 0);
      // and back: the total is wrong again in version 3
      await client.change(uri, 3, [{ range: { start: { line, character: 1 }, end: { line, character: 2 } }, text: '0' }]);
      const again = await request({ uri });
      assert.equal(again?.version, 3);
      assert.equal(totalOfR1(again!).computed, '0');
    });

    test('a document that is not open gets null, even when its file exists (the request never reads files)', async () => {
      const onDisk = pathToFileURL(path.join(SEEDS, seedNames()[1])).toString();
      assert.equal(await request({ uri: onDisk }), null);
      assert.equal(await request({ uri: 'file:///etc/passwd' }), null);
    });

    test('bad parameters get null, and the server keeps answering', async () => {
      for (const p of [null, {}, { uri: 42 }, { uri: ['x'] }]) assert.equal(await request(p), null, JSON.stringify(p));
      assert.ok(await request({ uri }));
    });

    test('plain text that is no report: no report data', async () => {
      const plain = docUri('notes.txt');
      await client.open(plain, '会议记录\n今天讨论了三件事。\n', 'plaintext');
      const d = await request({ uri: plain });
      assert.ok(d);
      assert.equal(d.isReport, false);
      assert.deepEqual(d.reports, []);
    });

    test('a large document of several reports (checked incrementally): the list, and the report at the line in full', async () => {
      const parts = Array.from({ length: 14 }, () => text.replace(/\n?$/, '\n'));
      const big = parts.join('');
      assert.ok(big.length > 32 * 1024, 'large enough for the incremental check');
      const bigUri = docUri('big.txt');
      await client.open(bigUri, big);
      const perReport = text.replace(/\n?$/, '\n').split('\n').length - 1;
      const first = await request({ uri: bigUri });
      assert.equal(first?.list.length, 14);
      assert.deepEqual(first!.list.map((r) => r.firstLine), Array.from({ length: 14 }, (_, k) => k * perReport));
      assert.equal(first!.reports[0].index, 0);
      // an edit in report 5, then the preview at a line of report 3: its wrong total, on its own line 108
      await client.change(bigUri, 2, [{ range: { start: { line: 5 * perReport + 3, character: 0 }, end: { line: 5 * perReport + 3, character: 0 } }, text: '1' }]);
      const third = await request({ uri: bigUri, line: 3 * perReport + 50 });
      assert.equal(third?.version, 2);
      assert.equal(third!.reports[0].index, 3);
      const total = totalOfR1(third!);
      assert.equal(total.id, '3:T3:r1:6');
      assert.equal(total.computed, '0');
      assert.equal(total.range?.start.line, 3 * perReport + 107);
      await client.close(bigUri);
    });

    test('settings: English when govreport.language is en', async () => {
      await client.changeConfiguration(() => ({ language: 'en' }));
      const d = await request({ uri });
      assert.equal(d?.lang, 'en');
      assert.match(totalOfR1(d!).formulas[0], /the report says 2/);
      await client.changeConfiguration(() => ({}));
    });
  });
}
