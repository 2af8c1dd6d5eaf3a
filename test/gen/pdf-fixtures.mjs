#!/usr/bin/env node
// Regenerates the generated PDF fixtures of test/fixtures/originals/pdf (the real ones are kept as downloaded):
//   gen-report.pdf     a complete F2021 report printed by Chromium on A5 paper, so that table 3 runs over a page
//                      break; merged cells (rowspan/colspan), labels wrapped inside their cells, the group label
//                      三、本年度办理结果 printed one character per line, a blank cell in table 4, a page footer
//                      `- n -` on every page, and one deliberate arithmetic error (row 1.本机关不掌握… total 5
//                      for 3 + 1). gen-report.txt is the same report as tab-separated text, built from the same
//                      rows (the text the reader must give, cell for cell).
//   gen-scanned.pdf    the first two pages of gen-report.pdf as images only (no text layer), via pdftoppm + img2pdf
//   gen-mixed.pdf      the last page of gen-report.pdf and a scanned page (one page without text layer)
//   gen-encrypted.pdf  the last page of gen-report.pdf with a user password (qpdf, AES-256)
//   gen-empty.pdf      an empty file; gen-not-a-pdf.pdf  an HTML page named .pdf; gen-damaged.pdf  a truncated PDF
//
// Needs: chromium, fonts-noto-cjk, poppler-utils, img2pdf, qpdf (Debian: apt-get install -y chromium fonts-noto-cjk
// poppler-utils img2pdf qpdf). Usage: node test/gen/pdf-fixtures.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'test/fixtures/originals/pdf');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-pdf-gen-'));

// ---- the report -------------------------------------------------------------------------------------------
// A table is a list of rows; a row is a list of cells {t: text, rs?: rowspan, cs?: colspan}.
const c = (t, rs = 1, cs = 1) => ({ t: String(t), rs, cs });
const vals = (a) => a.map((v) => c(v));

const t2 = [
  [c('第二十条第（一）项', 1, 4)],
  [c('信息内容'), c('本年制发件数'), c('本年废止件数'), c('现行有效件数')],
  [c('规章'), ...vals([0, 0, 0])],
  [c('行政规范性文件'), ...vals([3, 1, 12])],
  [c('第二十条第（五）项', 1, 4)],
  [c('信息内容'), c('本年处理决定数量', 1, 3)],
  [c('行政许可'), c(215, 1, 3)],
  [c('第二十条第（六）项', 1, 4)],
  [c('信息内容'), c('本年处理决定数量', 1, 3)],
  [c('行政处罚'), c(37, 1, 3)],
  [c('行政强制'), c(4, 1, 3)],
  [c('第二十条第（八）项', 1, 4)],
  [c('信息内容'), c('本年收费金额（单位：万元）', 1, 3)],
  [c('行政事业性收费'), c('12.5', 1, 3)],
];

