/**
 * Generated published originals for the reader tests: one 2021-format report held as a model (paragraphs,
 * headings numbered 一、/（一）, tables with the merged cells real reports have — the T3 header and group labels
 * as rowspan/colspan, T2 captions across the table, the T4 three-level header), written out as
 *   - a Word file (.docx) with the `docx` package (devDependency), the headings numbered by Word's AUTOMATIC
 *     LIST NUMBERING (chineseCounting `%1、` and `（%2）`), so their text holds no number at all, and merged cells
 *     as `gridSpan` / `vMerge`;
 *   - a web page (.html) with site chrome (navigation, breadcrumb, footer, scripts), rowspan/colspan, `&nbsp;`
 *     blank cells, in UTF-8 or GBK, with or without a `<meta>` charset;
 *   - the hand-made text a careful person would type (tab-separated rows, one line per paragraph).
 * No real Word report could be found in the stored public sources; these files are generated, and say so.
 */

import * as iconv from 'iconv-lite';
import { consistentT3, consistentT4, T3_KEYS_2021, T3_LABELS } from './report';

export interface MCell {
  readonly text: string;
  readonly colSpan?: number;
  readonly rowSpan?: number;
}
export type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'h'; readonly level: 0 | 1; readonly number: string; readonly text: string }
  | { readonly kind: 'table'; readonly rows: readonly (readonly MCell[])[] };

export interface OriginalModel {
  readonly blocks: readonly Block[];
  readonly t3: Record<string, (number | string)[]>;
  readonly t4: (number | string)[];
}

const CN = '一二三四五六七八九十';

const GROUPS: [string, string[]][] = [
  ['（三）不予公开', ['r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8']],
  ['（四）无法提供', ['r4_1', 'r4_2', 'r4_3']],
  ['（五）不予处理', ['r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5']],
  ['（六）其他处理', ['r6_1', 'r6_2', 'r6_3']],
];

export interface ModelOptions {
  seed?: number;
  /** Cells to change after generation (T3 key → cells), e.g. a wrong total. */
  t3?: Record<string, (number | string)[]>;
  /** T3 cells printed blank (key → 0-based column indexes). */
  blanks?: Record<string, number[]>;
}

