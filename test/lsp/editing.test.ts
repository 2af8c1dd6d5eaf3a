/**
 * Typing: incremental changes, debounced validation, and the rule that a result for an old version is never
 * published or returned (push and pull), even when it arrives late.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { lint, pick } from '../../server/src/core';
import { readFixture, seedNames } from '../helpers';
import { rng } from '../gen/report';
import { TestClient, applyTextEdits, docUri } from './harness';

const SEED0 = seedNames()[0];


function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function expectedDiagnostics(text: string): { code: string; line: number; ch: number; message: string }[] {
  const r = lint(text);
  return r.findings.map((f) => {
    const p = r.report.index.positionAt(f.range.start);
    return { code: f.ruleId, line: p.line, ch: p.character, message: pick(f.message, 'zh') };
  });
}

class Gate {
  private release!: () => void;
  readonly opened = new Promise<void>((r) => (this.release = r));
  entered = false;
  private enter!: () => void;
  readonly reached = new Promise<void>((r) => (this.enter = r));
  hold(): Promise<void> {
    this.entered = true;
    this.enter();
    return this.opened;
  }
  open(): void {
    this.release();
  }
}

describe('typing', () => {
  test('a burst of 50 incremental changes: the final diagnostics equal a fresh check of the final text', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const uri = docUri('burst-' + SEED0);
      let text = readFixture('seeds', SEED0);
      await client.open(uri, text);
      await client.diagnosticsFor(uri, 1);
      const analysesBefore = client.statuses.filter((s) => s.uri === uri).length;
      const rand = rng(42);
      let version = 1;
      const views: Promise<unknown>[] = [];
      for (let i = 0; i < 50; i++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        const n = i % 7 === 0 ? 2 : 1; // some events carry several changes (multi-cursor)
        for (let k = 0; k < n; k++) {
          const kind = rand();
          const at = Math.floor(rand() * text.length);
          let range;
          let insert: string;
          if (kind < 0.4) {
            range = { start: positionAt(text, at), end: positionAt(text, at) };
            insert = ['1', '件', '，', '\n', '政复议', '2', '　'][Math.floor(rand() * 7)];
          } else if (kind < 0.7) {
            const end = Math.min(text.length, at + 1 + Math.floor(rand() * 3));
            range = { start: positionAt(text, at), end: positionAt(text, end) };
            insert = '';
          } else {
            const end = Math.min(text.length, at + 1);
            range = { start: positionAt(text, at), end: positionAt(text, end) };
            insert = String(Math.floor(rand() * 10));
          }
          changes.push({ range, text: insert });
          text = applyTextEdits(text, [{ range, newText: insert }]);
        }
        version++;
        await client.change(uri, version, changes);
        // the editor asks for folding ranges and symbols after every change by itself
        views.push(client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } }));
      }
      const ds = await client.diagnosticsFor(uri, version);
      const folds = (await Promise.all(views)) as { startLine: number; endLine: number }[][];
      const final = JSON.stringify(folds[folds.length - 1]);
      assert.ok(folds.every((f) => JSON.stringify(f) === final), 'every view request answered for the final version');
      assert.deepEqual(
        ds.map((d) => ({ code: String(d.code), line: d.range.start.line, ch: d.range.start.character, message: d.message })),
        expectedDiagnostics(text),
      );
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions are published in order');
      const analyses = client.statuses.filter((s) => s.uri === uri).length - analysesBefore;
      assert.ok(analyses <= 5, `debounced: ${analyses} validations for 50 changes and 50 folding requests`);
    } finally {
      await client.stop();
    }
  });

  test('a result for an old version that arrives late is not published (push)', async () => {
    const gate = new Gate();
    const uri = docUri('stale-' + SEED0);
    const client = await TestClient.start({
      locale: 'zh-cn',
      server: {
        hooks: {
          afterAnalysis: (u, v) => (u === uri && v === 1 ? gate.hold() : undefined),
        },
      },
    });
    try {
      const v1 = readFixture('seeds', SEED0);
      await client.open(uri, v1);
      await gate.reached; // the version-1 result exists but is held back
      const typo = v1.split('\n')[350].indexOf('政复议');
      const range = { start: { line: 350, character: typo }, end: { line: 350, character: typo } };
      await client.change(uri, 2, [{ range, text: '行' }]);
      await client.roundTrip(); // the server has taken the change in
      gate.open();
      const ds = await client.diagnosticsFor(uri, 2);
      assert.ok(!ds.some((d) => d.code === 'typo-known'), 'version 2 has the typo fixed');
      assert.deepEqual(
        client.published.filter((p) => p.uri === uri).map((p) => p.version),
        [2],
        'the version-1 result was dropped',
      );
      const v2 = applyTextEdits(v1, [{ range, newText: '行' }]);
      assert.deepEqual(
        ds.map((d) => d.message),
        expectedDiagnostics(v2).map((d) => d.message),
      );
    } finally {
      await client.stop();
    }
  });

  test('a pull for an old version is answered "server cancelled, retrigger", then the new version is pulled', async () => {
    const gate = new Gate();
    const uri = docUri('stale-pull-' + SEED0);
    const client = await TestClient.start({
      pull: true,
      locale: 'zh-cn',
      server: { hooks: { afterAnalysis: (u, v) => (u === uri && v === 1 ? gate.hold() : undefined) } },
    });
    try {
      const v1 = readFixture('seeds', SEED0);
      await client.open(uri, v1);
      const first = client.pull(uri);
      await gate.reached;
      const typo = v1.split('\n')[350].indexOf('政复议');
      const range = { start: { line: 350, character: typo }, end: { line: 350, character: typo } };
      await client.change(uri, 2, [{ range, text: '行' }]);
      await client.roundTrip(); // the server has taken the change in
      gate.open();
      await assert.rejects(first, (e: { code?: number; data?: { retriggerRequest?: boolean } }) => {
        assert.equal(e.code, -32802, 'ServerCancelled');
        assert.equal(e.data?.retriggerRequest, true);
        return true;
      });
      const second = await client.pull(uri);
      assert.equal(second.kind, 'full');
      assert.ok(second.kind === 'full' && !second.items.some((d) => d.code === 'typo-known'));
    } finally {
      await client.stop();
    }
  });

  test('a pull right after a change waits for the debounce delay; a cancelled pull answers cancelled', async () => {
    const uri = docUri('debounce-pull-' + SEED0);
    const client = await TestClient.start({ pull: true, locale: 'zh-cn', settings: () => ({ debounceMs: 300 }) });
    try {
      const v1 = readFixture('seeds', SEED0);
      await client.open(uri, v1);
      const t0 = Date.now();
      await client.pull(uri);
      assert.ok(Date.now() - t0 < 300 + 2000, 'opening is checked without waiting');
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      const t1 = Date.now();
      const r = await client.pull(uri);
      assert.ok(Date.now() - t1 >= 250, `waited ${Date.now() - t1} ms`);
      assert.equal(r.kind, 'full');
      await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
      const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
      const cts = new CancellationTokenSource();
      const p = client.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cts.token);
      cts.cancel();
      await assert.rejects(p, (e: { code?: number }) => e.code === -32800);
    } finally {
      await client.stop();
    }
  });
});
