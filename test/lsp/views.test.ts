/** Hovers, document symbols, folding ranges, inlay hints, table export and the report skeleton. */

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Hover, InlayHint, MarkupContent } from 'vscode-languageserver/node';
import { CSV_HEADER, lint, reportSkeleton, tableSkeleton } from '../../server/src/core';
import { readFixture, seedNames } from '../helpers';
import { TestClient, docUri } from './harness';

const SEED0 = seedNames()[0];
const SECTIONS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

describe('views of seed 000', () => {
  let client: TestClient;
  const uri = docUri(SEED0);
  const text = readFixture('seeds', SEED0);
  before(async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
  });
  after(() => client.stop());

  const hover = async (line: number, character: number): Promise<string | undefined> => {
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover | null;
    return h ? (h.contents as MarkupContent).value : undefined;
  };

  test('hover on the wrong total (line 108, the 2): formula with the computed 0 and the stated 2', async () => {
    assert.equal(text.split('\n')[107], '\t2');
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 107, character: 1 } })) as Hover;
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    const md = (h.contents as MarkupContent).value;
    assert.match(md, /行：（一）予以公开/);
    assert.match(md, /列：总计/);
    assert.ok(md.includes('总计 = 0 + 0 + 0 + 0 + 0 + 0 = 0；报告中为 2 ✗'), md);
    assert.deepEqual(h.range, { start: { line: 107, character: 1 }, end: { line: 107, character: 2 } });
  });

  test('hover on an operand: the totals it feeds into', async () => {
    const md = await hover(101, 1); // （一）予以公开 / 自然人
    assert.ok(md);
    assert.match(md, /列：自然人/);
    assert.match(md, /计入：/);
    assert.match(md, /- 总计 = 0 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 = 0；报告中为 2 ✗/);
    assert.match(md, /（七）总计\/自然人/);
  });

  test('hover on a section heading: which section and whether it is complete', async () => {
    const one = await hover(1, 3);
    assert.ok(one);
    assert.match(one, /\*\*第一部分\*\* 一、总体情况/);
    assert.match(one, /标题写作“—、总体情况”/);
    assert.match(one, /1个问题/);
    const three = await hover(62, 2);
    assert.ok(three);
    assert.match(three, /第三部分/);
    assert.match(three, /表3：识别25行，共25行/);
    const five = await hover(text.split('\n').findIndex((l) => l.startsWith('五、')), 2);
    assert.ok(five);
    assert.match(five, /第五部分“存在的主要问题及改进情况”：内容完整/);
  });

  test('hover on narrative text has nothing to say', async () => {
    assert.equal(await hover(4, 5), undefined);
  });

  test('document symbols: the six sections in order, sub-sections and tables inside', async () => {
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      SECTIONS,
    );
    assert.deepEqual(
      symbols.map((s) => s.kind),
      [3, 3, 3, 3, 3, 3],
    );
    assert.equal(symbols[0].detail, '—、总体情况', 'the heading as written');
    assert.deepEqual(
      symbols[0].children?.map((c) => c.name.slice(0, 3)),
      ['（一）', '（二）', '（三）', '（四）', '（五）'],
    );
    const tables = symbols.map((s) => s.children?.find((c) => /^表\d$/.test(c.name))?.name);
    assert.deepEqual(tables, [undefined, '表2', '表3', '表4', undefined, undefined]);
    const t3 = symbols[2].children!.find((c) => c.name === '表3')!;
    assert.equal(t3.children?.length, 25);
    assert.equal(t3.children?.[2].name, '（一）予以公开');
    const within = (outer: DocumentSymbol, inner: DocumentSymbol): boolean =>
      (outer.range.start.line < inner.range.start.line || (outer.range.start.line === inner.range.start.line && outer.range.start.character <= inner.range.start.character)) &&
      (outer.range.end.line > inner.range.end.line || (outer.range.end.line === inner.range.end.line && outer.range.end.character >= inner.range.end.character));
    const check = (s: DocumentSymbol): void => {
      assert.ok(within(s, { ...s, range: s.selectionRange }), `${s.name}: selection inside range`);
      for (const c of s.children ?? []) {
        assert.ok(within(s, c), `${c.name} inside ${s.name}`);
        check(c);
      }
    };
    symbols.forEach(check);
    for (let i = 1; i < symbols.length; i++) assert.ok(symbols[i - 1].range.end.line < symbols[i].range.start.line, 'sections do not overlap');
  });

  test('folding ranges: every section spanning lines, and the three tables', async () => {
    const ranges = (await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    const starts = ranges.map((r) => r.startLine);
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    for (const s of symbols) if (s.range.end.line > s.range.start.line) assert.ok(starts.includes(s.range.start.line), `${s.name} folds`);
    for (const t of symbols.flatMap((s) => (s.children ?? []).filter((c) => /^表/.test(c.name)))) assert.ok(starts.includes(t.range.start.line), `${t.name} folds`);
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });

  test('inlay hint: the computed value beside the wrong total on line 108', async () => {
    const hints = (await client.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } },
    })) as InlayHint[];
    assert.equal(hints.length, 1);
    assert.deepEqual(hints[0].position, { line: 107, character: 2 });
    assert.equal(hints[0].label, ' = 0');
    assert.match(String(hints[0].tooltip), /报告中为 2/);
    const outside = (await client.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 200, character: 0 }, end: { line: 300, character: 0 } },
    })) as InlayHint[];
    assert.deepEqual(outside, [], 'only hints in the requested range');
  });

  test('exportTables: csv with one line per value cell, json with the three tables', async () => {
    const core = lint(text);
    const cells = core.report.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.length, 0), 0);
    const csv = (await client.conn.sendRequest('govreport/exportTables', { uri, format: 'csv' })) as { content: string };
    const lines = csv.content.split('\r\n').filter((l) => l !== '');
    assert.equal(lines[0], CSV_HEADER.join(','));
    assert.equal(lines.length, 1 + cells);
    assert.ok(lines.some((l) => l.includes(',T3,三、本年度办理结果,r1,（一）予以公开,') && l.endsWith(',c7,总计,2,2,108')), 'the stated total of （一）');
    const json = (await client.conn.sendRequest('govreport/exportTables', { uri, format: 'json' })) as { content: string };
    const data = JSON.parse(json.content);
    assert.equal(data.reports.length, 1);
    assert.equal(data.reports[0].year, 2021);
    assert.deepEqual(
      data.reports[0].tables.map((t: { table: string; rows: unknown[] }) => [t.table, t.rows.length]),
      [
        ['T2', 6],
        ['T3', 25],
        ['T4', 1],
      ],
    );
    const total = data.reports[0].tables[1].rows[24];
    assert.equal(total.key, 'carry_out');
    assert.deepEqual(total.cells[0], { column: 'c1', label: '自然人', raw: '', value: null, state: 'blank', line: 341 });
  });
});

