/**
 * The web-worker server (server/src/browser/server.ts): its bundle builds for esbuild's browser platform without
 * Node built-ins and runs in a bare worker-like global (no require, process, Buffer, setImmediate); its platform
 * (analyses in-thread, the open documents as the workspace) pairs open reports for the cross-year rules, matches
 * suppressions of `vscode-remote:` documents and checks the open documents on `govreport/checkWorkspace`.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import * as iconv from 'iconv-lite';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { lint } from '../../server/src/core';
import { InlineAnalyzer } from '../../server/src/lsp/analyzer-common';
import { startLanguageServer } from '../../server/src/lsp/index';
import { originalDocUri } from '../../server/src/lsp/originals';
import { readOriginal } from '../../server/src/readers/index';
import { originalModel, toDocx } from '../gen/originals';
import { absoluteName, ClientFilesWorkspace, OpenDocumentsWorkspace, relativeToFolder } from '../../server/src/lsp/workspace-common';
import { ROOT, readFixture, seedNames } from '../helpers';
import { TestClient } from './harness';
import { isInside, normalizePath } from '../../client/src/paths';

const SEED0 = seedNames()[0];
const SEED2 = seedNames().find((n) => n.startsWith('002'))!;
const LOOKALIKE_ZH = '标题序号“—”（U+2014）不是汉字“一”。';

// ------------------------------------------------------------------ the bundles

/** Node's built-in modules, as a bundle would load them. */
const NODE_BUILTIN = /require\(\s*["'](?:node:)?(?:fs|fs\/promises|path|os|url|util|stream|events|net|child_process|worker_threads|crypto|buffer|module|vm)["']\s*\)/;

async function bundle(entry: string, external: string[] = []): Promise<string> {
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: entry.includes('server') ? 'iife' : 'cjs',
    target: 'es2022',
    external,
    write: false,
    logLevel: 'silent',
  });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings.map((w) => w.text), []);
  return r.outputFiles[0].text;
}

