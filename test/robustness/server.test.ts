/**
 * The language server under abuse, in-process through the client of test/lsp/harness.ts (which can also write raw
 * bytes to the server's stream): malformed frames and JSON-RPC messages, unknown methods, invalid parameters, edits
 * out of range, a thousand rapid edits, requests about unknown or closed documents, a close while an analysis runs,
 * a 10 MB document, binary-looking text. After each, the server is still up and answers a normal request correctly
 * (diagnostics equal a fresh core check). Every test is bounded by a timeout; times are measured in bench/, not here.
 */

import { describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, pick } from '../../server/src/core';
import { generateReport, rng } from '../gen/report';
import { ROOT, readFixture, seedNames } from '../helpers';
import { startServer } from '../../server/src/lsp/index';
import { FRAMING_EXIT_CODE, guardedConnection } from '../../server/src/lsp/transport';
import { TestClient, WORKER_SCRIPT, type ClientOptions } from '../lsp/harness';

/** How long a wait for diagnostics or a message may take unless a test says otherwise. */
const WAIT_MS = 20_000;
/** How long `stop` waits for the answer to `shutdown`. */
const SHUTDOWN_MS = 5000;

/**
 * The harness client as these tests use it: locale zh-cn, no `documentChanges` in workspace edits; diagnostics are
 * pulled or pushed as the client announced; a health check.
 */
class RawClient extends TestClient {
  private healthy = 0;

  static open(options: ClientOptions): Promise<RawClient> {
    return TestClient.connect({ locale: 'zh-cn', documentChanges: false, ...options }, (...args) => new RawClient(...args));
  }

  /** The diagnostics of a version: pulled (retriggered while the server says the document changed) or pushed. */
  override async diagnosticsFor(uri: string, version: number, timeoutMs = WAIT_MS): Promise<Diagnostic[]> {
    if (!this.options.pull) return super.diagnosticsFor(uri, version, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const r = (await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
        assert.equal(r.kind, 'full');
        return r.kind === 'full' ? r.items : [];
      } catch (e) {
        if ((e as { code?: number }).code !== -32802 || Date.now() > deadline) throw e;
      }
    }
  }

  /** A normal document opened now is checked correctly, and its outline is answered. */
  async assertHealthy(label: string): Promise<void> {
    const n = ++this.healthy;
    const uri = `file:///robust/healthy-${n}.txt`;
    const text = generateReport({ seed: 100 + n, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[n % 5], agency: `健康检查第${n}局` });
    await this.open(uri, text);
    const ds = await this.diagnosticsFor(uri, 1);
    assert.deepEqual(shape(ds), expected(text), `${label}: diagnostics of a normal document`);
    const symbols = (await this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    assert.equal(symbols.length, 6, `${label}: the outline has the six sections`);
    await this.close(uri);
  }

  errors(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }
}

function shape(ds: readonly Diagnostic[]): { code: string; line: number; ch: number; message: string }[] {
  return ds.map((d) => ({ code: String(d.code), line: d.range.start.line, ch: d.range.start.character, message: d.message }));
}

/** What a fresh core check of the text says, in the same shape. */
function expected(text: string): { code: string; line: number; ch: number; message: string }[] {
  const r = lint(text);
  return r.findings.map((f) => {
    const p = r.report.index.positionAt(f.range.start);
    return { code: f.ruleId, line: p.line, ch: p.character, message: pick(f.message, 'zh') };
  });
}

async function withClient(options: ClientOptions, fn: (c: RawClient) => Promise<void>): Promise<void> {
  const c = await RawClient.open(options);
  try {
    await fn(c);
  } finally {
    await c.stop(SHUTDOWN_MS);
  }
}

/** Settles (resolves or rejects) a request; returns the result or the error code. */
async function settle(p: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; code: number | undefined; message: string }> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    const err = e as { code?: number; message?: string };
    return { ok: false, code: err.code, message: String(err.message) };
  }
}

const SEED = readFixture('seeds', seedNames()[0]);
const T = { timeout: 120_000 };

