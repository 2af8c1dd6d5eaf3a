/**
 * The readers of published originals (server/src/readers): Word and web pages generated from one report model
 * (test/gen/originals.ts: Word list numbering, merged cells, GBK with and without <meta>, site chrome) read back
 * cell by cell and checked like the hand-made text; Word numbering details on hand-written WordprocessingML;
 * damaged, empty and legacy files give one notice each and never throw.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { readOriginal, type ReadResult } from '../../server/src/readers/index';
import { chineseCounting } from '../../server/src/readers/docx';
import { declaredCharset } from '../../server/src/readers/html';
import { expectedRows, handText, originalModel, toDocx, toHtml, type OriginalModel } from '../gen/originals';
import { lintText, sameFindings, summarize } from '../helpers';

/** The table rows the reader produced, per original table: fields of every line whose place names that table. */
function tablesOf(r: ReadResult): Map<number, string[][]> {
  const lines = r.text.split('\n');
  const out = new Map<number, string[][]>();
  r.lines.forEach((p, i) => {
    if (p.table === undefined) return;
    if (!out.has(p.table)) out.set(p.table, []);
    out.get(p.table)!.push(lines[i].split('\t'));
  });
  return out;
}

/** Every cell of every table of the model, as printed, against what the reader read. */
function assertAllCells(m: OriginalModel, r: ReadResult): number {
  const tables = m.blocks.filter((b) => b.kind === 'table');
  const read = tablesOf(r);
  assert.equal(read.size, tables.length, 'one source table per original table');
  let cells = 0;
  tables.forEach((t, i) => {
    const want = expectedRows(t.rows).filter((row) => row.some((f) => f !== ''));
    assert.deepEqual(read.get(i + 1), want, `table ${i + 1}`);
    cells += t.rows.reduce((n, row) => n + row.length, 0);
  });
  return cells;
}

function assertSameFindings(readText: string, hand: string): void {
  const a = summarize(lintText(readText));
  const b = summarize(lintText(hand));
  const same = sameFindings(a, b);
  assert.ok(same.ok, same.diff);
}

/** A wrong （七）总计 c7 and a blank 自然人 cell on 上年结转: findings that prove the rules ran on the read text. */
const FAULTY = { t3: { total: [] as (number | string)[] }, blanks: { carry_in: [0] } };
function faultyModel(): OriginalModel {
  const base = originalModel();
  const total = base.t3.total.slice();
  total[6] = Number(total[6]) + 1;
  return originalModel({ t3: { total }, blanks: FAULTY.blanks });
}

test('Word: a generated report is read cell by cell, headings numbered by Word list numbering rendered, same findings as the hand-made text', async () => {
  const m = faultyModel();
  const r = await readOriginal('年报.docx', await toDocx(m));
  assert.equal(r.kind, 'docx');
  assert.deepEqual(r.notices, []);
  assert.equal(r.lines.length, r.text.split('\n').length);
  // the headings have no number in their text: Word's numbering gives 一、 … 六、 and （一）（二）
  for (const h of ['一、总体情况', '（一）主动公开', '（二）依申请公开', '二、主动公开政府信息情况', '六、其他需要报告的事项']) {
    assert.ok(r.text.split('\n').includes(h), `${h} rendered`);
  }
  const cells = assertAllCells(m, r);
  assert.ok(cells > 250, `${cells} cells compared`);
  assert.equal(r.text.trim(), handText(m).trim());
  assertSameFindings(r.text, handText(m));
  const rules = summarize(lintText(r.text)).map((f) => f.rule);
  assert.ok(rules.includes('table3-row-total'), rules.join());
  assert.ok(rules.includes('table-blank-cell'), rules.join());
});

