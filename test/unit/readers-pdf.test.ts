/**
 * The PDF reader (server/src/readers/pdf.ts) on real published reports and on generated edge cases
 * (test/fixtures/originals/pdf, provenance and checksums in its SOURCES.md; the generated ones come from
 * test/gen/pdf-fixtures.mjs).
 *
 * For each real PDF: every cell of tables 3 and 4 as printed (grids written out by hand from page renderings,
 * `pdftoppm -png`), the checker's findings on the text read, and — where the repository has the same report
 * as text made with `pdftotext -layout` (test/fixtures/real) — the same findings as on that text.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint, type LintResult } from '../../server/src/core';
import { readPdf } from '../../server/src/readers/pdf';
import type { ReadResult } from '../../server/src/readers/types';
import { FIXTURES, ROOT, summarize } from '../helpers';

const PDF = path.join(FIXTURES, 'originals', 'pdf');
const REAL = path.join(FIXTURES, 'real');
const bytes = (name: string) => new Uint8Array(fs.readFileSync(path.join(PDF, name)));

const cache = new Map<string, Promise<ReadResult>>();
const read = (name: string) => {
  if (!cache.has(name)) cache.set(name, readPdf(bytes(name)));
  return cache.get(name)!;
};

/** T3 value cells by row key and T4's 15 cells, as the checker reads them from the text. */
function grids(r: LintResult): { t3: Record<string, string[]>; t4: string[]; kinds: string[] } {
  const t3: Record<string, string[]> = {};
  let t4: string[] = [];
  for (const t of r.report.tables) {
    if (t.kind === 'T3') for (const row of t.rows) t3[row.def.key] = row.cells.map((c) => c.raw);
    if (t.kind === 'T4') t4 = t.rows.flatMap((row) => row.cells.map((c) => c.raw));
  }
  return { t3, t4, kinds: r.report.tables.map((t) => t.kind).sort() };
}

/** Findings without their position: rule, severity and the Chinese message. */
const unplaced = (r: LintResult) => r.findings.map((f) => `${f.ruleId}:${f.severity}:${f.message.zh}`).sort();

const Z7 = ['0', '0', '0', '0', '0', '0', '0'];
/** A T3 row of a report where only 自然人 has applications: c1 and the total. */
const only = (n: number) => [String(n), '0', '0', '0', '0', '0', String(n)];
const cells = (...v: number[]) => v.map(String);

interface RealCase {
  file: string;
  /** The same report as text in test/fixtures/real (pdftotext -layout of this PDF). */
  text: string;
  t3: Record<string, string[]>;
  t4: string[];
  /** Findings on the text read from the PDF: rule@line (1-based line of the read text). */
  findings: string[];
  /** Lines of T3 rows and the page each is printed on. */
  pages: Record<string, number>;
}

const F2019_R6 = { r6: Z7 };

