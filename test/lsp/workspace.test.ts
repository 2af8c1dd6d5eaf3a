/**
 * The workspace: cross-year pairing with another file (saved or open), the workspace check over closed files
 * (UTF-8 and GBK), and huge documents (analysed off the message loop, stopped when stale or over budget).
 */

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iconv from 'iconv-lite';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
import { lint } from '../../server/src/core';
import { AnalysisTimeout, WorkerAnalyzer } from '../../server/src/lsp/analyzer';
import { decodeToText as decodeBytes } from '../../server/src/shared/decode';
import { readFixture, seedNames } from '../helpers';
import { TestClient, WORKER_SCRIPT, docUri } from './harness';

const SEED2 = seedNames().find((n) => n.startsWith('002'))!;
const SEED0 = seedNames()[0];

/** Seed 002 (2023) moved to 2024, carrying 3 applications in from 2023 although 2023 carried none over. */
function nextYear(): string {
  const lines = readFixture('seeds', SEED2).split('\n');
  for (const i of [2, 6, 83, 93]) lines[i] = lines[i].replace('2023', '2024');
  lines[41] = '二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\t';
  return lines.join('\n');
}

function tmpdir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('cross-year rules with the previous year in the workspace', () => {
  const dir = tmpdir('govreport-xy-');
  const prevFile = path.join(dir, '卫东区卫健委2023.txt');
  const curFile = path.join(dir, '卫东区卫健委2024.txt');
  fs.writeFileSync(prevFile, readFixture('seeds', SEED2));
  fs.writeFileSync(curFile, nextYear());
  fs.writeFileSync(path.join(dir, 'README.md'), '# notes\n');
  const prevUri = pathToFileURL(prevFile).href;
  const curUri = pathToFileURL(curFile).href;
  const folders = [{ uri: pathToFileURL(dir).href, name: 'ws' }];
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a first check that does not wait for the scan is redone when the scan finds the previous year', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: folders, server: { firstScanWaitMs: 0 } });
    try {
      await client.open(curUri, nextYear());
      await client.waitFor(
        () => client.diagnostics.get(curUri)?.diagnostics.some((d) => d.code === 'cross-year-carryover'),
        'the re-check after the scan',
      );
    } finally {
      await client.stop();
    }
  });

  test('the saved 2023 report is found and paired; editing the open 2023 report re-checks 2024 (push)', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: folders });
    try {
      await client.open(curUri, nextYear());
      // (on a slow disk the first check may come before the scan; the scan then re-checks)
      const ds = await client.diagnosticsWithCode(curUri, 'cross-year-carryover', 'diagnostics with the previous year paired');
      const cross = ds.filter((d) => d.code === 'cross-year-carryover');
      assert.equal(cross.length, 2, ds.map((d) => d.code).join());
      assert.match(cross[0].message, /2023年度报告结转下年度为0（卫东区卫健委2023\.txt）/);
      const rel = cross[0].relatedInformation?.[0];
      assert.equal(rel?.location.uri, prevUri);
      assert.equal(rel?.location.range.start.line, 64, 'the carry-over row of the 2023 file');
      // open the 2023 report and carry 3 over (unsaved): the 2024 report no longer disagrees
      const prevText = readFixture('seeds', SEED2);
      await client.open(prevUri, prevText);
      await client.diagnosticsFor(prevUri, 1);
      const n = client.published.length;
      const row = prevText.split('\n')[64];
      await client.change(prevUri, 2, [
        { range: { start: { line: 64, character: 0 }, end: { line: 64, character: row.length } }, text: '四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3\t' },
      ]);
      // (opening the 2023 report may re-check 2024 once more before the edit arrives; wait for the edit's effect)
      const p = await client.waitFor(
        () => client.published.slice(n).find((x) => x.uri === curUri && !x.diagnostics.some((d) => d.code === 'cross-year-carryover')),
        're-check of the 2024 report against the edited 2023 report',
      );
      assert.equal(p.diagnostics.filter((d) => d.code === 'table3-column-balance').length, 2, 'the rest of 2024 is unchanged');
      assert.equal(client.diagnostics.get(curUri)?.diagnostics.filter((d) => d.code === 'cross-year-carryover').length, 0);
    } finally {
      await client.stop();
    }
  });

  test('adding the folder that holds the previous year re-checks with it', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [] });
    try {
      await client.open(curUri, nextYear());
      const first = await client.diagnosticsFor(curUri, 1);
      assert.deepEqual(first.filter((d) => d.code === 'cross-year-carryover'), []);
      client.folders = folders;
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: folders, removed: [] } });
      await client.waitFor(
        () => client.diagnostics.get(curUri)?.diagnostics.some((d) => d.code === 'cross-year-carryover'),
        'the re-check with the new folder',
      );
    } finally {
      await client.stop();
    }
  });

  test('the same pairing through pull diagnostics', async () => {
    const client = await TestClient.start({ pull: true, locale: 'zh-cn', workspaceFolders: folders });
    try {
      await client.open(curUri, nextYear());
      let refreshes = client.refreshes;
      let r = await client.pull(curUri);
      for (let i = 0; i < 3 && r.kind === 'full' && !r.items.some((d) => d.code === 'cross-year-carryover'); i++) {
        // pulled before the scan landed: the scan asks for a refresh
        await client.waitFor(() => client.refreshes > refreshes, 'refresh after the workspace scan');
        refreshes = client.refreshes;
        r = await client.pull(curUri);
      }
      assert.equal(r.kind, 'full');
      assert.equal(r.kind === 'full' && r.items.filter((d) => d.code === 'cross-year-carryover').length, 2);
    } finally {
      await client.stop();
    }
  });

  test('without the previous year in the workspace there is nothing to compare', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const uri = docUri('alone-2024.txt');
      await client.open(uri, nextYear());
      const ds = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(ds.filter((d) => d.code === 'cross-year-carryover'), []);
      assert.equal(ds.filter((d) => d.code === 'table3-column-balance').length, 2);
    } finally {
      await client.stop();
    }
  });
});

