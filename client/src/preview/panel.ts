/**
 * The table preview beside a report (command `govreport.openPreview`, like Markdown's "Open Preview to the Side"):
 * a webview panel per document, drawn from the server's `govreport/preview` data (the server's model and
 * identities; the client parses nothing). It updates after each check of the document (the `govreport/status`
 * notification, i.e. debounced as diagnostics are), follows the editor's cursor, and selects a cell's text when
 * the cell is clicked. Strict Content-Security-Policy: no remote resource, one nonce'd script from the
 * extension's files, one nonce'd style. The webview keeps its data in its state (getState/setState), and a
 * serializer reopens the panels of a restored window. Shared by the desktop and the web extension.
 */

import * as vscode from 'vscode';
import { Method, type PreviewData, type PreviewParams, type PreviewResult } from '../protocol';
import type { ServerController } from '../server';
import { PREVIEW_CSS } from './style';
import { contentSecurityPolicy, esc, pageHead } from '../../../server/src/shared/html';

export const PREVIEW_VIEW_TYPE = 'govreport.preview';

interface RevealMessage {
  type: 'reveal';
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}


function baseName(uri: vscode.Uri): string {
  return uri.path.replace(/^.*\//, '') || uri.toString();
}

function debounceMs(uri: vscode.Uri): number {
  const v = vscode.workspace.getConfiguration('govreport', uri).get<number>('debounceMs', 200);
  return typeof v === 'number' && v >= 0 ? v : 200;
}

/** One panel showing one document. */
class ReportPreview implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private data: PreviewData | undefined;
  /** The document version the webview shows (-1: none yet). */
  shownVersion = -1;
  /** The lines of the report shown (a document may hold several; the one at the cursor is shown). */
  private shownLines: { first: number; last: number } | undefined;
  private requesting = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** Fires after the webview was sent data of a document version (tests wait on it). */
  private readonly updateEmitter = new vscode.EventEmitter<number>();
  readonly onDidUpdate = this.updateEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly server: ServerController,
    extensionUri: vscode.Uri,
  ) {
    const scripts = vscode.Uri.joinPath(extensionUri, 'client', 'out', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [scripts] };
    panel.title = vscode.l10n.t('Preview {0}', baseName(uri));
    panel.webview.html = this.html(panel.webview, scripts);
    const key = uri.toString();
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: { type?: string }) => {
        if (m?.type === 'ready') {
          // a new or re-created webview: send what we have, and the cursor
          if (this.data) void this.post({ type: 'data', data: this.data });
          this.sendCursor();
          void this.refresh();
        } else if (m?.type === 'reveal') void this.reveal(m as RevealMessage);
      }),
      // a new check of the document (also of the same version, after a settings change): fetch its preview
      server.onStatus((p) => {
        if (server.toCodeUri(p.uri) === key) void this.refresh(true);
      }),
      server.onDidStart(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== key || e.contentChanges.length === 0) return;
        void this.post({ type: 'stale' });
        // the server's status after the check normally triggers the update; this is the fallback
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), debounceMs(uri) + 400);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() !== key) return;
        this.sendCursor(e.textEditor);
        // the cursor went into another report of the document: show that one
        const line = e.textEditor.selection.active.line;
        if (this.shownLines && (line < this.shownLines.first || line > this.shownLines.last)) void this.refresh(true);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        // reopened: its versions start again, what is shown says nothing about it
        if (d.uri.toString() === key) void this.refresh(true);
      }),
    );
  }

  private html(webview: vscode.Webview, scripts: vscode.Uri): string {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'preview.js'));
    const csp = contentSecurityPolicy({
      'style-src': `'nonce-${n}'`,
      'script-src': `'nonce-${n}'`,
      'img-src': `${webview.cspSource} data:`,
      'font-src': webview.cspSource,
    });
    const lang = vscode.env.language.startsWith('zh') ? 'zh-CN' : vscode.env.language;
    return `${pageHead({ lang, csp, title: baseName(this.uri), css: PREVIEW_CSS, nonce: n })}<body data-uri="${esc(this.uri.toString())}" data-waiting="${esc(vscode.l10n.t('Waiting for the check of the report…'))}">
<div id="banner" class="banner" role="status" hidden></div>
<main id="root"></main>
<div id="tip" role="tooltip" hidden></div>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private post(message: unknown): Thenable<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return this.panel.webview.postMessage(message);
  }

  private document(): vscode.TextDocument | undefined {
    const key = this.uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private sendCursor(editor?: vscode.TextEditor): void {
    const key = this.uri.toString();
    const ed = editor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
    if (!ed) return;
    const p = ed.selection.active;
    void this.post({ type: 'cursor', line: p.line, character: p.character });
  }

  /** The line of the cursor in the document's editor, if one is visible. */
  private cursorLine(): number | undefined {
    const key = this.uri.toString();
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.selection.active.line;
  }

  /**
   * Asks the server for the preview of the document's current version (the report at the cursor) and sends it to
   * the webview; `force`: also when that version is shown (the cursor went into another report).
   */
  async refresh(force = false): Promise<void> {
    if (this.disposed) return;
    if (this.requesting) {
      this.again = true;
      return;
    }
    const doc = this.document();
    if (!doc) return;
    if (!force && doc.version === this.shownVersion && this.data) return;
    this.requesting = true;
    try {
      const client = await this.server.ensureStarted();
      const line = this.cursorLine();
      const params: PreviewParams = { uri: this.server.toProtocolUri(doc.uri), version: doc.version, ...(line !== undefined ? { line } : {}) };
      const result = await client.sendRequest<PreviewResult>(Method.preview, params);
      // an answer for an older version than the document's is not shown; the next check brings the new one
      if (result && !this.disposed && result.version === this.document()?.version) {
        this.data = result;
        this.shownVersion = result.version;
        const shown = result.reports[0];
        this.shownLines = shown ? { first: shown.firstLine, last: shown.lastLine } : undefined;
        await this.post({ type: 'data', data: result });
        this.updateEmitter.fire(result.version);
      }
    } catch (e) {
      // the server stopped or restarted: its next start or status brings the data
      if (!this.disposed) console.warn(`govreport: preview of ${this.uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.requesting = false;
      if (this.again) {
        this.again = false;
        void this.refresh(true);
      }
    }
  }

  /** Selects a cell's (or heading's, row label's) text in the editor of the document, opening it if needed. */
  private async reveal(m: RevealMessage): Promise<void> {
    const doc = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const r = m.range;
    if (!r || typeof r.start?.line !== 'number') return;
    const range = doc.validateRange(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
    const key = this.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
    let column = visible?.viewColumn;
    if (!column) column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, preview: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.updateEmitter.dispose();
  }
}