export function originalModel(o: ModelOptions = {}): OriginalModel {
  const t3: Record<string, (number | string)[]> = { ...consistentT3('F2021', o.seed ?? 7), ...(o.t3 ?? {}) };
  for (const [k, cols] of Object.entries(o.blanks ?? {})) t3[k] = t3[k].map((v, i) => (cols.includes(i) ? '' : v));
  const t4 = consistentT4(o.seed ?? 7);
  const v = (k: string): MCell[] => t3[k].map((x) => ({ text: String(x) }));
  const blocks: Block[] = [];
  const p = (text: string): void => void blocks.push({ kind: 'p', text });
  const h = (n: number, text: string): void => void blocks.push({ kind: 'h', level: 0, number: `${CN[n - 1]}、`, text });
  const sub = (n: number, text: string): void => void blocks.push({ kind: 'h', level: 1, number: `（${CN[n - 1]}）`, text });

  p('某某区卫生健康局2023年政府信息公开工作年度报告');
  p('本报告所列数据统计期限为2023年1月1日至2023年12月31日。');
  h(1, '总体情况');
  sub(1, '主动公开');
  p('2023年，本机关通过门户网站主动公开政府信息。');
  sub(2, '依申请公开');
  p(`2023年，本机关共收到政府信息公开申请${t3.new[6]}件。`);
  h(2, '主动公开政府信息情况');
  const caption = (c: string): MCell[] => [{ text: c, colSpan: 4 }];
  blocks.push({
    kind: 'table',
    rows: [
      caption('第二十条第（一）项'),
      [{ text: '信息内容' }, { text: '本年制发件数' }, { text: '本年废止件数' }, { text: '现行有效件数' }],
      [{ text: '规章' }, { text: '0' }, { text: '0' }, { text: '0' }],
      [{ text: '行政规范性文件' }, { text: '1' }, { text: '0' }, { text: '5' }],
      caption('第二十条第（五）项'),
      [{ text: '信息内容' }, { text: '本年处理决定数量', colSpan: 3 }],
      [{ text: '行政许可' }, { text: '12', colSpan: 3 }],
      caption('第二十条第（六）项'),
      [{ text: '信息内容' }, { text: '本年处理决定数量', colSpan: 3 }],
      [{ text: '行政处罚' }, { text: '3', colSpan: 3 }],
      [{ text: '行政强制' }, { text: '0', colSpan: 3 }],
      caption('第二十条第（八）项'),
      [{ text: '信息内容' }, { text: '本年收费金额（单位：万元）', colSpan: 3 }],
      [{ text: '行政事业性收费' }, { text: '0', colSpan: 3 }],
    ],
  });
  h(3, '收到和处理政府信息公开申请情况');
  const rows: MCell[][] = [
    [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colSpan: 3, rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
    [{ text: '商业企业' }, { text: '科研机构' }, { text: '社会公益组织' }, { text: '法律服务机构' }, { text: '其他' }],
    [{ text: '一、本年新收政府信息公开申请数量', colSpan: 3 }, ...v('new')],
    [{ text: '二、上年结转政府信息公开申请数量', colSpan: 3 }, ...v('carry_in')],
    [{ text: '三、本年度办理结果', rowSpan: 22 }, { text: T3_LABELS.r1, colSpan: 2 }, ...v('r1')],
    [{ text: T3_LABELS.r2, colSpan: 2 }, ...v('r2')],
  ];
  for (const [group, keys] of GROUPS) {
    keys.forEach((k, i) => rows.push([...(i === 0 ? [{ text: group, rowSpan: keys.length }] : []), { text: T3_LABELS[k] }, ...v(k)]));
  }
  rows.push([{ text: '（七）总计', colSpan: 2 }, ...v('total')]);
  rows.push([{ text: '四、结转下年度继续办理', colSpan: 3 }, ...v('carry_out')]);
  blocks.push({ kind: 'table', rows });
  h(4, '政府信息公开行政复议、行政诉讼情况');
  const leaves = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  blocks.push({
    kind: 'table',
    rows: [
      [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
      [...leaves.map((l) => ({ text: l, rowSpan: 2 })), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
      [...leaves, ...leaves].map((l) => ({ text: l })),
      t4.map((x) => ({ text: String(x) })),
    ],
  });
  h(5, '存在的主要问题及改进情况');
  p('信息公开的及时性有待提高，下一步将加强审核。');
  h(6, '其他需要报告的事项');
  p('本年度未收取政府信息公开信息处理费。');
  p('某某区卫生健康局');
  p('2024年1月20日');
  return { blocks, t3, t4 };
}

/** The fields of a table's rows as a careful person types them: one field per cell, a field left empty where a
 *  cell from a row above continues. */
export function expectedRows(rows: readonly (readonly MCell[])[]): string[][] {
  const covered: { left: number; first: boolean }[] = [];
  return rows.map((cells) => {
    const out: string[] = [];
    let col = 0;
    const skip = (): void => {
      while ((covered[col]?.left ?? 0) > 0) {
        covered[col].left--;
        if (covered[col].first) out.push('');
        col++;
      }
    };
    for (const c of cells) {
      skip();
      out.push(c.text);
      const span = c.colSpan ?? 1;
      for (let k = 0; k < span; k++) covered[col + k] = { left: (c.rowSpan ?? 1) - 1, first: k === 0 };
      col += span;
    }
    skip();
    for (let c = col; c < covered.length; c++) if ((covered[c]?.left ?? 0) > 0) covered[c].left--;
    return out;
  });
}

/** The report as hand-made text. */
export function handText(m: OriginalModel): string {
  const lines: string[] = [];
  for (const b of m.blocks) {
    if (b.kind === 'p') lines.push(b.text);
    else if (b.kind === 'h') lines.push(b.number + b.text);
    else for (const r of expectedRows(b.rows)) if (r.some((f) => f !== '')) lines.push(r.join('\t'));
  }
  return lines.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface HtmlOptions {
  /** 'utf-8' (default) or 'gbk' bytes. */
  encoding?: 'utf-8' | 'gbk';
  /** The `<meta>` to write: `charset` (`<meta charset>`), `http-equiv`, or none. Default: `charset`. */
  meta?: 'charset' | 'http-equiv' | 'none';
}

/** A government page around the report: navigation, breadcrumb, a related-links list and a footer. */
export function toHtml(m: OriginalModel, o: HtmlOptions = {}): Uint8Array {
  const enc = o.encoding ?? 'utf-8';
  const label = enc === 'gbk' ? 'gb2312' : 'utf-8';
  const meta = o.meta === 'none' ? '' : o.meta === 'http-equiv' ? `<meta http-equiv="Content-Type" content="text/html; charset=${label}">` : `<meta charset="${label}">`;
  const body: string[] = [];
  let first = true;
  for (const b of m.blocks) {
    if (b.kind === 'p' && first) {
      first = false;
      continue; // the title is the page's <h1>, outside the article
    }
    if (b.kind === 'p') body.push(`<p style="text-indent:2em"><span>${esc(b.text)}</span></p>`);
    else if (b.kind === 'h') body.push(b.level === 0 ? `<p><strong>${esc(b.number + b.text)}</strong></p>` : `<p>${esc(b.number)}${esc(b.text)}</p>`);
    else {
      body.push('<table border="1" cellspacing="0"><tbody>');
      for (const r of b.rows) {
        const tds = r.map((c) => {
          const attrs = `${c.colSpan ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
          // 商业企业 wrapped over two lines in its cell, blank cells as &nbsp;
          const inner = c.text === '' ? '&nbsp;' : c.text === '商业企业' ? '商业<br/>企业' : esc(c.text);
          return `<td${attrs}><p align="center">${inner}</p></td>`;
        });
        body.push(`<tr>${tds.join('')}</tr>`);
      }
      body.push('</tbody></table>');
    }
  }
  const title = (m.blocks[0] as { text: string }).text;
  const html = `<!DOCTYPE html>
<html><head>${meta}<title>${esc(title)}_政府信息公开年报_某某区人民政府</title>
<script>var nav = "<p>一、总体情况</p>"; document.write('<div>本年新收</div>');</script>
<style>.nav{color:red} p{margin:0}</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zfxxgk/">政府信息公开</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="main"><div class="left"><h3>相关链接</h3><ul><li><a href="#">2022年政府信息公开工作年度报告</a></li><li><a href="#">政府信息公开指南</a></li></ul></div>
<div class="content"><h1 class="title">${esc(title)}</h1><div class="info">发布时间：2024-01-20 来源：某某区卫生健康局 【字体：大 中 小】</div>
<div id="zoom" class="article">
${body.join('\n')}
</div><div class="share">分享到：微信 微博 打印本页 关闭窗口</div></div></div>
<div class="footer"><p>主办单位：某某区人民政府办公室 地址：某某路1号 电话：0000-12345678</p><p>网站标识码：0000000000</p></div>
</body></html>`;
  return enc === 'gbk' ? new Uint8Array(iconv.encode(html, 'gbk')) : new TextEncoder().encode(html);
}

/** The report as a Word file: headings numbered by Word's list numbering, merged cells as gridSpan/vMerge. */
export async function toDocx(m: OriginalModel): Promise<Uint8Array> {
   
  const d = require('docx') as typeof import('docx');
  const children: (import('docx').Paragraph | import('docx').Table)[] = [];
  for (const b of m.blocks) {
    if (b.kind === 'p') children.push(new d.Paragraph({ children: [new d.TextRun(b.text)] }));
    else if (b.kind === 'h') children.push(new d.Paragraph({ children: [new d.TextRun(b.text)], numbering: { reference: 'headings', level: b.level } }));
    else {
      children.push(
        new d.Table({
          rows: b.rows.map(
            (r) =>
              new d.TableRow({
                children: r.map(
                  (c) =>
                    new d.TableCell({
                      children: c.text === '商业企业' ? [new d.Paragraph('商业'), new d.Paragraph('企业')] : [new d.Paragraph(c.text)],
                      ...(c.colSpan ? { columnSpan: c.colSpan } : {}),
                      ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
                    }),
                ),
              }),
          ),
        }),
      );
    }
  }
  const doc = new d.Document({
    numbering: {
      config: [
        {
          reference: 'headings',
          levels: [
            { level: 0, format: 'chineseCounting' as never, text: '%1、', start: 1 },
            { level: 1, format: 'chineseCounting' as never, text: '（%2）', start: 1 },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await d.Packer.toBuffer(doc));
}

export { T3_KEYS_2021 };