describe('the real 洪泽区 reports of 2023 and 2024 (titles 洪泽区人民政府 / 淮安市洪泽区人民政府) are paired', () => {
  const dir = tmpdir('govreport-hz-');
  const prevFile = path.join(dir, '02_hongze-qzf_2023.txt');
  const curFile = path.join(dir, '04_hongze-qzf_2024.txt');
  const prevLines = readFixture('real', '02_hongze-qzf_2023.txt').split('\n');
  const carryOut = prevLines.findIndex((l) => l.includes('四、结转下年度继续办理'));
  prevLines[carryOut] = prevLines[carryOut].replace(/(继续办理\s+)0/, '$13');
  fs.writeFileSync(prevFile, prevLines.join('\n'));
  const curText = readFixture('real', '04_hongze-qzf_2024.txt');
  fs.writeFileSync(curFile, curText);
  const curUri = pathToFileURL(curFile).href;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a changed carried-over count of 2023 is found on 2024, and the status names the paired file', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'hz' }] });
    try {
      await client.open(curUri, curText);
      const ds = await client.diagnosticsWithCode(curUri, 'cross-year-carryover', 'the cross-year finding');
      const cross = ds.filter((d) => d.code === 'cross-year-carryover');
      assert.equal(cross.length, 1);
      assert.match(cross[0].message, /02_hongze-qzf_2023\.txt/);
      assert.equal(cross[0].relatedInformation?.[0].location.uri, pathToFileURL(prevFile).href);
      const status = await client.waitFor(() => client.statuses.filter((s) => s.uri === curUri && s.previousYear).at(-1), 'a status with the pairing');
      assert.deepEqual(status.previousYear, { uri: pathToFileURL(prevFile).href, name: '02_hongze-qzf_2023.txt' });
    } finally {
      await client.stop();
    }
  });
});

test('file decoding: UTF-8 (with or without BOM), UTF-16 LE/BE by BOM, GBK and GB18030', () => {
  const text = readFixture('seeds', SEED2) + '𠀀€';
  const utf8 = Buffer.from(text, 'utf8');
  assert.equal(decodeBytes(utf8), text);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), text);
  const le = Buffer.from(text, 'utf16le');
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), text);
  const be = Buffer.from(le);
  be.swap16();
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
  const plain = readFixture('seeds', SEED2);
  assert.equal(decodeBytes(iconv.encode(plain, 'gbk')), plain);
  assert.equal(decodeBytes(iconv.encode(text, 'gb18030')), text);
});