const REAL_CASES: RealCase[] = [
  {
    file: 'hongze-qzf_2023.pdf',
    text: '02_hongze-qzf_2023.txt',
    t3: {
      new: only(21), carry_in: Z7, r1: Z7, r2: only(4),
      r3_1: only(1), r3_2: Z7, r3_3: Z7, r3_4: Z7, r3_5: Z7, r3_6: only(1), r3_7: only(1), r3_8: Z7,
      r4_1: only(10), r4_2: only(3), r4_3: Z7,
      r5_1: only(1), r5_2: Z7, r5_3: Z7, r5_4: Z7, r5_5: Z7,
      ...F2019_R6, total: only(21), carry_out: Z7,
    },
    t4: cells(10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0),
    findings: ['table-label-typo@36', 'format-mixed@51', 'table4-block-total@58', 'table4-block-total@58'],
    pages: { new: 3, r4_2: 3, r4_3: 4, carry_out: 4 },
  },
  {
    file: 'hongze-qzf_2024.pdf',
    text: '04_hongze-qzf_2024.txt',
    t3: {
      new: only(95), carry_in: Z7, r1: only(50), r2: only(9),
      r3_1: Z7, r3_2: Z7, r3_3: only(1), r3_4: Z7, r3_5: Z7, r3_6: only(1), r3_7: only(1), r3_8: Z7,
      r4_1: only(31), r4_2: only(1), r4_3: Z7,
      r5_1: only(1), r5_2: Z7, r5_3: Z7, r5_4: Z7, r5_5: Z7,
      ...F2019_R6, total: only(95), carry_out: Z7,
    },
    t4: cells(1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3),
    findings: ['narrative-table-mismatch@7', 'table-label-typo@35', 'format-mixed@50'],
    pages: { new: 3, r4_1: 3, r4_2: 4, carry_out: 4 },
  },
  {
    file: 'huaian-szf_2024.pdf',
    text: '01_huaian-szf_2024.txt',
    t3: {
      new: cells(3001, 53, 0, 0, 61, 4, 3119),
      carry_in: only(34),
      r1: cells(1288, 21, 0, 0, 50, 3, 1362),
      r2: cells(447, 7, 0, 0, 0, 0, 454),
      r3_1: only(2),
      r3_2: cells(30, 1, 0, 0, 0, 0, 31),
      r3_3: only(5),
      r3_4: only(6),
      r3_5: cells(7, 1, 0, 0, 0, 0, 8),
      r3_6: only(12),
      r3_7: only(9),
      r3_8: only(105),
      r4_1: cells(746, 12, 0, 0, 10, 1, 769),
      r4_2: only(11),
      r4_3: only(1),
      r5_1: cells(56, 6, 0, 0, 0, 0, 62),
      r5_2: only(25),
      r5_3: Z7,
      r5_4: Z7,
      r5_5: only(1),
      r6_1: cells(67, 3, 0, 0, 1, 0, 71),
      r6_2: only(6),
      r6_3: cells(108, 2, 0, 0, 0, 0, 110),
      total: cells(2932, 53, 0, 0, 61, 4, 3050),
      carry_out: only(103),
    },
    t4: cells(72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20),
    findings: [],
    pages: { new: 4, r4_1: 4, r4_2: 5, carry_out: 5 },
  },
];

for (const c of REAL_CASES) {
  test(`PDF ${c.file}: every cell of tables 3 and 4 is read as printed`, async () => {
    const r = await read(c.file);
    assert.deepEqual(r.notices, []);
    const g = grids(lint(r.text));
    assert.deepEqual(g.kinds, ['T2', 'T3', 'T4']);
    assert.deepEqual(g.t3, c.t3);
    assert.deepEqual(g.t4, c.t4);
  });

  test(`PDF ${c.file}: the findings, and the same as on the pdftotext text of the same report`, async () => {
    const r = await read(c.file);
    const res = lint(r.text);
    assert.deepEqual(res.failures, []);
    assert.deepEqual(summarize(res).map((f) => `${f.rule}@${f.line}`).sort(), [...c.findings].sort());
    const fromText = lint(fs.readFileSync(path.join(REAL, c.text), 'utf8'));
    assert.deepEqual(unplaced(res), unplaced(fromText));
    // The checks that found nothing did run: all three tables were read, row by row.
    assert.equal(res.report.tables.find((t) => t.kind === 'T3')!.rows.length, Object.keys(c.t3).length);
  });

  test(`PDF ${c.file}: the source map gives every line its page, and table rows their columns`, async () => {
    const r = await read(c.file);
    const lines = r.text.split('\n');
    assert.equal(r.lines.length, lines.length);
    for (const place of r.lines) assert.ok(place.page !== undefined && place.page >= 1, JSON.stringify(place));
    const res = lint(r.text);
    const t3 = res.report.tables.find((t) => t.kind === 'T3')!;
    for (const [key, page] of Object.entries(c.pages)) {
      const row = t3.rows.find((x) => x.def.key === key)!;
      assert.equal(r.lines[row.labelLine].page, page, key);
    }
    // One table over the page break: the same table number on both pages, rows numbered on.
    const first = r.lines[t3.rows[0].labelLine];
    const last = r.lines[t3.rows[t3.rows.length - 1].labelLine];
    assert.equal(first.table, last.table);
    assert.ok(last.page! > first.page! && last.row! > first.row!);
    lines.forEach((line, i) => {
      const place = r.lines[i];
      if (place.cells) {
        assert.equal(place.cells.length, line.split('\t').length, `line ${i + 1}`);
        for (let k = 1; k < place.cells.length; k++) assert.ok(place.cells[k] > place.cells[k - 1], `line ${i + 1} columns ascend`);
      } else assert.ok(!line.includes('\t') || place.table === undefined);
    });
    // Page footers (- 3 -) are not in the text.
    assert.deepEqual(lines.filter((l) => /^\s*[-—]\s*\d+\s*[-—]\s*$/.test(l)), []);
  });
}