describe('the server under abuse', () => {
  test('malformed frames and messages that are not JSON-RPC', T, async () => {
    await withClient({}, async (c) => {
      c.raw('{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":'); // truncated JSON
      c.raw('', 'X-Nonsense: 1\r\n'); // a header block without Content-Length, no body
      c.raw('', 'Content-Length: abc\r\n');
      c.raw(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b])); // not UTF-8, not JSON
      for (const body of [
        '[]',
        '42',
        '"x"',
        'null',
        '{}',
        '{"jsonrpc":"2.0"}',
        '{"jsonrpc":"2.0","id":901}', // a response to a request never sent
        '{"jsonrpc":"2.0","id":902,"result":null,"error":{"code":1,"message":"m"}}',
        '{"jsonrpc":"2.0","id":903,"method":5}',
        '{"jsonrpc":"1.0","id":904,"method":"textDocument/hover","params":{}}',
        '{"jsonrpc":"2.0","id":{"a":1},"method":"govreport/skeleton","params":{}}',
        '{"jsonrpc":"2.0","id":905,"method":"textDocument/hover","params":[1,2,3]}',
        '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"x"}',
        '{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"nope"}}',
        '{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":5}}',
        '{"jsonrpc":"2.0","id":906,"method":"initialize","params":{}}', // a second initialize
      ]) {
        c.raw(body);
      }
      await c.assertHealthy('after malformed frames');
    });
  });

  test('unknown methods and invalid parameters are answered or ignored; the server goes on', T, async () => {
    await withClient({ pull: true }, async (c) => {
      const uri = 'file:///robust/open.txt';
      await c.open(uri, SEED);
      await c.diagnosticsFor(uri, 1);
      const unknown = await settle(c.conn.sendRequest('govreport/doesNotExist', { a: 1 }));
      assert.deepEqual(unknown.ok ? 'answered' : unknown.code, -32601, 'MethodNotFound');
      await c.conn.sendNotification('govreport/doesNotExistEither', { a: 1 });
      await c.conn.sendNotification('$/unknownNotification', null);
      const bad: [string, unknown][] = [];
      for (const doc of [uri, 'file:///robust/never-opened.txt']) {
        bad.push(
          ['textDocument/hover', null],
          ['textDocument/hover', {}],
          ['textDocument/hover', { textDocument: 5 }],
          ['textDocument/hover', { textDocument: { uri: doc }, position: 'x' }],
          ['textDocument/hover', { textDocument: { uri: doc }, position: { line: -1, character: -1 } }],
          ['textDocument/hover', { textDocument: { uri: doc }, position: { line: 1e12, character: 1e12 } }],
          ['textDocument/hover', { textDocument: { uri: doc }, position: { line: 'a', character: null } }],
          ['textDocument/codeAction', { textDocument: { uri: doc } }],
          ['textDocument/codeAction', { textDocument: { uri: doc }, range: null, context: null }],
          ['textDocument/codeAction', { textDocument: { uri: doc }, range: {}, context: { diagnostics: [null, 5, { range: 'x', data: { v: 1, i: 99 } }], only: 'quickfix' } }],
          ['textDocument/codeAction', { textDocument: { uri: doc }, range: {}, context: { diagnostics: 'x', only: [5] } }],
          ['textDocument/documentSymbol', {}],
          ['textDocument/documentSymbol', { textDocument: { uri: doc } }],
          ['textDocument/foldingRange', null],
          ['textDocument/inlayHint', { textDocument: { uri: doc } }],
          ['textDocument/inlayHint', { textDocument: { uri: doc }, range: { start: 1, end: 'x' } }],
          ['textDocument/diagnostic', null],
          ['textDocument/diagnostic', { textDocument: { uri: doc }, previousResultId: 5 }],
          ['govreport/exportTables', null],
          ['govreport/exportTables', { uri: doc, format: 'csv' }],
          ['govreport/exportTables', { uri: 5, format: 'json' }],
          ['govreport/skeleton', null],
          ['govreport/skeleton', { year: 'abc', agency: 5 }],
          ['govreport/skeleton', { year: 1e300, agency: 'x'.repeat(100_000) }],
        );
      }
      const answers = await Promise.all(bad.map(([m, p]) => settle(c.conn.sendRequest(m, p))));
      answers.forEach((a, i) => {
        // an answer, or a protocol error (invalid params, cancelled): never a hang, never an internal error
        if (!a.ok) assert.notEqual(a.code, -32603, `${bad[i][0]} ${JSON.stringify(bad[i][1])}: ${a.message}`);
      });
      for (const [method, params] of [
        ['textDocument/didOpen', null],
        ['textDocument/didOpen', {}],
        ['textDocument/didOpen', { textDocument: { uri: 5, languageId: 'govreport', version: 1, text: 'x' } }],
        ['textDocument/didChange', null],
        ['textDocument/didChange', { textDocument: { uri: 'file:///robust/never-opened.txt', version: 2 }, contentChanges: [{ text: 'x' }] }],
        ['textDocument/didClose', {}],
        ['textDocument/didClose', { textDocument: { uri: 'file:///robust/never-opened.txt' } }],
        ['textDocument/didSave', { textDocument: { uri: 'file:///robust/never-opened.txt' } }],
        ['workspace/didChangeConfiguration', null],
        ['workspace/didChangeConfiguration', { settings: { govreport: { rules: 5, debounceMs: 'x', suppressions: [null, { file: 5 }] } } }],
        ['workspace/didChangeWatchedFiles', null],
        ['workspace/didChangeWorkspaceFolders', { event: null }],
      ] as [string, unknown][]) {
        await c.conn.sendNotification(method, params);
      }
      // the open document is still checked correctly
      const ds = await c.diagnosticsFor(uri, 1);
      assert.deepEqual(shape(ds), expected(SEED));
      // malformed changes and opens of an open document; then the editor sends the whole text again
      for (const [method, params] of [
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null }],
        ['textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 5 }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: 'x', text: 'y' }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ range: { start: null, end: {} }, text: 'z' }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 'six' }, contentChanges: [{ text: null }] }],
        ['textDocument/didChange', { textDocument: { uri }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 7, text: 12345 } }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: null, version: null, text: null } }],
      ] as [string, unknown][]) {
        await c.conn.sendNotification(method, params);
        await c.conn.sendRequest('govreport/skeleton', {});
      }
      await c.change(uri, 100, [{ text: SEED }]);
      assert.deepEqual(shape(await c.diagnosticsFor(uri, 100)), expected(SEED), 'the whole text again: checked correctly');
      await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 107, character: 1 } });
      await c.assertHealthy('after invalid parameters');
    });
  });

  test('a client that announced diagnostic refresh but fails it does not take the server down', T, async () => {
    await withClient({ pull: true, refresh: 'error' }, async (c) => {
      const uri = 'file:///robust/refresh.txt';
      await c.open(uri, SEED);
      assert.deepEqual(shape(await c.diagnosticsFor(uri, 1)), expected(SEED));
      // new settings: the server asks the client to pull again, and the client answers with an error
      c.settings = () => ({ rules: { 'typo-known': 'off' } });
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor(() => c.refreshes > 0, 'a refresh request', WAIT_MS);
      await c.conn.sendRequest('govreport/skeleton', {}); // the server has read the error answer
      await c.conn.sendRequest('govreport/skeleton', {});
      assert.deepEqual(shape(await c.diagnosticsFor(uri, 1)), expected(SEED).filter((d) => d.code !== 'typo-known'));
      await c.assertHealthy('after a failed refresh');
    });
  });

  test('edits with out-of-range positions, negative lines and reversed ranges apply as the protocol library clamps them', T, async () => {
    for (const pull of [false, true]) {
      await withClient({ pull, settings: () => ({ debounceMs: 0 }) }, async (c) => {
        const uri = `file:///robust/ranges-${pull}.txt`;
        const mirror = TextDocument.create(uri, 'govreport', 1, SEED);
        await c.open(uri, SEED);
        await c.diagnosticsFor(uri, 1);
        const lines = mirror.lineCount;
        const at = (line: number, character: number) => ({ line, character });
        const changes: TextDocumentContentChangeEvent[][] = [
          [{ range: { start: at(lines + 100, 0), end: at(lines + 200, 5) }, text: '\n附：本报告完\n' }],
          [{ range: { start: at(-5, -3), end: at(-1, 0) }, text: '前言' }],
          [{ range: { start: at(3, 10_000), end: at(3, 20_000) }, text: '（行尾）' }],
          [{ range: { start: at(10, 5), end: at(8, 2) }, text: '' }], // start after end
          [{ range: { start: at(5, -10), end: at(5, 3) }, text: '一' }],
          [{ range: { start: at(1e9, 1e9), end: at(1e9, 1e9) }, text: '尾' }],
          [{ range: { start: at(2, 1.5), end: at(2.5, 2) }, text: '1' }],
          [
            { range: { start: at(0, 0), end: at(0, 0) }, text: 'A' },
            { range: { start: at(-1, 0), end: at(lines * 10, 0) }, text: SEED }, // replaces everything
            { range: { start: at(0, 0), end: at(0, 0) }, text: 'B' },
          ],
        ];
        let version = 1;
        for (const ch of changes) {
          version++;
          TextDocument.update(mirror, ch, version);
          await c.change(uri, version, ch);
          const ds = await c.diagnosticsFor(uri, version);
          assert.deepEqual(shape(ds), expected(mirror.getText()), `v${version}: ${JSON.stringify(ch).slice(0, 120)}`);
        }
        await c.assertHealthy('after out-of-range edits');
      });
    }
  });

  test('a thousand rapid edits: the final diagnostics equal a fresh check of the final text (push, pull, a concatenation)', T, async () => {
    // the concatenation (agencies all different: no cross-year pairing; another year than SEED's, so that the
    // documents are no same-year reports of other agencies for each other: no cross-report-copy) is checked
    // incrementally by the server
    const many = Array.from({ length: 30 }, (_, i) =>
      generateReport({ seed: i + 1, year: 2019, format: 'F2019', layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[i % 5], agency: `第${i}号连续编辑局` }),
    ).join('\n');
    for (const [pull, initial] of [
      [false, SEED],
      [true, SEED],
      [true, many],
    ] as const) {
      await withClient({ pull }, async (c) => {
        const uri = `file:///robust/rapid-${pull}-${initial.length}.txt`;
        const doc = TextDocument.create(uri, 'govreport', 1, initial);
        await c.open(uri, initial);
        await c.diagnosticsFor(uri, 1);
        const rand = rng(initial.length + (pull ? 11 : 10));
        const inserts = ['1', '件', '，', '\n', '政复议', '2', '　', '三、', ''];
        let version = 1;
        let pending: { cts: CancellationTokenSource; p: Promise<unknown> } | undefined;
        const settled: Promise<unknown>[] = [];
        for (let i = 0; i < 1000; i++) {
          const len = doc.getText().length;
          const a = Math.floor(rand() * len);
          const b = Math.min(len, a + (rand() < 0.5 ? 0 : Math.floor(rand() * 4)));
          const change = { range: { start: doc.positionAt(a), end: doc.positionAt(b) }, text: inserts[Math.floor(rand() * inserts.length)] };
          version++;
          TextDocument.update(doc, [change], version);
          void c.change(uri, version, [change]);
          if (pull) {
            // as VS Code's client: a pull after each change, the previous one cancelled
            pending?.cts.cancel();
            const cts = new CancellationTokenSource();
            const p = settle(c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cts.token));
            settled.push(p);
            pending = { cts, p };
          }
        }
        const ds = await c.diagnosticsFor(uri, version, 60_000);
        assert.deepEqual(shape(ds), expected(doc.getText()));
        for (const s of (await Promise.all(settled)) as Awaited<ReturnType<typeof settle>>[]) {
          if (!s.ok) assert.ok(s.code === -32800 || s.code === -32802, `a pull failed with ${s.code}: ${s.message}`);
        }
        if (!pull) {
          const versions = c.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
          assert.deepEqual(versions, [...versions].sort((x, y) => x - y), 'versions are published in order');
        }
        await c.assertHealthy('after a thousand edits');
      });
    }
  });

  test('requests about unknown and closed documents answer empty', T, async () => {
    for (const pull of [false, true]) {
      await withClient({ pull }, async (c) => {
        const uri = `file:///robust/closed-${pull}.txt`;
        await c.open(uri, SEED);
        const ds = await c.diagnosticsFor(uri, 1);
        assert.ok(ds.length > 0);
        await c.close(uri);
        for (const u of [uri, 'file:///robust/never-opened.txt', 'untitled:Untitled-1', '', 'not a uri', 'file:///' + 'x'.repeat(5000)]) {
          const pos = { line: 107, character: 1 };
          const range = { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } };
          assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: pos }), null, `hover ${u}`);
          assert.deepEqual(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: ds } }), []);
          assert.deepEqual(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: [], only: ['source.fixAll.govreport'] } }), []);
          assert.deepEqual(await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } }), []);
          assert.deepEqual(await c.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: u } }), []);
          assert.deepEqual(await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: u }, range }), []);
          if (pull) assert.deepEqual(await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: u } }), { kind: 'full', items: [] });
        }
        // a change to the closed document is ignored; closing it twice too
        await c.change(uri, 2, [{ text: 'x' }]);
        await c.close(uri);
        if (!pull) assert.deepEqual(c.diagnostics.get(uri)?.diagnostics, [], 'closing cleared its diagnostics');
        await c.assertHealthy('after requests about closed documents');
      });
    }
  });

  test('a document closed (and reopened) while its analysis is held: no stale result is shown', T, async () => {
    for (const pull of [false, true]) {
      let release!: () => void;
      let reached!: () => void;
      const gateOpen = new Promise<void>((r) => (release = r));
      const gateReached = new Promise<void>((r) => (reached = r));
      let held = false;
      const uri = `file:///robust/close-during-${pull}.txt`;
      await withClient(
        {
          pull,
          server: {
            hooks: {
              afterAnalysis: (u) => {
                if (u !== uri || held) return undefined;
                held = true;
                reached();
                return gateOpen;
              },
            },
          },
        },
        async (c) => {
          const first = generateReport({ seed: 3, agency: '关闭测试局' });
          const second = SEED;
          await c.open(uri, first);
          const firstPull = pull ? settle(c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) : undefined;
          await gateReached;
          await c.close(uri);
          await c.conn.sendRequest('govreport/skeleton', {}); // the close (and its clearing, push) is through
          const closedAt = c.published.length;
          // reopened with the same version number but other text
          await c.open(uri, second);
          await c.conn.sendRequest('govreport/skeleton', {}); // the server has taken both in
          release();
          if (firstPull) {
            const r = await firstPull;
            // the pull of the closed document: empty, or "changed, retrigger"; never the first text's findings
            if (r.ok) assert.deepEqual(r.value, { kind: 'full', items: [] });
            else assert.equal(r.code, -32802);
          }
          const ds = await c.diagnosticsFor(uri, 1);
          assert.deepEqual(shape(ds), expected(second));
          if (!pull) {
            const after = c.published.slice(closedAt).filter((p) => p.uri === uri);
            for (const p of after) assert.deepEqual(shape(p.diagnostics), expected(second), 'only the reopened text is published');
          }
          await c.assertHealthy('after a close during an analysis');
        },
      );
    }
  });

  test('a 10 MB document is checked, edited and checked again; a small one meanwhile', { timeout: 300_000 }, async () => {
    await withClient({ server: { budgetMs: 240_000 }, settings: () => ({ debounceMs: 0 }) }, async (c) => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 10 << 20; i++) {
        const t = i % 4 === 0 ? readFixture('seeds', seedNames()[i % 5]) : generateReport({ seed: i, layout: (['L1', 'L2', 'L3', 'L4', 'L5'] as const)[i % 5], agency: `第${i}号大文件局` });
        parts.push(t.endsWith('\n') ? t : t + '\n');
        size += Buffer.byteLength(parts[parts.length - 1]);
      }
      const uri = 'file:///robust/ten-mb.txt';
      const doc = TextDocument.create(uri, 'govreport', 1, parts.join(''));
      await c.open(uri, doc.getText());
      await c.assertHealthy('while a 10 MB document is checked');
      const d1 = await c.diagnosticsFor(uri, 1, 240_000);
      const e1 = expected(doc.getText());
      assert.equal(d1.length, e1.length);
      assert.deepEqual(shape(d1), e1);
      const mid = doc.positionAt(Math.floor(doc.getText().length / 2));
      const change = { range: { start: mid, end: mid }, text: '\n一、总体情况\n' };
      TextDocument.update(doc, [change], 2);
      await c.change(uri, 2, [change]);
      const d2 = await c.diagnosticsFor(uri, 2, 240_000);
      assert.deepEqual(shape(d2), expected(doc.getText()));
      await c.assertHealthy('after a 10 MB document');
    });
  });

  test('binary-looking text: diagnostics equal the core, every view answers, nothing fails', T, async () => {
    const rand = rng(5);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const units = (n: number) => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(rand() * 0x10000)));
    const texts: [string, string][] = [
      ['latin1 bytes with NULs', bytes(20_000).toString('latin1')],
      ['random bytes as UTF-8', bytes(20_000).toString('utf8')],
      ['random UTF-16 code units, lone surrogates', units(20_000)],
      ['lone surrogates in a report', SEED.replace(/件/g, '\ud800').replace(/政府/g, '\udfff政')],
      ['PNG header and NULs', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' + '\0'.repeat(5000) + '一、总体情况\0'],
      ['replacement characters', '\ufffd'.repeat(3000) + '\n' + SEED.slice(0, 2000)],
      ['carriage returns only', SEED.replace(/\n/g, '\r')],
      ['one 2 MB line', SEED.replace(/\n/g, ' ').repeat(Math.ceil((2 << 20) / SEED.length / 3))],
      ['control characters', Array.from({ length: 5000 }, (_, i) => String.fromCharCode(i % 32)).join('')],
      ['BOM and zero-width', '\ufeff' + SEED.replace(/。/g, '\u200b。\u2028')],
    ];
    for (const pull of [false, true]) {
      await withClient({ pull }, async (c) => {
        let k = 0;
        for (const [name, text] of texts) {
          for (const languageId of ['govreport', 'plaintext']) {
            const uri = `file:///robust/binary-${k++}.txt`;
            await c.open(uri, text, languageId);
            const ds = await c.diagnosticsFor(uri, 1, 60_000);
            if (languageId === 'govreport') assert.deepEqual(shape(ds), expected(text), `${name} (${languageId})`);
            const range = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
            await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
            assert.ok(Array.isArray(await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })));
            assert.ok(Array.isArray(await c.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })));
            assert.ok(Array.isArray(await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })));
            assert.ok(Array.isArray(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: ds } })));
            const exported = (await c.conn.sendRequest('govreport/exportTables', { uri, format: 'json' })) as { content: string };
            assert.equal(typeof exported.content, 'string');
            await c.close(uri);
          }
        }
        assert.deepEqual(c.errors(), [], 'no handler or analysis failed');
        await c.assertHealthy('after binary-looking text');
      });
    }
  });
});