const Z = [0, 0, 0, 0, 0, 0, 0];
const t3rows = {
  new: [12, 3, 0, 0, 1, 0, 16],
  carry_in: [2, 0, 0, 0, 0, 0, 2],
  r1: [5, 1, 0, 0, 0, 0, 6],
  r2: [1, 0, 0, 0, 0, 0, 1],
  r4_1: [3, 1, 0, 0, 0, 0, 5], // deliberate error: 3 + 1 = 4
  r5_2: [1, 0, 0, 0, 0, 0, 1],
  total: [10, 2, 0, 0, 0, 0, 12],
  carry_out: [4, 1, 0, 0, 1, 0, 6],
};
const row = (key) => vals(t3rows[key] ?? Z);
const vertical = '三、<br>本<br>年<br>度<br>办<br>理<br>结<br>果';
/** Table 3 with the usual merged cells; `format` F2019 has the single row （六）其他处理. */
function t3Table(rowOf, format = 'F2021') {
  const r6 =
    format === 'F2019'
      ? [[c('（六）其他处理', 1, 2), ...rowOf('r6')]]
      : [
          [c('（六）其他处理', 3), c('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'), ...rowOf('r6_1')],
          [c('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'), ...rowOf('r6_2')],
          [c('3.其他'), ...rowOf('r6_3')],
        ];
  return [
    [c('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), c('申请人情况', 1, 7)],
    [c('自然人', 2), c('法人或其他组织', 1, 5), c('总计', 2)],
    [c('商业企业'), c('科研机构'), c('社会公益组织'), c('法律服务机构'), c('其他')],
    [c('一、本年新收政府信息公开申请数量', 1, 3), ...rowOf('new')],
    [c('二、上年结转政府信息公开申请数量', 1, 3), ...rowOf('carry_in')],
    [{ t: vertical, rs: format === 'F2019' ? 20 : 22, cs: 1 }, c('（一）予以公开', 1, 2), ...rowOf('r1')],
    [c('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 2), ...rowOf('r2')],
    [c('（三）不予公开', 8), c('1.属于国家秘密'), ...rowOf('r3_1')],
    [c('2.其他法律行政法规禁止公开'), ...rowOf('r3_2')],
    [c('3.危及“三安全一稳定”'), ...rowOf('r3_3')],
    [c('4.保护第三方合法权益'), ...rowOf('r3_4')],
    [c('5.属于三类内部事务信息'), ...rowOf('r3_5')],
    [c('6.属于四类过程性信息'), ...rowOf('r3_6')],
    [c('7.属于行政执法案卷'), ...rowOf('r3_7')],
    [c('8.属于行政查询事项'), ...rowOf('r3_8')],
    [c('（四）无法提供', 3), c('1.本机关不掌握相关政府信息'), ...rowOf('r4_1')],
    [c('2.没有现成信息需要另行制作'), ...rowOf('r4_2')],
    [c('3.补正后申请内容仍不明确'), ...rowOf('r4_3')],
    [c('（五）不予处理', 5), c('1.信访举报投诉类申请'), ...rowOf('r5_1')],
    [c('2.重复申请'), ...rowOf('r5_2')],
    [c('3.要求提供公开出版物'), ...rowOf('r5_3')],
    [c('4.无正当理由大量反复申请'), ...rowOf('r5_4')],
    [c('5.要求行政机关确认或重新出具已获取信息'), ...rowOf('r5_5')],
    ...r6,
    [c('（七）总计', 1, 2), ...rowOf('total')],
    [c('四、结转下年度继续办理', 1, 3), ...rowOf('carry_out')],
  ];
}

const t3 = [
  [c('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), c('申请人情况', 1, 7)],
  [c('自然人', 2), c('法人或其他组织', 1, 5), c('总计', 2)],
  [c('商业企业'), c('科研机构'), c('社会公益组织'), c('法律服务机构'), c('其他')],
  [c('一、本年新收政府信息公开申请数量', 1, 3), ...row('new')],
  [c('二、上年结转政府信息公开申请数量', 1, 3), ...row('carry_in')],
  [{ t: vertical, rs: 22, cs: 1 }, c('（一）予以公开', 1, 2), ...row('r1')],
  [c('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 2), ...row('r2')],
  [c('（三）不予公开', 8), c('1.属于国家秘密'), ...row('r3_1')],
  [c('2.其他法律行政法规禁止公开'), ...row('r3_2')],
  [c('3.危及“三安全一稳定”'), ...row('r3_3')],
  [c('4.保护第三方合法权益'), ...row('r3_4')],
  [c('5.属于三类内部事务信息'), ...row('r3_5')],
  [c('6.属于四类过程性信息'), ...row('r3_6')],
  [c('7.属于行政执法案卷'), ...row('r3_7')],
  [c('8.属于行政查询事项'), ...row('r3_8')],
  [c('（四）无法提供', 3), c('1.本机关不掌握相关政府信息'), ...row('r4_1')],
  [c('2.没有现成信息需要另行制作'), ...row('r4_2')],
  [c('3.补正后申请内容仍不明确'), ...row('r4_3')],
  [c('（五）不予处理', 5), c('1.信访举报投诉类申请'), ...row('r5_1')],
  [c('2.重复申请'), ...row('r5_2')],
  [c('3.要求提供公开出版物'), ...row('r5_3')],
  [c('4.无正当理由大量反复申请'), ...row('r5_4')],
  [c('5.要求行政机关确认或重新出具已获取信息'), ...row('r5_5')],
  [c('（六）其他处理', 3), c('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'), ...row('r6_1')],
  [c('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'), ...row('r6_2')],
  [c('3.其他'), ...row('r6_3')],
  [c('（七）总计', 1, 2), ...row('total')],
  [c('四、结转下年度继续办理', 1, 3), ...row('carry_out')],
];

const leaves = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const t4Table = (values) => [
  [c('行政复议', 1, 5), c('行政诉讼', 1, 10)],
  [...leaves.map((l) => c(l, 2)), c('未经复议直接起诉', 1, 5), c('复议后起诉', 1, 5)],
  [...leaves.map((l) => c(l)), ...leaves.map((l) => c(l))],
  vals(values),
];
const t4 = [
  [c('行政复议', 1, 5), c('行政诉讼', 1, 10)],
  [...leaves.map((l) => c(l, 2)), c('未经复议直接起诉', 1, 5), c('复议后起诉', 1, 5)],
  [...leaves.map((l) => c(l)), ...leaves.map((l) => c(l))],
  vals([1, 0, 0, 0, 1, 2, 0, 1, 0, 3, 0, 0, 0, '', 0]),
];

const blocks = [
  { h: 'title', t: 'XX市YY区人民政府' },
  { h: 'title', t: '2024年政府信息公开工作年度报告' },
  { p: '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在YY区人民政府门户网站下载。' },
  { h: 'h', t: '一、总体情况' },
  { p: '2024年，YY区人民政府认真贯彻落实《条例》，持续推进政务公开工作。全年共收到政府信息公开申请16件，均在法定期限内答复。' },
  { h: 'h', t: '二、主动公开政府信息情况' },
  { table: t2 },
  { h: 'h', t: '三、收到和处理政府信息公开申请情况' },
  { table: t3, id: 't3' },
  { h: 'h', t: '四、政府信息公开行政复议、行政诉讼情况' },
  { table: t4 },
  { h: 'h', t: '五、存在的主要问题及改进情况' },
  { p: '一是公开内容的全面性还需加强；二是政策解读形式还不够丰富。下一步将进一步完善工作机制，提升公开质量。' },
  { h: 'h', t: '六、其他需要报告的事项' },
  { p: '本年度未收取信息处理费。' },
];

// ---- HTML (for Chromium) and the expected text -----------------------------------------------------------
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function tableHtml(rows, id) {
  return (
    `<table${id ? ` id="${id}"` : ''}>` +
    rows.map((r) => '<tr>' + r.map((x) => `<td${x.rs > 1 ? ` rowspan="${x.rs}"` : ''}${x.cs > 1 ? ` colspan="${x.cs}"` : ''}>${x.t.includes('<br>') ? x.t : esc(x.t)}</td>`).join('') + '</tr>').join('') +
    '</table>'
  );
}
/** The rows as the reader gives them: a cell in the first row it covers, an empty field below it. */
function tableText(rows) {
  const pending = []; // per grid column: rows still covered by a cell from above
  const lines = [];
  for (const r of rows) {
    const fields = [];
    let col = 0;
    const cells = [...r];
    while (cells.length || (pending[col] ?? 0) > 0) {
      if ((pending[col] ?? 0) > 0) {
        fields.push('');
        const span = pending[`w${col}`];
        for (let k = 0; k < span; k++) pending[col + k]--;
        col += span;
        continue;
      }
      const x = cells.shift();
      fields.push(x.t.replace(/<br>/g, ''));
      for (let k = 0; k < x.cs; k++) pending[col + k] = x.rs - 1;
      pending[`w${col}`] = x.cs;
      col += x.cs;
    }
    lines.push(fields.join('\t'));
  }
  return lines;
}

const css = `@page { size: A5; margin: 14mm 12mm 18mm 12mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; line-height: 1.5; }
.title { text-align: center; font-size: 15pt; font-weight: bold; margin: 0; }
h2 { font-size: 11pt; margin: 8pt 0 4pt 0; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 8pt; line-height: 1.3; }
td { border: 0.75pt solid #000; padding: 1.5pt 2pt; text-align: center; }
#t3 td:nth-child(1) { max-width: 6em; }
`;

const print = (input, output) =>
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${output}`, input], { stdio: 'ignore' });

/** Prints the blocks as `<name>.pdf` (A5, page footers `- n -`) and writes the text the reader must give as `<name>.txt`. */
function printReport(blocks, name) {
  let html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>`;
  const text = [];
  for (const b of blocks) {
    if (b.h === 'title') {
      html += `<p class="title">${esc(b.t)}</p>`;
      text.push(b.t);
    } else if (b.h) {
      html += `<h2>${esc(b.t)}</h2>`;
      text.push(b.t);
    } else if (b.p) {
      html += `<p>${esc(b.p)}</p>`;
      text.push(b.p);
    } else {
      html += tableHtml(b.table, b.id);
      text.push(...tableText(b.table));
    }
  }
  html += '</body></html>';

  const htmlFile = path.join(tmp, `${name}.html`);
  fs.writeFileSync(htmlFile, html);
  const pdf = path.join(outDir, `${name}.pdf`);
  const plain = path.join(tmp, `${name}-plain.pdf`);
  print(htmlFile, plain);
  // Page footers "- n -" (Chromium prints none without its own URL/date header): one page per number, laid over.
  const pages = Number(execFileSync('qpdf', ['--show-npages', plain], { encoding: 'utf8' }).trim());
  const numbers = Array.from({ length: pages }, (_, i) => `<div class="pg"><div class="n">- ${i + 1} -</div></div>`).join('');
  const numbersFile = path.join(tmp, 'numbers.html');
  fs.writeFileSync(
    numbersFile,
    `<!doctype html><html><head><meta charset="utf-8"><style>@page { size: A5; margin: 0; } body { margin: 0; font-family: 'Noto Serif CJK SC'; }
  .pg { height: 210mm; position: relative; page-break-after: always; } .n { position: absolute; bottom: 8mm; width: 100%; text-align: center; font-size: 9pt; }</style></head><body>${numbers}</body></html>`,
  );
  const numbersPdf = path.join(tmp, `${name}-numbers.pdf`);
  print(numbersFile, numbersPdf);
  const overlaid = path.join(tmp, `${name}-overlaid.pdf`);
  execFileSync('qpdf', [plain, '--overlay', numbersPdf, '--to=1-z', '--', overlaid]);
  // Chromium embeds the CJK glyphs as Type 3 fonts: recompress to halve the file.
  execFileSync('qpdf', ['--recompress-flate', '--compression-level=9', '--object-streams=generate', overlaid, pdf]);
  fs.writeFileSync(path.join(outDir, `${name}.txt`), text.join('\n') + '\n');
  return pdf;
}

const pdf = printReport(blocks, 'gen-report');


// A real report re-typeset: test/fixtures/real/08 (上海市人民政府办公厅 2019, published as HTML; its tables
// there have merged cells, lost in the tab-separated copy) printed with the usual merged cells of tables 3 and 4
// and its own values — blank cells (&nbsp; on the site) stay blank. Lines 29–31 are one header row whose cells
// hold a <br>.
{
  const src = fs.readFileSync(path.join(root, 'test/fixtures/real/08_sh-szfbgt-tsv_2019.txt'), 'utf8').split('\n');
  const fieldsOf = (n) => src[n - 1].split('\t');
  const blank = (v) => (v.trim() === '' ? '\u00a0' : v);
  const keys = ['new', 'carry_in', 'r1', 'r2', 'r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8', 'r4_1', 'r4_2', 'r4_3', 'r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5', 'r6', 'total', 'carry_out'];
  const values = Object.fromEntries(keys.map((k, i) => [k, fieldsOf(52 + i).slice(-7).map(blank)]));
  const t2rows = [[c('第二十条第（一）项', 1, 4)], [c('信息内容'), { t: '本年新<br>制作数量', rs: 1, cs: 1 }, { t: '本年新<br>公开数量', rs: 1, cs: 1 }, c('对外公开总数量')]];
  for (let n = 32; n <= 47; n++) {
    const line = src[n - 1];
    if (!line.includes('\t')) t2rows.push([c(line, 1, 4)]);
    else {
      const f = line.split('\t');
      t2rows.push([...f.map((x, i) => c(blank(x), 1, i === f.length - 1 ? 5 - f.length : 1))]);
    }
  }
  const b08 = [];
  for (let n = 1; n <= 28; n++) b08.push(n === 1 ? { h: 'title', t: src[0] } : { p: src[n - 1] });
  b08.push({ table: t2rows }, { p: src[47] }, { table: t3Table((k) => vals(values[k]), 'F2019'), id: 't3' }, { p: src[75] });
  b08.push({ table: t4Table(fieldsOf(80).map(blank)) });
  for (let n = 81; n <= src.length; n++) if (src[n - 1].trim()) b08.push({ p: src[n - 1] });
  printReport(b08, 'gen-sh-szfbgt_2019');
}

// Scanned: pages 1-2 as grey images, no text layer.
execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '2', '-png', pdf, path.join(tmp, 'scan')]);
const scans = fs.readdirSync(tmp).filter((f) => f.startsWith('scan')).sort().map((f) => path.join(tmp, f));
execFileSync('img2pdf', ['-o', path.join(outDir, 'gen-scanned.pdf'), ...scans]);

// Mixed: the last text page of the report, then a scanned page.
execFileSync('qpdf', ['--empty', '--pages', pdf, 'z', path.join(outDir, 'gen-scanned.pdf'), '2', '--', path.join(outDir, 'gen-mixed.pdf')]);

// Encrypted with a user password: the last page of the report (a text page, kept small).
const lastPage = path.join(tmp, 'last.pdf');
execFileSync('qpdf', ['--empty', '--pages', pdf, 'z', '--', lastPage]);
execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', lastPage, path.join(outDir, 'gen-encrypted.pdf')]);

fs.writeFileSync(path.join(outDir, 'gen-empty.pdf'), '');
fs.writeFileSync(path.join(outDir, 'gen-not-a-pdf.pdf'), '<!doctype html><html><body>404 Not Found</body></html>\n');
fs.writeFileSync(path.join(outDir, 'gen-damaged.pdf'), fs.readFileSync(pdf).subarray(0, 600));

fs.rmSync(tmp, { recursive: true, force: true });
for (const f of fs.readdirSync(outDir).filter((f) => f.startsWith('gen-'))) console.log(`${f}: ${fs.statSync(path.join(outDir, f)).size} bytes`);