describe('browser bundles', () => {
  test('the web-worker server builds for the browser platform without shims and holds no Node built-in', async () => {
    const code = await bundle('server/src/browser/server.ts');
    assert.doesNotMatch(code, NODE_BUILTIN);
    for (const word of ['worker_threads', 'child_process', 'require("fs")', '__dirname']) assert.ok(!code.includes(word), word);
    assert.doesNotMatch(code, /\brequire\(/, 'an IIFE for a worker: no require at all');
  });

  test('the browser client builds for the browser platform and requires nothing but vscode', async () => {
    const code = await bundle('client/src/browser/extension.ts', ['vscode']);
    assert.doesNotMatch(code, NODE_BUILTIN);
    assert.deepEqual([...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))], ['vscode']);
    for (const word of ['worker_threads', 'child_process', 'TransportKind']) assert.ok(!code.includes(word), word);
  });

  test('the server bundle speaks LSP over postMessage in a bare worker global: diagnostics of a report and a hover', async () => {
    const code = await bundle('server/src/browser/server.ts');
    const text = readFixture('seeds', SEED0);
    const uri = 'vscode-remote://127.0.0.1:8080/ws/' + encodeURIComponent(SEED0);
    const fromServer: { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown }[] = [];
    let wake: () => void = () => undefined;
    // A dedicated worker's global scope, and nothing of Node.
    const scope: Record<string, unknown> = {
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      URL,
      onmessage: null,
      addEventListener: () => undefined,
      postMessage: (m: unknown) => {
        fromServer.push(structuredClone(m) as (typeof fromServer)[number]);
        wake();
      },
    };
    scope.self = scope;
    vm.createContext(scope);
    vm.runInContext(code, scope, { filename: 'server/out/browser/server.js' });
    for (const g of ['require', 'process', 'Buffer', 'setImmediate', 'module']) assert.equal(vm.runInContext(`typeof ${g}`, scope), 'undefined', g);
    const send = (m: object): void => (scope.onmessage as (e: { data: unknown }) => void)({ data: structuredClone({ jsonrpc: '2.0', ...m }) });
    const next = async <T>(pick: () => T | undefined, what: string): Promise<T> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        // answer the server's requests as VS Code would
        for (const m of fromServer.splice(0)) {
          if (m.method && m.id !== undefined) {
            const result = m.method === 'workspace/configuration' ? [{ language: 'zh' }] : null;
            send({ id: m.id, result });
          } else seen.push(m);
        }
        const v = pick();
        if (v !== undefined) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
    };
    const seen: (typeof fromServer)[number][] = [];
    const response = (id: number) => () => seen.find((m) => m.id === id && m.method === undefined);

    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, locale: 'zh-cn' } });
    const init = (await next(response(1), 'initialize')) as { result: { serverInfo: { name: string } } };
    assert.equal(init.result.serverInfo.name, 'govreport-lint');
    send({ method: 'initialized', params: {} });
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'plaintext', version: 1, text } } });
    const published = await next(
      () => seen.find((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri),
      'diagnostics',
    );
    const diagnostics = (published.params as PublishDiagnosticsParams).diagnostics;
    assert.deepEqual(
      diagnostics.map((d: Diagnostic) => d.code),
      lint(text).findings.map((f) => f.ruleId),
    );
    assert.equal(diagnostics.length, 8);
    assert.ok(diagnostics.some((d: Diagnostic) => d.message === LOOKALIKE_ZH), 'the look-alike numeral, in Chinese');
    // line 108: the wrong total "2"; the hover shows the computed 0
    const line = text.split(/\r?\n/)[107];
    send({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 107, character: line.length - 1 } } });
    const hover = (await next(response(2), 'hover')) as { result: Hover };
    const value = (hover.result.contents as { value: string }).value;
    assert.match(value, /=\s*0(?!\d)/, value);
    send({ id: 3, method: 'shutdown' });
    await next(response(3), 'shutdown');
  });

  test('the packaged build config builds these entries for the browser platform', () => {
    const build = require('node:fs').readFileSync(path.join(ROOT, 'scripts', 'build.mjs'), 'utf8') as string;
    assert.match(build, /\['client\/src\/browser\/extension\.ts', 'client\/out\/browser\/extension\.js', 'browser'/);
    assert.match(build, /\['server\/src\/browser\/server\.ts', 'server\/out\/browser\/server\.js', 'browser'/);
  });
});

// ------------------------------------------------------------------ the platform of the web-worker server

function browserServer(): (connection: Parameters<typeof startLanguageServer>[0]) => ReturnType<typeof startLanguageServer> {
  return (connection) =>
    startLanguageServer(connection, {
      createAnalyzer: () => new InlineAnalyzer(),
      createWorkspace: (env) => (env.clientServesFiles ? new ClientFilesWorkspace(env) : new OpenDocumentsWorkspace(env)),
    });
}

/** Seed 002 (2023) moved to 2024, carrying 3 applications in from 2023 although 2023 carried none over. */
function nextYear(): string {
  const lines = readFixture('seeds', SEED2).split('\n');
  for (const i of [2, 6, 83, 93]) lines[i] = lines[i].replace('2023', '2024');
  lines[41] = '二、上年结转政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\t';
  return lines.join('\n');
}

/** Errors and warnings the core finds in these seeds, together (what govreport/checkWorkspace counts). */
function seedCounts(names: readonly string[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const n of names) {
    const f = lint(readFixture('seeds', n)).findings;
    errors += f.filter((x) => x.severity === 'error').length;
    warnings += f.filter((x) => x.severity === 'warning').length;
  }
  return { errors, warnings };
}

const FOLDER = 'vscode-remote://127.0.0.1:8080/home/user/%E5%B9%B4%E6%8A%A5';
const remote = (rel: string): string => `${FOLDER}/${rel.split('/').map(encodeURIComponent).join('/')}`;