export const OPEN_PREVIEW_COMMAND = 'govreport.openPreview';

export interface OpenPreviewArgs {
  /** The report (default: the active editor's document). */
  uri?: vscode.Uri | string;
}

/** The previews of all documents: one panel per document, reused when asked again. */
export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, ReportPreview>();
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly server: ServerController,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.registration = vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const uri = (state as { uri?: unknown } | undefined)?.uri;
        if (typeof uri !== 'string') {
          panel.dispose();
          return;
        }
        this.track(new ReportPreview(panel, vscode.Uri.parse(uri), this.server, this.extensionUri));
      },
    });
  }

  private track(p: ReportPreview): ReportPreview {
    const key = p.uri.toString();
    this.previews.get(key)?.dispose();
    this.previews.set(key, p);
    p.onDidDispose(() => {
      if (this.previews.get(key) === p) this.previews.delete(key);
    });
    return p;
  }

  /**
   * Opens (or reveals) the preview of a report beside its editor. Resolves when the preview shows the
   * document's data (or after the server failed to answer), with the document version shown.
   */
  async open(args?: OpenPreviewArgs): Promise<number | undefined> {
    const uri = args?.uri ? (typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
      return undefined;
    }
    let preview = this.previews.get(uri.toString());
    if (preview) preview.panel.reveal(undefined, true);
    else {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        vscode.l10n.t('Preview {0}', baseName(uri)),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true },
      );
      preview = this.track(new ReportPreview(panel, uri, this.server, this.extensionUri));
    }
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (current && preview.shownVersion === current.version) return current.version;
    const shown = new Promise<number>((resolve) => {
      const sub = preview.onDidUpdate((v) => {
        sub.dispose();
        resolve(v);
      });
    });
    await preview.refresh();
    return Promise.race([shown, new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000))]);
  }

  dispose(): void {
    this.registration.dispose();
    for (const p of [...this.previews.values()]) p.dispose();
    this.previews.clear();
  }
}

/** The preview's command and panels. */
export function registerPreview(server: ServerController, extensionUri: vscode.Uri): vscode.Disposable {
  const manager = new PreviewManager(server, extensionUri);
  return vscode.Disposable.from(
    manager,
    // from the editor title the command gets the editor's resource
    vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (args?: OpenPreviewArgs | vscode.Uri) =>
      manager.open(args instanceof vscode.Uri ? { uri: args } : args),
    ),
  );
}
