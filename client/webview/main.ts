/**
 * The script of the table preview's webview (bundled to client/out/webview/preview.js, loaded with the page's
 * nonce). It draws the server's preview data (render.ts), keeps it in the webview state (so a hidden and
 * re-shown panel, or a restored window, draws at once), shows a cell's row, column and formulas on hover, asks
 * the extension to select a cell's text on click, and highlights the cell under the editor's cursor with the
 * cells that make up that total.
 *
 * Messages — extension → webview: `{ type: 'data', data }`, `{ type: 'cursor', line, character }`,
 * `{ type: 'stale' }`; webview → extension: `{ type: 'ready' }`, `{ type: 'reveal', range }`.
 */

import type { PreviewData, PreviewRange } from '../../server/src/core/views/preview';
import { cellAt, decodeRange, indexCells, renderPreview, tipLines, type IndexedCell } from '../src/preview/render';

interface State {
  /** The document (the extension's URI string): lets a restored window reopen the preview of it. */
  uri?: string;
  data?: PreviewData;
  cursor?: PreviewRange['start'];
  scrollY?: number;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state: State = vscode.getState() ?? {};
const uri = document.body.dataset.uri;
if (uri && state.uri !== uri) {
  // a panel reused for another document: nothing of the old one is shown
  state.uri = uri;
  state.data = undefined;
  state.cursor = undefined;
  state.scrollY = 0;
}

const root = document.getElementById('root')!;
const banner = document.getElementById('banner')!;
const tip = document.getElementById('tip')!;
let index = new Map<string, IndexedCell>();
let current: IndexedCell | undefined;

function save(): void {
  vscode.setState(state);
}

function draw(): void {
  if (!state.data) return;
  root.innerHTML = renderPreview(state.data);
  index = indexCells(state.data);
  current = undefined;
  banner.hidden = true;
  if (state.cursor) highlight(state.cursor, false);
}

function cellElement(id: string): HTMLElement | null {
  return root.querySelector(`td[data-id="${CSS.escape(id)}"]`);
}

/** Marks the cell at a document position, and the cells of that total. */
function highlight(pos: PreviewRange['start'], scroll: boolean): void {
  for (const el of root.querySelectorAll('.current, .operand')) el.classList.remove('current', 'operand');
  current = cellAt(index, pos);
  if (!current) return;
  const el = cellElement(current.cell.id);
  el?.classList.add('current');
  for (const id of current.cell.operands) cellElement(id)?.classList.add('operand');
  if (scroll && el) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as { type?: string; data?: PreviewData; line?: number; character?: number };
  if (m.type === 'data' && m.data) {
    state.data = m.data;
    save();
    draw();
  } else if (m.type === 'cursor' && typeof m.line === 'number' && typeof m.character === 'number') {
    state.cursor = { line: m.line, character: m.character };
    save();
    highlight(state.cursor, true);
  } else if (m.type === 'stale') {
    banner.textContent = state.data?.ui.stale ?? '';
    banner.hidden = !state.data;
  }
});

function reveal(range: PreviewRange | undefined): void {
  if (range) vscode.postMessage({ type: 'reveal', range });
}

function target(e: Event): HTMLElement | null {
  return e.target instanceof Element ? (e.target.closest('td[data-id], [data-range]') as HTMLElement | null) : null;
}

root.addEventListener('click', (e) => {
  const el = target(e);
  if (!el) return;
  if (el.dataset.id) {
    const entry = index.get(el.dataset.id);
    if (entry && entry.cell.state !== 'absent') {
      highlight(entry.cell.range!.start, false);
      reveal(entry.cell.range);
    }
  } else reveal(decodeRange(el.dataset.range));
});

root.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = target(e);
  if (!el) return;
  e.preventDefault();
  el.click();
});

function showTip(el: HTMLElement): void {
  const entry = el.dataset.id ? index.get(el.dataset.id) : undefined;
  if (!entry || !state.data || entry.cell.state === 'absent') {
    tip.hidden = true;
    return;
  }
  tip.textContent = tipLines(entry, state.data).join('\n');
  tip.hidden = false;
  const r = el.getBoundingClientRect();
  const w = tip.offsetWidth;
  const hgt = tip.offsetHeight;
  let left = r.left;
  if (left + w > window.innerWidth - 4) left = Math.max(4, window.innerWidth - w - 4);
  let top = r.bottom + 4;
  if (top + hgt > window.innerHeight - 4) top = Math.max(4, r.top - hgt - 4);
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

root.addEventListener('mouseover', (e) => {
  const el = e.target instanceof Element ? (e.target.closest('td[data-id]') as HTMLElement | null) : null;
  if (el) showTip(el);
  else tip.hidden = true;
});
root.addEventListener('mouseleave', () => (tip.hidden = true));
root.addEventListener('focusin', (e) => {
  const el = e.target instanceof Element ? (e.target.closest('td[data-id]') as HTMLElement | null) : null;
  if (el) showTip(el);
});
root.addEventListener('focusout', () => (tip.hidden = true));

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  tip.hidden = true;
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => {
    state.scrollY = window.scrollY;
    save();
  }, 100);
});

save();
if (state.data) {
  draw();
  if (state.scrollY) window.scrollTo(0, state.scrollY);
} else {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = document.body.dataset.waiting ?? '';
  root.replaceChildren(p);
}
vscode.postMessage({ type: 'ready' });
