/**
 * Diagnostics through the protocol: push and pull give the seeds' expected findings, with source, code, docs
 * link, severity, language and data; settings, suppressions, detection, failing rules and unknown documents.
 */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { lint, RULES, type Rule } from '../../server/src/core';
import { ROOT, SEEDS, readFixture, sameFindings, seedNames, type Expected } from '../helpers';
import { TestClient, docUri, summarizeDiagnostics } from './harness';

const expectedOf = (name: string): Expected[] => JSON.parse(fs.readFileSync(path.join(SEEDS, name.replace(/\.txt$/, '.expected.json')), 'utf8'));
const SEED0 = seedNames()[0];

function comparable(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => JSON.stringify([d.code, d.range, d.severity, d.message, d.source, d.codeDescription?.href, d.relatedInformation ?? []]));
}

describe('push diagnostics (client without pull support)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
  });
  after(() => client.stop());

  test('the server announces no diagnostic provider to a push client', () => {
    assert.equal(client.init.capabilities.diagnosticProvider, undefined);
  });

  for (const name of seedNames()) {
    test(`seed ${name}: the expected findings, published for version 1`, async () => {
      const uri = docUri(name);
      const before = client.statuses.length;
      await client.open(uri, readFixture('seeds', name));
      const ds = await client.diagnosticsFor(uri, 1);
      const cmp = sameFindings(summarizeDiagnostics(ds), expectedOf(name));
      assert.ok(cmp.ok, cmp.diff);
      const core = lint(readFixture('seeds', name));
      ds.forEach((d, i) => {
        const f = core.findings[i];
        assert.equal(d.source, 'govreport');
        assert.equal(d.code, f.ruleId);
        // a client that names no link gets the installed page's file (the page exists, nothing is fetched)
        const page = path.join(ROOT, 'docs', 'rules', `${f.ruleId}.md`);
        assert.equal(d.codeDescription?.href, pathToFileURL(page).href);
        assert.ok(fs.statSync(fileURLToPath(d.codeDescription.href)).isFile());
        assert.equal(d.message, f.message.zh, 'Chinese for a zh-cn client');
        assert.deepEqual(d.range, core.report.index.rangeToPositions(f.range));
        assert.equal(d.severity, { error: 1, warning: 2, info: 3 }[f.severity]);
        assert.deepEqual(d.data, { v: 1, i, rule: f.ruleId });
        assert.equal((d.relatedInformation ?? []).length, f.related.length);
        for (const r of d.relatedInformation ?? []) assert.equal(r.location.uri, uri);
      });
      const status = await client.statusFor(uri, before);
      assert.deepEqual(
        { errors: status.errors, warnings: status.warnings, infos: status.infos },
        {
          errors: core.findings.filter((f) => f.severity === 'error').length,
          warnings: core.findings.filter((f) => f.severity === 'warning').length,
          infos: core.findings.filter((f) => f.severity === 'info').length,
        },
      );
      assert.equal(status.isReport, true);
      assert.equal(status.format, core.report.format.effective);
      assert.equal(status.year, core.report.title?.year);
      await client.close(uri);
    });
  }

  test('related information carries the operands of a failed total (seed 000, line 108)', async () => {
    const uri = docUri('related-' + SEED0);
    await client.open(uri, readFixture('seeds', SEED0));
    const ds = await client.diagnosticsFor(uri, 1);
    const total = ds.find((d) => d.code === 'table3-row-total')!;
    assert.equal(total.range.start.line, 107);
    assert.equal(total.relatedInformation?.length, 6);
    assert.match(total.relatedInformation[0].message, /（一）予以公开\/自然人：0/);
    await client.close(uri);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = docUri('close-' + SEED0);
    await client.open(uri, readFixture('seeds', SEED0));
    await client.diagnosticsFor(uri, 1);
    await client.close(uri);
    await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 'empty diagnostics after close');
  });
});

describe('pull diagnostics (LSP 3.17 client)', () => {
  let pull: TestClient;
  let push: TestClient;
  before(async () => {
    pull = await TestClient.start({ pull: true, locale: 'zh-CN' });
    push = await TestClient.start({ locale: 'zh-CN' });
  });
  after(async () => {
    await pull.stop();
    await push.stop();
  });

  test('the server registers a diagnostic provider with inter-file dependencies', () => {
    assert.deepEqual(pull.init.capabilities.diagnosticProvider, { identifier: 'govreport', interFileDependencies: true, workspaceDiagnostics: false });
  });

  for (const name of seedNames()) {
    test(`seed ${name}: pulled diagnostics equal pushed ones, nothing is pushed to a pull client`, async () => {
      const uri = docUri(name);
      const text = readFixture('seeds', name);
      await pull.open(uri, text);
      await push.open(uri, text);
      const report = await pull.pull(uri);
      assert.equal(report.kind, 'full');
      const pulled = report.kind === 'full' ? report.items : [];
      const pushed = await push.diagnosticsFor(uri, 1);
      assert.deepEqual(comparable(pulled), comparable(pushed));
      const cmp = sameFindings(summarizeDiagnostics(pulled), expectedOf(name));
      assert.ok(cmp.ok, cmp.diff);
      // unchanged document: the same result id answers `unchanged`
      const again = await pull.pull(uri, report.kind === 'full' ? report.resultId : undefined);
      assert.equal(again.kind, 'unchanged');
      assert.equal(pull.published.filter((p) => p.uri === uri).length, 0);
      assert.ok(pull.statuses.some((s) => s.uri === uri), 'status is sent after a pulled validation too');
    });
  }
});