describe('the web-worker platform: in-thread analyses, the open documents as the workspace', () => {
  test('URIs relative to a folder (any scheme) and names outside the folders', () => {
    assert.equal(relativeToFolder(FOLDER, remote('报告/2024年报.txt')), '报告/2024年报.txt');
    assert.equal(relativeToFolder(FOLDER + '/', remote('a.txt')), 'a.txt');
    assert.equal(relativeToFolder(FOLDER, FOLDER + '2/a.txt'), undefined, 'a sibling folder with the same prefix');
    assert.equal(relativeToFolder(FOLDER, FOLDER), undefined);
    assert.equal(relativeToFolder('vscode-vfs://github/o/r', 'vscode-vfs://github/o/r/x%20y.md'), 'x y.md');
    assert.equal(absoluteName('file:///home/u/%E5%B9%B4%E6%8A%A5.txt'), '/home/u/年报.txt');
    assert.equal(absoluteName('file:///C%3A/r/a.txt'), 'c:/r/a.txt');
    assert.equal(absoluteName('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  test('two open reports of one agency are paired (cross-year rules) without a file system', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: FOLDER, name: '年报' }], start: browserServer() });
    try {
      const cur = remote('卫东区卫健委2024.txt');
      await client.open(cur, nextYear());
      const alone = await client.diagnosticsFor(cur, 1);
      assert.deepEqual(alone.filter((d) => d.code === 'cross-year-carryover'), [], 'nothing to compare with yet');
      const prev = remote('卫东区卫健委2023.txt');
      await client.open(prev, readFixture('seeds', SEED2));
      const ds = await client.diagnosticsWithCode(cur, 'cross-year-carryover', 'the 2024 report re-checked against the opened 2023 report');
      const cross = ds.filter((d) => d.code === 'cross-year-carryover');
      assert.equal(cross.length, 2);
      assert.equal(cross[0].relatedInformation?.[0]?.location.uri, prev);
    } finally {
      await client.stop();
    }
  });

  test('rule links: none without a page to open; the client’s command link when it names one', async () => {
    for (const [options, expected] of [
      [undefined, (_id: string) => undefined],
      [{ ruleDocs: 'command:govreport.showRuleDoc?%5B%22{id}%22%5D' }, (id: string) => `command:govreport.showRuleDoc?%5B%22${id}%22%5D`],
    ] as const) {
      const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: FOLDER, name: '年报' }], initializationOptions: options, start: browserServer() });
      try {
        const uri = remote(`links-${options ? 'command' : 'none'}.txt`);
        await client.open(uri, readFixture('seeds', SEED0));
        const ds = await client.diagnosticsFor(uri, 1);
        assert.equal(ds.length, 8);
        for (const d of ds) assert.equal(d.codeDescription?.href, expected(String(d.code)), String(d.code));
      } finally {
        await client.stop();
      }
    }
  });

  test('suppressions name vscode-remote documents by their path in the folder', async () => {
    const rel = '报告/' + SEED0;
    const client = await TestClient.start({
      pull: true,
      locale: 'zh-cn',
      workspaceFolders: [{ uri: FOLDER, name: '年报' }],
      settings: () => ({ suppressions: [{ file: rel, rule: 'section-numeral-lookalike' }, { file: '**/*.md', rule: 'typo-known' }] }),
      start: browserServer(),
    });
    try {
      const uri = remote(rel);
      await client.open(uri, readFixture('seeds', SEED0));
      const r = await client.pull(uri);
      assert.equal(r.kind, 'full');
      const codes = r.kind === 'full' ? r.items.map((d) => d.code) : [];
      assert.equal(codes.length, 7, codes.join());
      assert.ok(!codes.includes('section-numeral-lookalike'));
      assert.ok(codes.includes('typo-known'), 'the other entry names another file');
    } finally {
      await client.stop();
    }
  });

  test('govreport/checkWorkspace checks the open documents', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: FOLDER, name: '年报' }], start: browserServer() });
    try {
      const names = seedNames().slice(0, 2);
      for (const n of names) await client.open(remote(n), readFixture('seeds', n));
      await client.open(remote('notes.md'), '# 会议纪要\n\n下周开会。\n', 'markdown');
      const result = await client.conn.sendRequest('govreport/checkWorkspace', {});
      assert.deepEqual(result, { files: 3, reports: 2, ...seedCounts(names) });
    } finally {
      await client.stop();
    }
  });
});

