/**
 * The table preview as HTML (pure: strings in, a string out; no DOM, no VS Code API), drawn by the webview script
 * (client/webview/main.ts) from the server's `govreport/preview` data. Every text of the report is escaped; the
 * markup holds no inline style or script (the webview's Content-Security-Policy allows neither), only classes,
 * spans and `data-*` attributes the script looks up in the cell index.
 */

import type {
  PreviewBlock,
  PreviewCell,
  PreviewData,
  PreviewRange,
  PreviewReport,
  PreviewRow,
  PreviewSection,
  PreviewTable,
} from '../../../server/src/core/views/preview';
import { esc } from '../../../server/src/shared/html';


/** A range as a `data-range` value: `line:char:line:char`. */
export function encodeRange(r: PreviewRange): string {
  return `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
}

export function decodeRange(s: string | undefined | null): PreviewRange | undefined {
  const m = /^(\d+):(\d+):(\d+):(\d+)$/.exec(s ?? '');
  if (!m) return undefined;
  return { start: { line: +m[1], character: +m[2] }, end: { line: +m[3], character: +m[4] } };
}

/** What the script needs to know of a cell: the cell, and the row and column it is in (for the tooltip). */
export interface IndexedCell {
  readonly cell: PreviewCell;
  readonly row: string;
  readonly column: string;
  readonly table: string;
}

/** Every cell of the data by id. */
export function indexCells(data: PreviewData): Map<string, IndexedCell> {
  const map = new Map<string, IndexedCell>();
  for (const r of data.reports) {
    for (const t of r.tables) {
      for (const b of t.blocks) {
        for (const row of b.rows) {
          const label = [...row.path.filter((p) => p !== '三、本年度办理结果'), row.label].join(' ');
          row.cells.forEach((cell, i) => map.set(cell.id, { cell, row: label, column: b.columns[i]?.label ?? '', table: t.title }));
        }
      }
    }
  }
  return map;
}

function before(a: PreviewRange['start'], b: PreviewRange['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * The cell at a position of the document: the one whose range holds it, else the nearest cell on its line
 * (a cursor in the indentation before a value, or on the tab between two values).
 */
export function cellAt(index: ReadonlyMap<string, IndexedCell>, pos: PreviewRange['start']): IndexedCell | undefined {
  let best: IndexedCell | undefined;
  let bestDistance = Infinity;
  for (const e of index.values()) {
    const r = e.cell.range;
    if (!r || e.cell.state === 'absent') continue;
    if (before(r.start, pos) && before(pos, r.end)) return e;
    if (r.start.line === pos.line && r.end.line === pos.line) {
      const d = pos.character < r.start.character ? r.start.character - pos.character : pos.character - r.end.character;
      if (d < bestDistance) {
        bestDistance = d;
        best = e;
      }
    }
  }
  return best;
}

/** The tooltip of a cell: table, row, column, value, formulas, findings (one per line). */
export function tipLines(e: IndexedCell, data: PreviewData): string[] {
  const ui = data.ui;
  const c = e.cell;
  const lines = [e.table, `${ui.row}：${e.row}`, `${ui.column}：${e.column}`];
  if (c.range) lines.push(ui.line.replace('{L}', String(c.range.start.line + 1)));
  lines.push(...c.formulas, ...c.feeds.map((f) => `→ ${f}`), ...c.problems.map((p) => `• ${p}`));
  return lines;
}

const MARK: Record<PreviewSection['mark'], string> = { present: '✓', missing: '✗', misnumbered: '!' };

function sectionItem(s: PreviewSection, data: PreviewData): string {
  const ui = data.ui;
  const state = s.mark === 'present' ? ui.present : s.mark === 'missing' ? ui.missing : ui.misnumbered;
  const attrs = s.range ? ` data-range="${encodeRange(s.range)}" tabindex="0" role="button"` : '';
  const notes = s.notes.length ? `<span class="notes">${s.notes.map(esc).join('；')}</span>` : '';
  return (
    `<li class="section ${s.mark}"${attrs}><span class="mark" aria-label="${esc(state)}">${MARK[s.mark]}</span>` +
    `<span class="name">${esc(s.name)}</span><span class="state">${esc(state)}</span>${notes}</li>`
  );
}

function cellHtml(c: PreviewCell, data: PreviewData): string {
  const classes = ['cell', c.state];
  if (c.derived) classes.push('derived');
  if (c.computed !== undefined) classes.push('wrong');
  if (c.severity) classes.push(`sev-${c.severity}`);
  let inner: string;
  if (c.state === 'blank') inner = `<span class="v blank-mark">${esc(data.ui.blank)}</span>`;
  else if (c.state === 'absent') inner = '';
  else inner = `<span class="v">${esc(c.raw)}</span>`;
  if (c.computed !== undefined) inner += `<span class="computed" title="${esc(data.ui.computed)}">${esc(c.computed)}</span>`;
  const focus = c.state === 'absent' ? '' : ' tabindex="0"';
  return `<td class="${classes.join(' ')}" data-id="${esc(c.id)}"${focus}>${inner}</td>`;
}

/** Label cells of the rows, with the group labels merged over the rows they span. */
function bodyRows(block: PreviewBlock, data: PreviewData): string {
  const L = block.labelColumns;
  const rows = block.rows;
  const samePrefix = (a: PreviewRow, b: PreviewRow, depth: number): boolean => {
    if (a.path.length <= depth || b.path.length <= depth) return false;
    for (let k = 0; k <= depth; k++) if (a.path[k] !== b.path[k]) return false;
    return true;
  };
  const out: string[] = [];
  rows.forEach((row, i) => {
    const parts: string[] = [];
    if (L > 0) {
      const path = row.path.slice(0, L - 1);
      path.forEach((label, d) => {
        if (i > 0 && samePrefix(rows[i - 1], row, d)) return;
        let span = 1;
        while (i + span < rows.length && samePrefix(row, rows[i + span], d)) span++;
        parts.push(`<th class="group" rowspan="${span}" scope="rowgroup">${esc(label)}</th>`);
      });
      const colSpan = L - path.length;
      const range = row.range ? ` data-range="${encodeRange(row.range)}"` : '';
      const written = row.written ? ` title="${esc(row.written)}"` : '';
      const note = row.note ? `<span class="row-note">${esc(row.note)}</span>` : '';
      parts.push(`<th class="label" scope="row"${colSpan > 1 ? ` colspan="${colSpan}"` : ''}${range}${written}>${esc(row.label)}${note}</th>`);
    }
    parts.push(...row.cells.map((c) => cellHtml(c, data)));
    const classes = ['row', row.present ? 'present' : 'absent'];
    if (row.subtotal) classes.push('subtotal');
    if (row.note && row.present) classes.push('unaligned-row');
    const noteRow = L === 0 && row.note ? `<tr class="row-note-only"><td colspan="${row.cells.length}">${esc(row.note)}</td></tr>` : '';
    out.push(`<tr class="${classes.join(' ')}" data-key="${esc(row.key)}">${parts.join('')}</tr>${noteRow}`);
  });
  return out.join('');
}

function blockHtml(block: PreviewBlock, data: PreviewData): string {
  const head = block.header
    .map((cells) => `<tr>${cells.map((c) => `<th scope="col"${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}>${esc(c.label)}</th>`).join('')}</tr>`)
    .join('');
  const caption = block.caption ? `<caption>${esc(block.caption)}</caption>` : '';
  return `<table class="grid">${caption}<thead>${head}</thead><tbody>${bodyRows(block, data)}</tbody></table>`;
}

function tableHtml(t: PreviewTable, data: PreviewData): string {
  const range = t.range ? ` data-range="${encodeRange(t.range)}" tabindex="0" role="button"` : '';
  const notes = t.notes.length ? `<p class="table-notes">${t.notes.map(esc).join('；')}</p>` : '';
  return (
    `<section class="table ${t.present ? 'present' : 'missing'}" data-table="${t.kind}">` +
    `<h2${range}>${esc(t.title)}</h2>${notes}${t.blocks.map((b) => blockHtml(b, data)).join('')}</section>`
  );
}

function reportHtml(r: PreviewReport, data: PreviewData): string {
  const ui = data.ui;
  const counts =
    `<span class="count sev-error">${r.counts.errors} ${esc(ui.errors)}</span>` +
    `<span class="count sev-warning">${r.counts.warnings} ${esc(ui.warnings)}</span>` +
    `<span class="count sev-info">${r.counts.infos} ${esc(ui.infos)}</span>`;
  const title = `<h1>${esc(r.title ?? '')}</h1><p class="meta"><span class="format">${esc(r.formatText)}</span>${counts}</p>`;
  const sections = `<section class="parts"><h2>${esc(ui.sections)}</h2><ol class="sections">${r.sections.map((s) => sectionItem(s, data)).join('')}</ol></section>`;
  return `<article class="report">${title}${sections}${r.tables.map((t) => tableHtml(t, data)).join('')}</article>`;
}

function legend(data: PreviewData): string {
  const ui = data.ui;
  return (
    `<p class="legend"><span class="legend-title">${esc(ui.legend)}</span>` +
    `<span class="cell wrong">2<span class="computed">0</span></span> ${esc(ui['legend-wrong'])} ` +
    `<span class="cell blank"><span class="blank-mark">${esc(ui.blank)}</span></span> ${esc(ui['legend-blank'])} ` +
    `<span class="cell text">两</span> ${esc(ui['legend-text'])} ` +
    `<span class="cell operand">0</span> ${esc(ui['legend-operand'])}</p>`
  );
}

/** A document holding several reports: the list of them (the one shown marked); a click goes to its first line. */
function reportList(data: PreviewData): string {
  if (data.list.length < 2) return '';
  const shown = data.reports[0]?.index;
  const items = data.list.map((r) => {
    const range = encodeRange({ start: { line: r.firstLine, character: 0 }, end: { line: r.firstLine, character: 0 } });
    const counts = `${r.counts.errors}/${r.counts.warnings}/${r.counts.infos}`;
    return (
      `<li class="${r.index === shown ? 'shown' : ''}" data-range="${range}" tabindex="0" role="button">` +
      `<span class="name">${esc(r.title || '#' + (r.index + 1))}</span><span class="where">${esc(data.ui.line.replace('{L}', String(r.firstLine + 1)))}</span>` +
      `<span class="counts" title="${esc(`${data.ui.errors}/${data.ui.warnings}/${data.ui.infos}`)}">${counts}</span></li>`
    );
  });
  return `<nav class="report-list"><ol>${items.join('')}</ol></nav>`;
}

/** The whole preview of a document. */
export function renderPreview(data: PreviewData): string {
  if (!data.isReport || data.reports.length === 0) return `<p class="empty">${esc(data.ui['not-a-report'])}</p>`;
  return `${reportList(data)}${legend(data)}${data.reports.map((r) => reportHtml(r, data)).join('')}`;
}