describe('settings', () => {
  test('govreport.rules turns a rule off after didChangeConfiguration (push)', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const uri = docUri('settings-' + SEED0);
      await client.open(uri, readFixture('seeds', SEED0));
      const first = await client.diagnosticsFor(uri, 1);
      assert.ok(first.some((d) => d.code === 'typo-known'));
      const n = client.published.length;
      await client.changeConfiguration(() => ({ rules: { 'typo-known': 'off', 'table3-row-total': 'warning' } }));
      const p = await client.waitFor(() => client.published.slice(n).find((x) => x.uri === uri), 'republished diagnostics');
      assert.ok(!p.diagnostics.some((d) => d.code === 'typo-known'), 'typo-known is gone');
      assert.equal(p.diagnostics.length, first.length - 1, 'nothing else is gone');
      assert.equal(p.diagnostics.find((d) => d.code === 'table3-row-total')?.severity, 2, 'severity override');
    } finally {
      await client.stop();
    }
  });

  test('govreport.rules off in a pull client: the server asks for a refresh and the next pull drops the rule', async () => {
    const client = await TestClient.start({ pull: true, locale: 'zh-cn' });
    try {
      const uri = docUri('settings-pull-' + SEED0);
      await client.open(uri, readFixture('seeds', SEED0));
      const r1 = await client.pull(uri);
      assert.ok(r1.kind === 'full' && r1.items.some((d) => d.code === 'typo-known'));
      const refreshes = client.refreshes;
      await client.changeConfiguration(() => ({ rules: { 'typo-known': 'off' } }));
      await client.waitFor(() => client.refreshes > refreshes, 'workspace/diagnostic/refresh');
      const r2 = await client.pull(uri, r1.kind === 'full' ? r1.resultId : undefined);
      assert.equal(r2.kind, 'full');
      assert.ok(r2.kind === 'full' && !r2.items.some((d) => d.code === 'typo-known'));
    } finally {
      await client.stop();
    }
  });

  test('settings are asked once per resource and cached until didChangeConfiguration', async () => {
    const client = await TestClient.start({ pull: true });
    try {
      const uri = docUri('cache-' + SEED0);
      await client.open(uri, readFixture('seeds', SEED0));
      await client.pull(uri);
      await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 107, character: 1 } });
      await client.pull(uri);
      const asked = client.configurationRequests.length;
      assert.equal(asked, 1);
      await client.changeConfiguration(() => ({}));
      await client.pull(uri);
      assert.equal(client.configurationRequests.length, 2);
    } finally {
      await client.stop();
    }
  });

  test('govreport.language en gives English messages; auto follows the locale; unknown locale gives Chinese', async () => {
    const core = lint(readFixture('seeds', SEED0));
    const cases: { locale?: string; language?: string; lang: 'zh' | 'en' }[] = [
      { locale: 'zh-cn', language: 'en', lang: 'en' },
      { locale: 'en', language: 'auto', lang: 'en' },
      { locale: 'de', lang: 'en' },
      { locale: 'zh-tw', lang: 'zh' },
      { locale: 'en-US', language: 'zh', lang: 'zh' },
      { lang: 'zh' },
    ];
    for (const c of cases) {
      const client = await TestClient.start({ locale: c.locale, settings: () => (c.language ? { language: c.language } : {}) });
      try {
        const uri = docUri('lang-' + SEED0);
        await client.open(uri, readFixture('seeds', SEED0));
        const ds = await client.diagnosticsFor(uri, 1);
        assert.deepEqual(
          ds.map((d) => d.message),
          core.findings.map((f) => f.message[c.lang]),
          JSON.stringify(c),
        );
      } finally {
        await client.stop();
      }
    }
  });

  test('the locale may come in initializationOptions (as the extension sends it)', async () => {
    const core = lint(readFixture('seeds', SEED0));
    const client = await TestClient.start({ locale: 'zh-cn', initializationOptions: { locale: 'en' } });
    try {
      const uri = docUri('initopt-' + SEED0);
      await client.open(uri, readFixture('seeds', SEED0));
      const ds = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(
        ds.map((d) => d.message),
        core.findings.map((f) => f.message.en),
      );
    } finally {
      await client.stop();
    }
  });

  test('the rule links may be named in initializationOptions (the extension: a command showing its own page)', async () => {
    const template = 'command:govreport.showRuleDoc?%5B%22{id}%22%5D';
    for (const [ruleDocs, expected] of [
      [template, (id: string) => `command:govreport.showRuleDoc?%5B%22${id}%22%5D`],
      // without `{id}` a template could only name one page: ignored, the installed pages are linked
      ['command:govreport.showRuleDoc', (id: string) => pathToFileURL(path.join(ROOT, 'docs', 'rules', `${id}.md`)).href],
    ] as const) {
      const client = await TestClient.start({ locale: 'zh-cn', initializationOptions: { ruleDocs } });
      try {
        const uri = docUri(`links-${ruleDocs.length}-` + SEED0);
        await client.open(uri, readFixture('seeds', SEED0));
        const ds = await client.diagnosticsFor(uri, 1);
        assert.equal(ds.length, 8);
        for (const d of ds) assert.equal(d.codeDescription?.href, expected(String(d.code)));
      } finally {
        await client.stop();
      }
    }
  });

  test('a client without workspace/configuration gets defaults, or what it pushes with didChangeConfiguration', async () => {
    const client = await TestClient.start({ configuration: false, locale: 'zh-cn' });
    try {
      const uri = docUri('noconfig-' + SEED0);
      await client.open(uri, readFixture('seeds', SEED0));
      const ds = await client.diagnosticsFor(uri, 1);
      assert.equal(ds.length, 8);
      assert.equal(client.configurationRequests.length, 0);
      const n = client.published.length;
      await client.changeConfiguration(() => ({}), { govreport: { language: 'en', rules: { 'subsection-numbering': 'off' } } });
      const p = await client.waitFor(() => client.published.slice(n).find((x) => x.uri === uri), 'republished');
      assert.equal(p.diagnostics.length, 7);
      assert.match(p.diagnostics[0].message, /[A-Z]/i);
    } finally {
      await client.stop();
    }
  });
});

