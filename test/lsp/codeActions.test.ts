/**
 * Code actions through the protocol: every quick fix of every seed finding, applied by the test's own
 * applyEdits and re-checked by the server, clears exactly its finding (and adds none when preferred);
 * "insert an empty table" for a missing table; fix-all (as on save) converges in one go.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { lint } from '../../server/src/core';
import { readFixture, seedNames } from '../helpers';
import { TestClient, applyTextEdits, docUri, editsFor, offsetAt, summarizeDiagnostics } from './harness';

type Key = string;

/** Line shift of a position after edits (edits wholly before the offset move it by their line balance). */
function mapLine(text: string, edits: readonly TextEdit[], line: number): number {
  const lineStart = offsetAt(text, { line, character: 0 });
  let shift = 0;
  for (const e of edits) {
    const s = offsetAt(text, e.range.start);
    const en = offsetAt(text, e.range.end);
    if (en <= lineStart && !(s === en && s === lineStart && !e.newText.endsWith('\n'))) {
      const removed = (text.slice(s, en).match(/\r\n|\r|\n/g) ?? []).length;
      const added = (e.newText.match(/\r\n|\r|\n/g) ?? []).length;
      shift += added - removed;
    }
  }
  return line + shift;
}

function keys(ds: readonly Diagnostic[]): Key[] {
  return summarizeDiagnostics(ds)
    .map((d) => `${d.rule}@${d.line}`)
    .sort();
}