describe('a framing error ends the server with an error code (the client restarts it)', () => {
  const initialize = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const frame = (body: string, headers = `Content-Length: ${Buffer.byteLength(body)}\r\n`) => Buffer.from(`${headers}\r\n${body}`, 'utf8');

  test('in process: the guarded reader reports the bad Content-Length once; well-formed frames do not', T, async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const errors: Error[] = [];
    const connection = guardedConnection(toServer, toClient, (e) => errors.push(e));
    const server = startServer(connection, { workerScript: WORKER_SCRIPT });
    try {
      let out = '';
      toClient.on('data', (d: Buffer) => (out += d.toString('utf8')));
      toServer.write(frame(initialize(1)));
      const deadline = Date.now() + WAIT_MS;
      while (!out.includes('"capabilities"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.match(out, /"id":1,"result":\{"capabilities"/);
      assert.deepEqual(errors, [], 'a well-formed frame is no error');
      toServer.write(frame('{}', 'Content-Length: abc\r\n'));
      toServer.write(frame('{}', 'X-Nonsense: 1\r\n'));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(errors.length, 1, 'reported once');
      assert.match(String((errors[0] as Error | undefined)?.message), /Content-Length/);
    } finally {
      server.dispose();
    }
  });

  test('the server process (--stdio) exits with FRAMING_EXIT_CODE after a bad Content-Length; a new one answers again', T, async () => {
    const script = path.join(ROOT, 'out', 'server', 'src', 'server.js');
    const run = async (bad: boolean): Promise<{ code: number | null; out: string; err: string }> => {
      const child = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.stdin.write(frame(initialize(1)));
      const deadline = Date.now() + WAIT_MS;
      while (!out.includes('"id":1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.match(out, /"id":1,"result"/, 'initialized');
      if (bad) child.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"shutdown"}', 'Content-Length: 12x3\r\n'));
      else {
        child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })));
        while (!out.includes('"id":2') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
      }
      const timer = setTimeout(() => child.kill(), WAIT_MS);
      const code = await exited;
      clearTimeout(timer);
      return { code, out, err };
    };
    const broken = await run(true);
    assert.equal(broken.code, FRAMING_EXIT_CODE, `exit code (stderr: ${broken.err})`);
    assert.match(broken.err, /framing error/);
    // what the client's restart policy does next: start it again; the new server answers
    const fresh = await run(false);
    assert.equal(fresh.code, 0);
    assert.match(fresh.out, /"id":2,"result":null/);
  });
});