describe('suppressions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-supp-'));
  const sub = path.join(dir, 'reports');
  fs.mkdirSync(sub);
  const file = path.join(sub, SEED0);
  fs.writeFileSync(file, readFixture('seeds', SEED0));
  const uri = pathToFileURL(file).href;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (suppressions: unknown[]): Promise<Diagnostic[]> => {
    const client = await TestClient.start({
      locale: 'zh-cn',
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      settings: () => ({ suppressions }),
    });
    try {
      await client.open(uri, fs.readFileSync(file, 'utf8'));
      return await client.diagnosticsFor(uri, 1);
    } finally {
      await client.stop();
    }
  };

  test('a suppression (relative path, rule, line) drops exactly that finding', async () => {
    const all = await run([]);
    const kept = await run([{ file: `reports/${SEED0}`, rule: 'section-heading-variant', line: 350 }]);
    assert.equal(kept.length, all.length - 1);
    assert.ok(!kept.some((d) => d.code === 'section-heading-variant' && d.range.start.line === 349));
    assert.ok(kept.some((d) => d.code === 'section-heading-variant' && d.range.start.line === 15), 'the same rule elsewhere stays');
  });

  test('a glob and no line drops every finding of the rule in matching files; other files and rules stay', async () => {
    const all = await run([]);
    const kept = await run([{ file: '**/*.txt', rule: 'section-heading-variant' }, { file: 'other/*.txt', rule: 'typo-known' }]);
    assert.deepEqual(
      kept.map((d) => d.code),
      all.map((d) => d.code).filter((c) => c !== 'section-heading-variant'),
    );
    const byName = await run([{ file: SEED0, rule: 'typo-known', line: 351 }]);
    assert.equal(byName.length, all.length - 1, 'a bare file name matches the file');
  });
});