describe('inlay hints setting', () => {
  for (const [name, prefix, settings] of [
    ['govreport.inlayHints.enabled false turns them off', 'noinlay-', { inlayHints: { enabled: false } }],
    ['no inlay hint when the identity rule is off (nothing to explain)', 'ruleoff-', { rules: { 'table3-row-total': 'off' } }],
  ] as const) {
    test(name, async () => {
      const client = await TestClient.start({ locale: 'zh-cn', settings: () => settings });
      try {
        const uri = docUri(prefix + SEED0);
        await client.open(uri, readFixture('seeds', SEED0));
        await client.diagnosticsFor(uri, 1);
        const hints = await client.conn.sendRequest('textDocument/inlayHint', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } },
        });
        assert.deepEqual(hints, []);
      } finally {
        await client.stop();
      }
    });
  }
});

describe('skeleton', () => {
  /**
   * The skeleton is a report with every value cell blank: the only findings are `table-blank-cell` warnings,
   * one per table row (6 in table 2, 25 in table 3, 1 in table 4), which is the checker asking for the numbers.
   */
  test('govreport/skeleton: six canonical headings, three empty tables, only blank-cell warnings', async () => {
    const client = await TestClient.start({ locale: 'zh-cn' });
    try {
      const r = (await client.conn.sendRequest('govreport/skeleton', { year: 2024, agency: '某某县交通运输局' })) as { text: string };
      assert.ok(r.text.startsWith('某某县交通运输局2024年政府信息公开工作年度报告\n'));
      for (const h of SECTIONS) assert.ok(r.text.split('\n').includes(h), h);
      const core = lint(r.text);
      assert.deepEqual(core.failures, []);
      assert.deepEqual([...new Set(core.findings.map((f) => f.ruleId))], ['table-blank-cell']);
      assert.equal(core.findings.length, 6 + 25 + 1);
      assert.ok(core.findings.every((f) => f.severity === 'warning'));
      assert.deepEqual(
        core.report.tables.map((t) => [t.kind, t.layout, t.rows.length, t.rows.every((row) => row.aligned)]),
        [
          ['T2', 'L2', 6, true],
          ['T3', 'L2', 25, true],
          ['T4', 'L2', 1, true],
        ],
      );
      assert.equal(core.report.title?.year, 2024);
      // through the server: no errors either
      const uri = docUri('skeleton.txt');
      await client.open(uri, r.text);
      const ds = await client.diagnosticsFor(uri, 1);
      assert.equal(ds.filter((d) => d.severity === 1).length, 0);
      assert.equal(ds.length, 32);
      // default year: the previous calendar year; no agency: a placeholder
      const d = (await client.conn.sendRequest('govreport/skeleton', {})) as { text: string };
      assert.ok(d.text.startsWith(`（机关名称）${new Date().getFullYear() - 1}年政府信息公开工作年度报告`));
    } finally {
      await client.stop();
    }
  });

  test('filled with zeros, the skeleton is a clean report', () => {
    const text = reportSkeleton({ year: 2023, agency: '某局' }).replace(/—/g, '0');
    const core = lint(text);
    assert.deepEqual(
      core.findings.map((f) => f.ruleId),
      [],
    );
  });

  test('table snippets of both formats parse as complete tables', () => {
    for (const [format, year] of [
      ['F2021', 2022],
      ['F2019', 2020],
    ] as const) {
      for (const eol of ['\n', '\r\n']) {
        const parts = [`某局${year}年政府信息公开工作年度报告`, '', ...SECTIONS.slice(0, 1), '无。'];
        let text = parts.join(eol) + eol;
        for (const [k, kind] of (['T2', 'T3', 'T4'] as const).entries()) text += SECTIONS[k + 1] + eol + tableSkeleton(kind, format, eol);
        text += [SECTIONS[4], '无。', SECTIONS[5], '本年度收取政府信息公开信息处理费（　）元。', ''].join(eol);
        if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(text), 'CRLF throughout');
        const core = lint(text);
        assert.equal(core.report.format.effective, format);
        assert.deepEqual(
          core.report.tables.map((t) => [t.kind, t.rows.length === t.expected.length, t.rows.every((r) => r.aligned && r.cells.every((c) => c.state === 'blank'))]),
          [
            ['T2', true, true],
            ['T3', true, true],
            ['T4', true, true],
          ],
          `${format} ${JSON.stringify(eol)}`,
        );
        // parts 一 and 五 say only 无: the content rules ask for them (part 一's elements in the 2021 format only)
        const content = format === 'F2021' ? ['overview-element-missing', 'table-blank-cell', 'improvement-missing'] : ['table-blank-cell', 'improvement-missing'];
        assert.deepEqual([...new Set(core.findings.map((f) => f.ruleId))], content, `${format}: ${core.findings.map((f) => f.ruleId)}`);
      }
    }
  });
});