function minus(a: Key[], b: Key[]): Key[] {
  const left = a.slice();
  for (const x of b) {
    const i = left.indexOf(x);
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

let version = 1;

/** Replaces the whole text of an open document and waits for its diagnostics. */
async function setText(client: TestClient, uri: string, text: string): Promise<Diagnostic[]> {
  version++;
  await client.change(uri, version, [{ text }]);
  return client.diagnosticsFor(uri, version);
}

describe('quick fixes clear exactly their finding', () => {
  let client: TestClient;
  before(async () => {
    // no typing here: check each change at once
    client = await TestClient.start({ locale: 'zh-cn', settings: () => ({ debounceMs: 0 }) });
  });
  after(() => client.stop());

  for (const name of seedNames()) {
    test(`seed ${name}: each quick fix, applied and re-checked`, async () => {
      const uri = docUri(name);
      const text = readFixture('seeds', name);
      await client.open(uri, text, 'govreport', version);
      let ds = await client.diagnosticsFor(uri, version);
      const all = keys(ds);
      let fixesSeen = 0;
      for (let k = 0; k < all.length; k++) {
        const d = ds[k];
        const actions = await client.codeActions(uri, d.range, [d]);
        const quick = actions.filter((a) => a.kind === 'quickfix');
        for (const a of quick) {
          assert.deepEqual(a.diagnostics, [d], 'the action names its diagnostic');
          const edits = editsFor(a.edit, uri);
          assert.ok(edits.length > 0, `${a.title} has edits`);
          assert.equal((a.edit?.documentChanges?.[0] as { textDocument: { version: number } }).textDocument.version, version, 'versioned edit');
          const fixed = applyTextEdits(text, edits);
          const after = keys(await setText(client, uri, fixed));
          const target = `${d.code}@${mapLine(text, edits, d.range.start.line) + 1}`;
          const expected = summarizeDiagnostics(ds)
            .filter((_, i) => i !== k)
            .map((x) => `${x.rule}@${mapLine(text, edits, x.line - 1) + 1}`)
            .sort();
          assert.ok(!after.includes(target) || expected.includes(target), `${a.title}: ${target} is gone`);
          assert.deepEqual(minus(expected, after), [], `${a.title}: no other finding disappears`);
          if (a.isPreferred) assert.deepEqual(after, expected, `${a.title} (preferred): no finding is added`);
          fixesSeen++;
          ds = await setText(client, uri, text);
        }
      }
      const core = lint(text);
      assert.equal(fixesSeen, core.findings.reduce((n, f) => n + f.fixes.length, 0), 'every fix of the core is offered');
      await client.close(uri);
    });
  }

  test('a missing table: "insert an empty table" adds the canonical skeleton after the heading', async () => {
    for (const name of seedNames().filter((n) => /^00[02]/.test(n))) {
      const text = readFixture('seeds', name);
      const uri = docUri('table-' + name);
      await client.open(uri, text, 'govreport', version);
      const orig = await client.diagnosticsFor(uri, version);
      // cut each table out of the report in turn
      const lines = text.split('\n');
      const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
        name: string;
        range: { start: { line: number }; end: { line: number } };
        children?: { name: string; range: { start: { line: number }; end: { line: number } } }[];
      }[];
      const tables = symbols.flatMap((s) => (s.children ?? []).filter((c) => /^表\d$/.test(c.name)));
      assert.equal(tables.length, 3);
      for (const t of tables) {
        const cut = [...lines.slice(0, t.range.start.line), ...lines.slice(t.range.end.line + 1)].join('\n');
        const ds = await setText(client, uri, cut);
        const missing = ds.find((d) => d.code === 'table-missing');
        assert.ok(missing, `${t.name} removed → table-missing`);
        const actions = await client.codeActions(uri, missing.range, [missing]);
        const insert = actions.find((a) => a.title.startsWith('插入空白表'));
        assert.ok(insert, 'the insert-table action is offered');
        assert.equal(insert.isPreferred, false);
        assert.equal(insert.title, `插入空白${t.name}`);
        const edits = editsFor(insert.edit, uri);
        assert.equal(edits[0].range.start.line, missing.range.start.line + 1, 'inserted after the heading line');
        const after = await setText(client, uri, applyTextEdits(cut, edits));
        assert.ok(!after.some((d) => d.code === 'table-missing'), 'table-missing is gone');
        const added = minus(
          after.map((d) => String(d.code)),
          ds.filter((d) => d !== missing).map((d) => String(d.code)),
        );
        assert.ok(added.length > 0 && added.every((c) => c === 'table-blank-cell'), `only blank-cell findings are added: ${added}`);
      }
      assert.deepEqual(keys(await setText(client, uri, text)), keys(orig), 'back to the original findings');
      await client.close(uri);
    }
  });
});

describe('fix all', () => {
  for (const documentChanges of [true, false]) {
    test(`source.fixAll as on save (documentChanges ${documentChanges}): once fixes every preferred fix, twice finds nothing`, async () => {
      const client = await TestClient.start({ locale: 'zh-cn', documentChanges, settings: () => ({ debounceMs: 0 }) });
      try {
        for (const name of seedNames()) {
          const uri = docUri('fixall-' + name);
          const text = readFixture('seeds', name);
          version = 1;
          await client.open(uri, text, 'govreport', version);
          const ds = await client.diagnosticsFor(uri, version);
          const whole = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
          // editor.codeActionsOnSave asks with `only` and no diagnostics
          const first = await client.codeActions(uri, whole, [], ['source.fixAll']);
          const fixAll = first.find((a) => a.kind === 'source.fixAll.govreport');
          const preferred: CodeAction[] = [];
          for (const d of ds) {
            const acts = await client.codeActions(uri, d.range, [d], ['quickfix']);
            preferred.push(...acts.filter((a) => a.isPreferred));
          }
          if (!preferred.length) {
            assert.equal(fixAll, undefined, `${name}: no fix-all without preferred fixes`);
            await client.close(uri);
            continue;
          }
          assert.ok(fixAll, `${name}: fix-all offered`);
          assert.equal(first.filter((a) => a.kind === 'quickfix').length, 0, 'only the requested kind');
          if (!documentChanges) assert.ok(fixAll.edit?.changes?.[uri], 'plain changes for clients without documentChanges');
          const edits = editsFor(fixAll.edit, uri);
          assert.equal(edits.length, preferred.reduce((n, a) => n + editsFor(a.edit, uri).length, 0), 'all preferred edits, once each');
          assert.equal(fixAll.diagnostics?.length, preferred.length);
          const fixed = applyTextEdits(text, edits);
          version++;
          await client.change(uri, version, [{ text: fixed }]);
          const after = await client.diagnosticsFor(uri, version);
          assert.ok(after.length === ds.length - preferred.length, `${name}: exactly the fixed findings are gone`);
          const second = await client.codeActions(uri, whole, [], ['source.fixAll.govreport']);
          assert.deepEqual(second, [], `${name}: nothing left to fix`);
          await client.close(uri);
        }
      } finally {
        await client.stop();
      }
    });
  }

  test('the lightbulb (no `only`) offers fix-all next to a fixable diagnostic, not next to others', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const name = seedNames()[0];
      const uri = docUri('bulb-' + name);
      await client.open(uri, readFixture('seeds', name));
      const ds = await client.diagnosticsFor(uri, 1);
      const fixable = ds.find((d) => d.code === 'typo-known')!;
      const unfixable = ds.find((d) => d.code === 'table-blank-cell')!;
      const a = await client.codeActions(uri, fixable.range, [fixable]);
      assert.ok(a.some((x) => x.kind === 'source.fixAll.govreport'));
      assert.ok(a.some((x) => x.kind === 'quickfix' && x.isPreferred));
      const b = await client.codeActions(uri, unfixable.range, [unfixable]);
      assert.deepEqual(b, []);
      // English titles for an English client
      const en = await TestClient.start({ locale: 'en' });
      try {
        await en.open(uri, readFixture('seeds', name));
        const eds = await en.diagnosticsFor(uri, 1);
        const t = eds.find((d) => d.code === 'typo-known')!;
        const acts = await en.codeActions(uri, t.range, [t]);
        assert.deepEqual(
          acts.map((x) => x.title),
          ['Change “政复议” to “行政复议”', 'Fix all auto-fixable problems'],
        );
      } finally {
        await en.stop();
      }
    } finally {
      await client.stop();
    }
  });

  test('diagnostics from an older version are matched by rule and range, or get no action', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const name = seedNames()[0];
      const uri = docUri('old-' + name);
      const text = readFixture('seeds', name);
      await client.open(uri, text);
      const ds = await client.diagnosticsFor(uri, 1);
      const typo = ds.find((d) => d.code === 'typo-known')!;
      // an edit at the end keeps the typo where it was; the v1 diagnostic still gets its fix for v2
      await client.change(uri, 2, [{ range: { start: { line: 414, character: 0 }, end: { line: 414, character: 0 } }, text: '\n' }]);
      await client.diagnosticsFor(uri, 2);
      const acts = await client.codeActions(uri, typo.range, [typo]);
      assert.equal(acts.filter((a) => a.kind === 'quickfix').length, 1);
      assert.equal((acts[0].edit?.documentChanges?.[0] as { textDocument: { version: number } }).textDocument.version, 2);
      // a diagnostic that no longer exists gets nothing
      const ghost = { ...typo, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } }, data: undefined };
      const none = await client.codeActions(uri, ghost.range, [ghost]);
      assert.deepEqual(none.filter((a) => a.kind === 'quickfix'), []);
    } finally {
      await client.stop();
    }
  });
});