// ------------------------------------------------------------------ files served by the client

/** A folder the client serves through `govreport/workspaceFiles` and `govreport/readFile`, as client/src/workspace-files.ts does. */
class ServedFolder {
  readonly files = new Map<string, { bytes: Buffer; stamp: number }>();
  lists = 0;
  reads: string[] = [];
  private clock = 0;

  put(rel: string, content: string | Buffer): string {
    const uri = remote(rel);
    this.files.set(uri, { bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, stamp: ++this.clock });
    return uri;
  }

  serve(client: TestClient): void {
    client.conn.onRequest('govreport/workspaceFiles', (p: { limit: number; maxBytes: number; maxEntries: number; maxDepth: number; skipDirs: string[] }) => {
      this.lists++;
      assert.ok(p.limit > 0 && p.maxBytes > 0 && p.maxEntries > 0 && p.maxDepth > 0);
      assert.ok(p.skipDirs.includes('node_modules'));
      return { files: [...this.files].map(([uri, f]) => ({ uri, stamp: `${f.stamp}:${f.bytes.length}` })) };
    });
    client.conn.onRequest('govreport/readFile', (p: { uri: string }) => {
      this.reads.push(p.uri);
      const f = this.files.get(p.uri);
      return f ? { base64: f.bytes.toString('base64') } : {};
    });
  }
}