describe('govreport/checkWorkspace', () => {
  const dir = tmpdir('govreport-ws-');
  const names = seedNames();
  for (const n of names) fs.writeFileSync(path.join(dir, n), readFixture('seeds', n));
  fs.mkdirSync(path.join(dir, 'gbk'));
  const gbkName = path.join(dir, 'gbk', 'gbk-' + names[3]);
  fs.writeFileSync(gbkName, iconv.encode(readFixture('seeds', names[3]), 'gbk'));
  fs.writeFileSync(path.join(dir, 'notes.md'), '# 会议纪要\n\n下周开会。\n');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'node_modules', 'ignored.txt'), readFixture('seeds', names[0]));
  const folders = [{ uri: pathToFileURL(dir).href, name: 'ws' }];
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expected = (() => {
    let errors = 0;
    let warnings = 0;
    for (const n of [...names, names[3]]) {
      const r = lint(readFixture('seeds', n));
      errors += r.findings.filter((f) => f.severity === 'error').length;
      warnings += r.findings.filter((f) => f.severity === 'warning').length;
    }
    return { files: names.length + 2, reports: names.length + 1, errors, warnings };
  })();

  for (const pullMode of [false, true]) {
    test(`counts every report file (UTF-8 and GBK) and publishes their diagnostics (${pullMode ? 'pull' : 'push'} client)`, async () => {
      const client = await TestClient.start({ pull: pullMode, locale: 'zh-cn', workspaceFolders: folders });
      try {
        // one of them is open: its open analysis is used
        const openUri = pathToFileURL(path.join(dir, names[1])).href;
        await client.open(openUri, readFixture('seeds', names[1]));
        const result = await client.conn.sendRequest('govreport/checkWorkspace', {});
        assert.deepEqual(result, expected);
        const gbkUri = pathToFileURL(gbkName).href;
        const gbk = client.diagnostics.get(gbkUri);
        assert.ok(gbk, 'diagnostics of the closed GBK file');
        assert.deepEqual(
          gbk.diagnostics.map((d: Diagnostic) => d.code),
          lint(readFixture('seeds', names[3])).findings.map((f) => f.ruleId),
        );
        assert.equal(client.diagnostics.get(pathToFileURL(path.join(dir, 'node_modules', 'ignored.txt')).href), undefined);
        if (pullMode) {
          assert.equal(client.diagnostics.get(openUri), undefined, 'open documents are pulled, not pushed');
          // opening a file that was pushed for clears the pushed copy: the pulled one replaces it
          const zeroUri = pathToFileURL(path.join(dir, names[0])).href;
          assert.equal(client.diagnostics.get(zeroUri)?.diagnostics.length, 8);
          await client.open(zeroUri, readFixture('seeds', names[0]));
          await client.waitFor(() => client.diagnostics.get(zeroUri)?.diagnostics.length === 0, 'pushed diagnostics cleared');
        }
        // the tables of a closed GBK file can be exported
        const csv = (await client.conn.sendRequest('govreport/exportTables', { uri: gbkUri, format: 'csv' })) as { content: string };
        assert.ok(csv.content.split('\r\n').length > 40);
      } finally {
        await client.stop();
      }
    });
  }
});

describe('workspace boundary of the file requests', () => {
  const root = tmpdir('govreport-boundary-');
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(outside);
  const report = readFixture('seeds', SEED2);
  fs.writeFileSync(path.join(ws, 'inside.txt'), report);
  fs.writeFileSync(path.join(outside, 'secret.txt'), report);
  let linked = true;
  try {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link.txt'));
    fs.symlinkSync(outside, path.join(ws, 'linked-dir'));
  } catch {
    linked = false; // no symbolic links on this file system
  }
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('govreport/exportTables answers for open documents and files inside the folders only (.. and links resolved)', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'ws' }] });
    try {
      const exportOf = async (uri: string) => ((await client.conn.sendRequest('govreport/exportTables', { uri, format: 'csv' })) as { content: string }).content;
      // inside: answered (proves the request works at all)
      assert.ok((await exportOf(pathToFileURL(path.join(ws, 'inside.txt')).href)).split('\r\n').length > 40);
      // outside, directly and through `..`
      assert.equal(await exportOf(pathToFileURL(path.join(outside, 'secret.txt')).href), '');
      assert.equal(await exportOf(`${pathToFileURL(ws).href}/../outside/secret.txt`), '');
      assert.equal(await exportOf(`${pathToFileURL(ws).href}/%2E%2E/outside/secret.txt`), '');
      if (linked) {
        assert.equal(await exportOf(pathToFileURL(path.join(ws, 'link.txt')).href), '', 'a link to a file outside');
        assert.equal(await exportOf(pathToFileURL(path.join(ws, 'linked-dir', 'secret.txt')).href), '', 'a file below a linked folder');
      }
      // an open document is answered wherever it is (its text is the editor's, not read from disk)
      const openUri = pathToFileURL(path.join(outside, 'secret.txt')).href;
      await client.open(openUri, report);
      assert.ok((await exportOf(openUri)).split('\r\n').length > 40);
    } finally {
      await client.stop();
    }
  });
});