test('Word: merged cells — vMerge group labels leave an empty field below, gridSpan is one field; the source map gives table, row and grid column', async () => {
  const m = originalModel();
  const r = await readOriginal('a.docx', await toDocx(m));
  const lines = r.text.split('\n');
  const i = lines.findIndex((l) => l.startsWith('\t\t2.其他法律行政法规禁止公开\t'));
  assert.ok(i > 0, 'continuation rows of 三、本年度办理结果 and （三）不予公开 start with two empty fields');
  assert.deepEqual(r.lines[i], { table: 2, row: 9, cells: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  const grp = lines.findIndex((l) => l.startsWith('\t（三）不予公开\t1.属于国家秘密\t'));
  assert.equal(grp, i - 1);
  const lic = lines.indexOf('行政许可\t12');
  assert.ok(lic > 0, 'a value cell spanning three grid columns is one field');
  assert.deepEqual(r.lines[lic], { table: 1, row: 7, cells: [1, 2] });
  const header = lines.find((l) => l.includes('商业企业'));
  assert.ok(header?.startsWith('\t\t商业企业\t'), 'two paragraphs of one cell joined without a space; continued cells empty');
});

test('web pages: UTF-8 with <meta charset>, GBK with http-equiv, GBK without any <meta> read the same, site chrome left out', async () => {
  const m = faultyModel();
  const hand = handText(m).trim();
  for (const [encoding, meta] of [['utf-8', 'charset'], ['gbk', 'http-equiv'], ['gbk', 'none']] as const) {
    const r = await readOriginal('年报.html', toHtml(m, { encoding, meta }));
    assert.equal(r.kind, 'html');
    assert.deepEqual(r.notices, []);
    assert.equal(r.text, hand, `${encoding} / ${meta}`);
    assertAllCells(m, r);
    for (const chrome of ['首页', '当前位置', '相关链接', '主办单位', 'document.write', '分享到', '发布时间']) assert.ok(!r.text.includes(chrome), `${chrome} left out`);
  }
  const r = await readOriginal('x.shtml', toHtml(m, { encoding: 'gbk', meta: 'none' }));
  assertSameFindings(r.text, handText(m));
  assert.ok(summarize(lintText(r.text)).some((f) => f.rule === 'table3-row-total'));
});

test('web pages: the declared charset, a BOM, and a mislabelled UTF-8 copy', async () => {
  assert.equal(declaredCharset(new TextEncoder().encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">')), 'gb2312');
  assert.equal(declaredCharset(new TextEncoder().encode('<meta charset=\'gbk\'>')), 'gbk');
  assert.equal(declaredCharset(new TextEncoder().encode('<p>no meta</p>')), undefined);
  const m = originalModel();
  const utf8 = toHtml(m, { encoding: 'utf-8', meta: 'none' });
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
  assert.equal((await readOriginal('a.htm', bom)).text, handText(m).trim());
  // saved as UTF-8 but still declaring gb2312 (a re-encoded copy): the bytes decide
  const mislabelled = new TextEncoder().encode(new TextDecoder().decode(utf8).replace('<head>', '<head><meta charset="gb2312">'));
  assert.equal((await readOriginal('a.html', mislabelled)).text, handText(m).trim());
});

/** A minimal .docx: document.xml body, numbering.xml and styles.xml as given. */
function docx(body: string, numbering?: string, styles?: string): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  };
  if (numbering) files['word/numbering.xml'] = strToU8(`<w:numbering ${W}>${numbering}</w:numbering>`);
  if (styles) files['word/styles.xml'] = strToU8(`<w:styles ${W}>${styles}</w:styles>`);
  return zipSync(files);
}
const para = (text: string, numId?: number, ilvl = 0, style?: string): string =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${numId !== undefined ? `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>` : ''}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const lvl = (ilvl: number, fmt: string, text: string, extra = ''): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

test('Word numbering: chineseCounting 、, （%1）, decimal, multi-level %1.%2, style-based numbering, a restart by startOverride, lvlRestart 0', async () => {
  const numbering =
    `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1')}${lvl(1, 'decimal', '%1.%2', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
    `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
    `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
    `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
  const styles = `<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>`;
  const body = [
    para('总体情况', undefined, 0, 'H1'),
    para('主动公开', 1, 1),
    para('第一项', 1, 2),
    para('第二项', 1, 2),
    para('依申请公开', 1, 1),
    para('又一项', 1, 2), // restarts after its parent level
    para('主动公开政府信息情况', undefined, 0, 'H1x'), // numbered through basedOn
    para('另起', 3, 2), // a num with startOverride restarts level 3 at 1
    para('Alpha', 2, 0),
    para('Beta', 2, 1),
    para('Gamma', 2, 0),
    para('Delta', 2, 1), // lvlRestart 0: never restarts
    para('无编号', 0, 0), // numId 0 = numbering removed
  ].join('');
  const r = await readOriginal('n.docx', docx(body, numbering, styles));
  assert.deepEqual(r.text.split('\n'), [
    '一、总体情况',
    '（一）主动公开',
    '1.第一项',
    '2.第二项',
    '（二）依申请公开',
    '1.又一项',
    '二、主动公开政府信息情况',
    '1.另起',
    '1 Alpha',
    '1.1 Beta',
    '2 Gamma',
    '2.2 Delta',
    '无编号',
  ]);
  assert.deepEqual([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 111].map(chineseCounting), ['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一百一十一']);
});

test('Word: a vertical merge without its start, gridBefore, deleted text and field codes', async () => {
  const tc = (text: string, pr = ''): string => `<w:tc><w:tcPr>${pr}</w:tcPr>${para(text)}</w:tc>`;
  const body =
    `<w:tbl>` +
    `<w:tr>${tc('', '<w:vMerge/>')}${tc('a')}${tc('1')}</w:tr>` + // continue without a restart above: an empty cell
    `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('b')}${tc('2')}</w:tr>` +
    `</w:tbl>` +
    `<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>`;
  const r = await readOriginal('m.docx', docx(body));
  assert.deepEqual(r.text.split('\n'), ['\ta\t1', '\tb\t2', '保留插入']);
  assert.deepEqual(r.lines[1], { table: 1, row: 2, cells: [1, 2, 3] });
});

test('damaged, empty and legacy files: one notice each, never an exception', async () => {
  const one = async (name: string, bytes: Uint8Array, code: string): Promise<void> => {
    const r = await readOriginal(name, bytes);
    assert.equal(r.text, '', name);
    assert.equal(r.notices.length, 1, name);
    assert.equal(r.notices[0].code, code, `${name}: ${r.notices[0].zh}`);
    assert.ok(r.notices[0].zh && r.notices[0].en, 'both languages');
  };
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
  await one('empty.docx', new Uint8Array(0), 'unreadable');
  await one('random.docx', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'unreadable');
  await one('nodoc.docx', zipSync({ 'a.txt': strToU8('x') }), 'unreadable');
  const good = docx(para('正文'));
  await one('truncated.docx', good.subarray(0, Math.floor(good.length / 2)), 'unreadable');
  await one('old.doc', ole, 'legacy-format');
  await one('old.wps', ole, 'legacy-format');
  await one('old.docx', ole, 'legacy-format'); // an old binary file under a .docx name
  const encrypted = new Uint8Array(ole);
  const name = 'EncryptedPackage';
  for (let k = 0; k < name.length; k++) encrypted[100 + 2 * k] = name.charCodeAt(k);
  await one('locked.docx', encrypted, 'encrypted');
  await one('empty.html', new Uint8Array(0), 'unreadable');
  await one('chrome.html', new TextEncoder().encode('<html><body><script>var a="一、总体情况"</script><nav>首页</nav></body></html>'), 'unreadable');
  // a .doc that is really a .docx, or a web page Word saved under .doc, is read for what it is
  const asDoc = await readOriginal('real.doc', good);
  assert.equal(asDoc.kind, 'docx');
  assert.equal(asDoc.text, '正文');
  const page = await readOriginal('page.doc', new TextEncoder().encode('<html><body><p>网页正文</p></body></html>'));
  assert.equal(page.kind, 'html');
  assert.equal(page.text, '网页正文');
});

test('web pages: the title in the article’s own <header>, the site’s <header> and <nav> left out, nested layout tables', async () => {
  const html = `<html><head><meta charset="utf-8"></head><body>
<header class="site"><nav><a href="/">首页</a> 政务公开</nav><div>某某市人民政府门户网站</div></header>
<table class="layout"><tr><td class="side"><ul><li>政府信息公开指南</li><li>2022年政府信息公开工作年度报告</li></ul></td>
<td class="main"><article><header><h1>某某市统计局2023年政府信息公开工作年度报告</h1></header>
<p>一、总体情况</p><p>2023年，本局收到政府信息公开申请0件。</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td>一、本年新收政府信息公开申请数量</td><td>0</td></tr><tr><td>二、上年结转政府信息公开申请数量</td><td>0</td></tr></table>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>无。</p></article></td></tr></table>
<footer>版权所有</footer></body></html>`;
  const r = await readOriginal('p.html', new TextEncoder().encode(html));
  const lines = r.text.split('\n');
  assert.equal(lines[0], '某某市统计局2023年政府信息公开工作年度报告');
  assert.deepEqual(lines.slice(-2), ['六、其他需要报告的事项', '无。']);
  for (const chrome of ['首页', '门户网站', '政府信息公开指南', '2022年', '版权所有']) assert.ok(!r.text.includes(chrome), chrome);
  assert.deepEqual(r.lines[lines.indexOf('一、本年新收政府信息公开申请数量\t0')], { table: 1, row: 1, cells: [1, 2] }, 'tables counted inside the report body');
});