describe('the web-worker platform with a client that serves the workspace files', () => {
  const start = (folder: ServedFolder, initializationOptions: unknown = { workspaceFiles: true }) =>
    TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: FOLDER, name: '年报' }], initializationOptions, start: browserServer() }).then((c) => {
      folder.serve(c);
      return c;
    });

  test('a closed previous-year report (GBK on disk) is paired with the open report', async () => {
    const folder = new ServedFolder();
    const prev = folder.put('2023/卫东区卫健委2023.txt', iconv.encode(readFixture('seeds', SEED2), 'gbk'));
    folder.put('notes.md', '# 会议纪要\n');
    const client = await start(folder);
    try {
      const cur = remote('卫东区卫健委2024.txt');
      await client.open(cur, nextYear());
      const ds = await client.diagnosticsWithCode(cur, 'cross-year-carryover', 'the 2024 report checked against the closed 2023 file');
      const cross = ds.filter((d) => d.code === 'cross-year-carryover');
      assert.equal(cross.length, 2);
      assert.equal(cross[0].relatedInformation?.[0]?.location.uri, prev);
      assert.ok(folder.lists >= 1);
      assert.deepEqual([...new Set(folder.reads)].sort(), [...folder.files.keys()].sort(), 'every listed file read once it changed');
    } finally {
      await client.stop();
    }
  });

  test('govreport/checkWorkspace covers the closed files; an unchanged file is not read again', async () => {
    const folder = new ServedFolder();
    const names = seedNames().slice(0, 2);
    for (const n of names) folder.put(n, readFixture('seeds', n));
    folder.put('notes.md', '# 会议纪要\n\n下周开会。\n');
    const client = await start(folder);
    try {
      const result = await client.conn.sendRequest('govreport/checkWorkspace', {});
      assert.deepEqual(result, { files: 3, reports: 2, ...seedCounts(names) });
      for (const n of names) assert.ok(client.diagnostics.get(remote(n)), `diagnostics published for the closed ${n}`);
      const readsBefore = folder.reads.length;
      await client.conn.sendRequest('govreport/checkWorkspace', {});
      assert.ok(folder.lists >= 2, 'listed again');
      assert.equal(folder.reads.filter((u) => u.endsWith('notes.md')).length, 1, 'an unchanged non-report is not read again');
      assert.ok(folder.reads.length - readsBefore <= names.length, 'reports are read for their check, not for the listing');
    } finally {
      await client.stop();
    }
  });

  test('originals the client serves (a web page, a Word file) are read by the readers and checked; findings go to their text documents', async () => {
    const folder = new ServedFolder();
    const page = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'originals', 'sh-szfbgt_2019.html'));
    const total = originalModel().t3.total.slice();
    total[6] = Number(total[6]) + 1;
    const word = Buffer.from(await toDocx(originalModel({ t3: { total } })));
    const pageUri = folder.put('上海/2019年报.html', iconv.encode(page.toString('utf8'), 'gbk'));
    const wordUri = folder.put('年报.docx', word);
    const client = await start(folder);
    try {
      const result = (await client.conn.sendRequest('govreport/checkWorkspace', {})) as { files: number; reports: number };
      assert.deepEqual([result.files, result.reports], [2, 2]);
      for (const [uri, bytes, name] of [[pageUri, page, 'a.html'], [wordUri, word, 'a.docx']] as const) {
        const text = (await readOriginal(name, bytes)).text;
        const published = client.diagnostics.get(originalDocUri(uri)!);
        assert.ok(published, `diagnostics on the text document of ${uri}`);
        assert.deepEqual(published.diagnostics.map((d) => d.code), lint(text).findings.map((f) => f.ruleId));
      }
      // the editor's command: the client sends the bytes, the web-worker server reads them
      const read = (await client.conn.sendRequest('govreport/readOriginal', { uri: wordUri, base64: word.toString('base64') })) as { text: string };
      assert.equal(read.text, (await readOriginal('a.docx', word)).text);
    } finally {
      await client.stop();
    }
  });

  test('without the option the open documents are the workspace, and a failing client is survived', async () => {
    const folder = new ServedFolder();
    folder.put(seedNames()[0], readFixture('seeds', seedNames()[0]));
    const without = await start(folder, {});
    try {
      const r = await without.conn.sendRequest('govreport/checkWorkspace', {});
      assert.deepEqual(r, { files: 0, reports: 0, errors: 0, warnings: 0 });
      assert.equal(folder.lists, 0, 'not asked');
    } finally {
      await without.stop();
    }
    const failing = await TestClient.start({ locale: 'zh-cn', workspaceFolders: [{ uri: FOLDER, name: '年报' }], initializationOptions: { workspaceFiles: true }, start: browserServer() });
    try {
      failing.conn.onRequest('govreport/workspaceFiles', () => {
        throw new Error('no file system here');
      });
      const uri = remote(seedNames()[0]);
      await failing.open(uri, readFixture('seeds', seedNames()[0]));
      const r = await failing.conn.sendRequest('govreport/checkWorkspace', {});
      assert.equal((r as { files: number }).files, 1, 'the open document');
      assert.equal((await failing.diagnosticsFor(uri, 1)).length, 8);
    } finally {
      await failing.stop();
    }
  });
});

test('the browser client reads only inside the folders: paths with . and .. resolved first', () => {
  assert.equal(normalizePath('/ws/a/../b/./c.txt'), '/ws/b/c.txt');
  assert.equal(normalizePath('/ws/../../etc/passwd'), undefined);
  assert.equal(normalizePath('/ws/../outside/secret.txt'), '/outside/secret.txt');
  assert.ok(isInside('/ws/b/c.txt', '/ws'));
  assert.ok(!isInside('/outside/secret.txt', '/ws'));
  assert.ok(!isInside('/ws-other/x.txt', '/ws'), 'a sibling folder whose name starts the same');
  assert.ok(isInside('/ws/x.txt', '/ws/'));
});