describe('documents that are not reports, and detection', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
  });
  after(() => client.stop());

  test('a plain-text document that is not a report gets empty diagnostics and isReport false', async () => {
    const uri = docUri('notes.txt');
    await client.open(uri, '会议纪要\n\n今天讨论了下周的安排，请大家准时参加。\n', 'plaintext');
    const ds = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(ds, []);
    const st = await client.statusFor(uri);
    assert.equal(st.isReport, false);
  });

  test('a Markdown document holding a report is checked (detect auto)', async () => {
    const uri = docUri('report.md');
    await client.open(uri, readFixture('seeds', SEED0), 'markdown');
    const ds = await client.diagnosticsFor(uri, 1);
    assert.equal(ds.length, 8);
  });

  test('the same text in a govreport document that is not a report gets the not-a-report information', async () => {
    const uri = docUri('notes-as-report.txt');
    await client.open(uri, '会议纪要\n\n今天讨论了下周的安排，请大家准时参加。\n', 'govreport');
    const ds = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(ds.map((d) => d.code), ['not-a-report']);
  });

  test('govreport.detect off: plain text holding a report is not checked, govreport documents still are', async () => {
    const c2 = await TestClient.start({ locale: 'zh-cn', settings: () => ({ detect: 'off' }) });
    try {
      const a = docUri('plain-report.txt');
      const b = docUri('gov-report.txt');
      await c2.open(a, readFixture('seeds', SEED0), 'plaintext');
      await c2.open(b, readFixture('seeds', SEED0), 'govreport');
      assert.deepEqual(await c2.diagnosticsFor(a, 1), []);
      assert.equal((await c2.diagnosticsFor(b, 1)).length, 8);
      const sym = await c2.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: a } });
      assert.deepEqual(sym, [], 'no outline for a document that is not checked');
    } finally {
      await c2.stop();
    }
  });
});

/** A rule that always throws: injected through the rule set to prove a failing rule cannot take the server down. */
const THROWING_RULE: Rule = {
  meta: {
    id: 'test-throwing-rule',
    severity: 'error',
    formats: 'both',
    kind: 'exact',
    description: { zh: '测试用：总是抛出异常的规则', en: 'Test only: a rule that always throws' },
  },
  check() {
    throw new Error('injected failure');
  },
};

describe('robustness', () => {
  test('a rule that throws is logged once and the other rules still run', async () => {
    const client = await TestClient.start({ locale: 'zh-cn', server: { ruleSet: [...RULES, THROWING_RULE] } });
    try {
      for (const name of seedNames()) {
        const uri = docUri('throw-' + name);
        await client.open(uri, readFixture('seeds', name));
        const ds = await client.diagnosticsFor(uri, 1);
        const cmp = sameFindings(summarizeDiagnostics(ds), expectedOf(name));
        assert.ok(cmp.ok, cmp.diff);
      }
      const errors = await client.waitFor(() => {
        const e = client.logs.filter((l) => l.type === 1 && l.message.includes('test-throwing-rule'));
        return e.length ? e : undefined;
      }, 'the failure in the log');
      assert.equal(errors.length, 1, 'logged once, not once per document');
      assert.match(errors[0].message, /injected failure/);
    } finally {
      await client.stop();
    }
  });

  test('requests about unknown documents answer empty', async () => {
    for (const pullMode of [false, true]) {
      const client = await TestClient.start({ pull: pullMode });
      try {
        const uri = docUri('never-opened.txt');
        const pos = { line: 0, character: 0 };
        const range = { start: pos, end: pos };
        assert.equal(await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos }), null);
        assert.deepEqual(await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
        assert.deepEqual(await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } }), []);
        assert.deepEqual(await client.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range }), []);
        assert.deepEqual(await client.codeActions(uri, range, []), []);
        assert.deepEqual(await client.conn.sendRequest('govreport/exportTables', { uri, format: 'csv' }), { content: '' });
        if (pullMode) assert.deepEqual(await client.pull(uri), { kind: 'full', items: [] });
        assert.deepEqual(await client.conn.sendRequest('govreport/exportTables', { uri: 'untitled:x', format: 'json' }), { content: '' });
        assert.deepEqual(await client.conn.sendRequest('govreport/exportTables', { uri, format: 'xml' }), { content: '' });
      } finally {
        await client.stop();
      }
    }
  });

  test('CRLF documents and characters outside the BMP keep positions right (UTF-16)', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const name = seedNames().find((n) => n.startsWith('004'))!;
      const text = readFixture('seeds', name);
      const crlf = text.replace(/\r?\n/g, '\r\n');
      const uri = docUri('crlf-' + name);
      await client.open(uri, crlf);
      const ds = await client.diagnosticsFor(uri, 1);
      const cmp = sameFindings(summarizeDiagnostics(ds), expectedOf(name));
      assert.ok(cmp.ok, cmp.diff);
      // a surrogate pair before the typo on line 20 moves the range by two UTF-16 units
      const lines = text.split('\n');
      const plain = lines[19];
      lines[19] = '𠀀' + plain;
      const uri2 = docUri('astral-' + name);
      await client.open(uri2, lines.join('\n'));
      const ds2 = await client.diagnosticsFor(uri2, 1);
      const a = ds.find((d) => d.code === 'typo-known')!;
      const b = ds2.find((d) => d.code === 'typo-known')!;
      assert.equal(b.range.start.character, a.range.start.character + 2);
      assert.equal(lines[19].slice(b.range.start.character, b.range.end.character), '县委县政务');
    } finally {
      await client.stop();
    }
  });
});