test('PDF huaian-szf_2024.pdf: the vertical group label printed one character per line is one label', async () => {
  const r = await read('huaian-szf_2024.pdf');
  const line = r.text.split('\n').find((l) => l.includes('（一）予以公开'))!;
  assert.equal(line.split('\t')[0], '三、本年度办理结果');
});

test('PDF huaian-szf_2024.pdf: a merged cell cut by the page break (（四）无 | 法提供) is one label, on its first row', async () => {
  const r = await read('huaian-szf_2024.pdf');
  const lines = r.text.split('\n');
  const first = lines.findIndex((l) => l.includes('1.本机关不掌握相关政府信息'));
  assert.equal(lines[first].split('\t')[1], '（四）无法提供');
  assert.equal(r.lines[first].page, 4);
  assert.equal(lines[first + 1].split('\t')[1], '');
  assert.equal(r.lines[first + 1].page, 5);
  // a new group at a page head is never joined to the one before: 洪泽 2023, （五） starts on page 4
  const hz = (await read('hongze-qzf_2023.pdf')).text.split('\n');
  assert.ok(hz.some((l) => l.split('\t')[1] === '（五）不予处理'));
  assert.ok(hz.some((l) => l.split('\t')[1] === '（四）无法提供'));
});

test('PDF hongze-qzf_2023.pdf: labels wrapped inside their cell are joined', async () => {
  const r = await read('hongze-qzf_2023.pdf');
  const fields = r.text.split('\n').flatMap((l) => l.split('\t'));
  assert.ok(fields.includes('5.要求行政机关确认或重新出具已获取信息'));
  assert.ok(fields.includes('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
  // the header cells wrapped over three lines
  assert.ok(fields.includes('社会公益组织') && fields.includes('法律服务机构'));
});

test('re-typeset real report (上海市人民政府办公厅 2019, F2019, published as HTML): every T3/T4 cell, blank cells blank, the findings of its text', async () => {
  // test/fixtures/real/08 printed with the merged cells of the published tables (test/gen/pdf-fixtures.mjs).
  const r = await read('gen-sh-szfbgt_2019.pdf');
  const res = lint(r.text);
  const g = grids(res);
  const B = '';
  const B7 = [B, B, B, B, B, B, B];
  assert.deepEqual(g.kinds, ['T2', 'T3', 'T4']);
  assert.deepEqual(g.t3, {
    new: ['821', '35', B, B, '2', '1', '859'],
    carry_in: ['18', B, B, B, B, B, '18'],
    r1: ['258', '12', B, B, '1', '1', B],
    r2: ['3', B, B, B, B, B, B],
    r3_1: ['14', B, B, B, B, B, B], r3_2: B7, r3_3: B7, r3_4: B7,
    r3_5: ['5', B, B, B, B, B, B],
    r3_6: ['3', '1', B, B, B, B, B],
    r3_7: B7,
    r3_8: ['10', '2', B, B, B, B, B],
    r4_1: ['252', '12', B, B, '1', B, B],
    r4_2: ['44', '3', B, B, B, B, B],
    r4_3: ['25', B, B, B, B, B, B],
    r5_1: ['148', '1', B, B, B, B, B],
    r5_2: ['5', '4', B, B, B, B, B],
    r5_3: B7, r5_4: B7, r5_5: B7, r6: B7,
    total: ['767', '35', B, B, '2', '1', '805'],
    carry_out: ['72', B, B, B, B, B, '72'],
  });
  assert.deepEqual(g.t4, ['5', B, B, '2', '7', '8', B, B, '1', '9', B, B, B, B, B]);
  const fromText = lint(fs.readFileSync(path.join(REAL, '08_sh-szfbgt-tsv_2019.txt'), 'utf8'));
  assert.deepEqual(unplaced(res), unplaced(fromText));
  assert.equal(res.findings.filter((f) => f.ruleId === 'table-blank-cell').length, 24);
});

// ---- generated edge cases ------------------------------------------------------------------------------

test('generated report: the text read is the report, cell for cell (split table, merged cells, wrapped and vertical labels, blank cell)', async () => {
  const r = await read('gen-report.pdf');
  const expected = fs.readFileSync(path.join(PDF, 'gen-report.txt'), 'utf8').replace(/\n$/, '');
  assert.equal(r.text, expected);
  assert.deepEqual(r.notices, []);
  // table 3 runs over the page break from page 1 to page 2 and is one table
  const lines = r.text.split('\n');
  const newRow = lines.findIndex((l) => l.startsWith('一、本年新收'));
  const total = lines.findIndex((l) => l.includes('（七）总计'));
  assert.ok(r.lines[newRow].page! < r.lines[total].page!);
  assert.equal(r.lines[newRow].table, r.lines[total].table);
  // the blank cell of table 4 is an empty field at its place (column 14 of 15)
  const t4 = lines.find((l) => l.split('\t').length === 15 && /^\d/.test(l))!;
  assert.equal(t4.split('\t')[13], '');
});

test('generated report: the findings on the PDF are those on its text', async () => {
  const r = await read('gen-report.pdf');
  const res = lint(r.text);
  const fromText = lint(fs.readFileSync(path.join(PDF, 'gen-report.txt'), 'utf8'));
  assert.deepEqual(summarize(res), summarize(fromText));
  // the generated report's part 一 names only 主动公开 of the five required elements (overview-element-missing × 4)
  assert.deepEqual(summarize(res).map((f) => f.rule).sort(), [...Array(4).fill('overview-element-missing'), 'table-blank-cell', 'table3-results-total', 'table3-row-total']);
});

test('a scanned PDF (images only) gives one `scanned` notice and no text', async () => {
  const r = await read('gen-scanned.pdf');
  assert.equal(r.text, '');
  assert.deepEqual(r.notices.map((n) => n.code), ['scanned']);
  assert.match(r.notices[0].zh, /扫描/);
  assert.ok(r.notices[0].en.length > 0);
});

test('a PDF with one scanned page among text pages: the text is read, one `partial` notice names the page', async () => {
  const r = await read('gen-mixed.pdf');
  assert.match(r.text, /六、其他需要报告的事项/);
  assert.deepEqual(r.notices.map((n) => [n.code, n.page]), [['partial', 2]]);
  // a text PDF has no such notice
  assert.deepEqual((await read('gen-report.pdf')).notices, []);
});

test('a password-protected PDF gives one `encrypted` notice', async () => {
  const r = await read('gen-encrypted.pdf');
  assert.equal(r.text, '');
  assert.deepEqual(r.notices.map((n) => n.code), ['encrypted']);
});

test('an empty file, an HTML page and a truncated PDF named .pdf are `unreadable`', async () => {
  for (const name of ['gen-empty.pdf', 'gen-not-a-pdf.pdf', 'gen-damaged.pdf']) {
    const r = await read(name);
    assert.equal(r.text, '', name);
    assert.deepEqual(r.notices.map((n) => n.code), ['unreadable'], name);
    assert.equal(r.lines.length, 1);
  }
  const none = await readPdf(new Uint8Array(0));
  assert.deepEqual(none.notices.map((n) => n.code), ['unreadable']);
});

test('garbage after a PDF header never throws', async () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const real = bytes('hongze-qzf_2023.pdf');
  for (let k = 0; k < 6; k++) {
    const b = real.slice();
    for (let i = 0; i < 400; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    const r = await readPdf(b);
    assert.equal(r.kind, 'pdf');
    assert.equal(r.lines.length, r.text.split('\n').length);
  }
});

test('the caller keeps its bytes: the reader works on a copy', async () => {
  const b = bytes('gen-report.pdf');
  const before = b.length;
  await readPdf(b);
  assert.equal(b.length, before);
  assert.equal(String.fromCharCode(...b.subarray(0, 5)), '%PDF-');
});

// ---- loading ---------------------------------------------------------------------------------------------

const reader = path.join(ROOT, 'out', 'server', 'src', 'readers', 'pdf.js');

test('pdf.js is loaded by the first read, not when the reader module is loaded', () => {
  const script = `
    const { readPdf } = require(${JSON.stringify(reader)});
    const before = typeof globalThis.pdfjsWorker;
    readPdf(new Uint8Array(require('fs').readFileSync(${JSON.stringify(path.join(PDF, 'gen-report.pdf'))}))).then((r) => {
      console.log(JSON.stringify({ before, after: typeof globalThis.pdfjsWorker, lines: r.lines.length }));
    });`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const res = JSON.parse(out.stdout);
  assert.equal(res.before, 'undefined');
  assert.equal(res.after, 'object');
  assert.ok(res.lines > 50);
});

test('on a Node without process.getBuiltinModule (older VS Code builds), pdf.js is found through require', () => {
  const script = `
    delete process.getBuiltinModule;
    require(${JSON.stringify(reader)}).readPdf(new Uint8Array(require('fs').readFileSync(${JSON.stringify(path.join(PDF, 'gen-report.pdf'))})))
      .then((r) => process.stdout.write(JSON.stringify(r)));`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const r = JSON.parse(out.stdout) as ReadResult;
  assert.deepEqual(r.notices, []);
  assert.equal(r.text, fs.readFileSync(path.join(PDF, 'gen-report.txt'), 'utf8').replace(/\n$/, ''));
});

test('bundled by esbuild, the reader finds pdf.js and the CMaps shipped next to the bundle (no node_modules)', async () => {
  const shipped = path.join(ROOT, 'server', 'out', 'pdfjs');
  assert.ok(fs.existsSync(path.join(shipped, 'legacy', 'build', 'pdf.mjs')), 'run `npm run build` first (it copies pdf.js to server/out/pdfjs)');
  const cmaps = fs.readdirSync(path.join(shipped, 'cmaps'));
  assert.ok(cmaps.includes('UniGB-UCS2-H.bcmap') && cmaps.includes('Adobe-GB1-UCS2.bcmap'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-pdf-bundle-'));
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'server', 'src', 'readers', 'pdf.ts')],
      outfile: path.join(dir, 'reader.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    fs.cpSync(shipped, path.join(dir, 'pdfjs'), { recursive: true });
    // Outside the repository: no node_modules up the tree, so only the shipped copy can serve.
    const script = `require('./reader.js').readPdf(new Uint8Array(require('fs').readFileSync(${JSON.stringify(path.join(PDF, 'huaian-szf_2024.pdf'))}))).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const out = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const bundled = JSON.parse(out.stdout) as ReadResult;
    assert.equal(bundled.text, (await read('huaian-szf_2024.pdf')).text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