describe('huge documents', () => {
  const seedsText = seedNames()
    .map((n) => readFixture('seeds', n))
    .join('\n');
  const concat = (bytes: number): string => {
    const one = Buffer.byteLength(seedsText) + 1;
    return Array(Math.ceil(bytes / one)).fill(seedsText).join('\n');
  };

  test('a 10 MB document is checked off the message loop: hovers on another report stay fast', async (t) => {
    const client = await TestClient.start({ locale: 'zh-cn', server: { budgetMs: 180_000 } });
    try {
      const small = docUri('small-' + SEED0);
      await client.open(small, readFixture('seeds', SEED0));
      await client.diagnosticsFor(small, 1);
      const huge = concat(10 * 1024 * 1024);
      const hugeUri = docUri('huge.txt');
      const t0 = Date.now();
      await client.open(hugeUri, huge);
      const latencies: number[] = [];
      let done = false;
      const diags = client.diagnosticsFor(hugeUri, 1, 170_000).then((d) => {
        done = true;
        return d;
      });
      while (!done) {
        const h0 = Date.now();
        const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 107, character: 1 } })) as Hover;
        latencies.push(Date.now() - h0);
        assert.ok(h, 'hover answered');
        await new Promise((r) => setTimeout(r, 50));
      }
      const ds = await diags;
      const elapsed = Date.now() - t0;
      t.diagnostic(`10 MB (${huge.length} UTF-16 units): diagnostics after ${elapsed} ms; ${latencies.length} hovers meanwhile, slowest ${Math.max(...latencies)} ms`);
      assert.ok(ds.length > 1000, `${ds.length} diagnostics`);
      assert.ok(Math.max(...latencies) < 1000, `hover latencies ${latencies.join(',')}`);
    } finally {
      await client.stop();
    }
  });

  test('an analysis over its time budget is stopped and reported once; the server goes on', async () => {
    // the budget must leave room for a small report's check plus a worker restart on a loaded 2-core machine
    const client = await TestClient.start({ locale: 'zh-cn', server: { budgetMs: 1500 } });
    try {
      const uri = docUri('over-budget.txt');
      await client.open(uri, concat(12 * 1024 * 1024));
      const ds = await client.diagnosticsFor(uri, 1, 20_000);
      assert.equal(ds.length, 1);
      assert.equal(ds[0].severity, 3);
      assert.match(ds[0].message, /检查超过\d+秒/);
      assert.ok(client.logs.some((l) => l.type === 1 && /stopped after/.test(l.message)));
      const small = docUri('after-budget-' + SEED0);
      await client.open(small, readFixture('seeds', SEED0));
      assert.equal((await client.diagnosticsFor(small, 1)).length, 8);
    } finally {
      await client.stop();
    }
  });

  test('a stale analysis is stopped: the worker is restarted and the next analysis runs at once', async () => {
    const analyzer = new WorkerAnalyzer(WORKER_SCRIPT, { staleKillMs: 100, budgetMs: 120_000 });
    try {
      const huge = concat(10 * 1024 * 1024);
      let stale = false;
      const base = { uri: 'file:///huge.txt', version: 1, key: 'k', languageId: 'govreport', rules: {}, lang: 'zh' as const, detect: 'auto' as const, suppressions: [] };
      const t0 = Date.now();
      const p = analyzer.analyze({ ...base, text: huge }, () => stale);
      setTimeout(() => (stale = true), 200);
      assert.equal(await p, undefined, 'dropped');
      const stoppedAfter = Date.now() - t0;
      assert.ok(stoppedAfter < 3000, `stopped after ${stoppedAfter} ms`);
      const a = await analyzer.analyze({ ...base, uri: 'file:///small.txt', text: readFixture('seeds', SEED0) }, () => false);
      assert.equal(a?.diagnostics.length, 8);
      // over budget: rejected with AnalysisTimeout
      const tight = new WorkerAnalyzer(WORKER_SCRIPT, { budgetMs: 1000 });
      try {
        await assert.rejects(tight.analyze({ ...base, text: huge }, () => false), AnalysisTimeout);
        const b = await tight.analyze({ ...base, uri: 'file:///small.txt', text: readFixture('seeds', SEED0) }, () => false);
        assert.equal(b?.diagnostics.length, 8, 'works again after the stop');
      } finally {
        tight.dispose();
      }
    } finally {
      analyzer.dispose();
    }
  });

  test('latency: seeds and a ~1 MB concatenation, open to diagnostics', async (t) => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      for (const n of seedNames()) {
        const uri = docUri('lat-' + n);
        const t0 = Date.now();
        await client.open(uri, readFixture('seeds', n));
        await client.diagnosticsFor(uri, 1);
        t.diagnostic(`${n}: ${Date.now() - t0} ms`);
      }
      const mb = concat(1024 * 1024);
      const uri = docUri('one-mb.txt');
      const t0 = Date.now();
      await client.open(uri, mb);
      const ds = await client.diagnosticsFor(uri, 1, 60_000);
      t.diagnostic(`~1 MB (${Buffer.byteLength(mb)} bytes, ${lint(seedsText).reports.length * Math.ceil((1024 * 1024) / (Buffer.byteLength(seedsText) + 1))} reports): ${Date.now() - t0} ms, ${ds.length} diagnostics`);
      assert.equal(ds.length, lint(mb).findings.length);
    } finally {
      await client.stop();
    }
  });
});
