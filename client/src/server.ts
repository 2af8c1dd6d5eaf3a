/**
 * Starts and owns the language server (server/out/server.js over IPC).
 *
 * The server is started lazily: activation only registers cheap things; the first document that may be
 * a report (language `govreport`, or a plain-text/Markdown document that passes `mayBeReport`), or the first
 * command that needs the server, starts it. Once running it stays running until deactivation or restart.
 */

import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, Method, type StatusParams } from './protocol';

/** Documents the server sees. It decides from content whether a plain-text/Markdown document is a report. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  // Reports declared as such; vscode-vfs too, so that virtual workspaces get per-document checks.
  { scheme: 'file', language: LANGUAGE_ID },
  { scheme: 'untitled', language: LANGUAGE_ID },
  { scheme: 'vscode-vfs', language: LANGUAGE_ID },
  // Candidates: only local and untitled documents (not git:, output:, … views).
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

const CANDIDATE_LANGUAGES = new Set(['plaintext', 'markdown']);
const CANDIDATE_SCHEMES = new Set(['file', 'untitled']);

/**
 * A cheap gate, not the detection: the server decides (setting `govreport.detect`). It only keeps the
 * server from being spawned for every README and log file. Every report's title, section 二/三 headings
 * or table-3 labels contain one of these words.
 */
const REPORT_HINT = /政府信息|年度报告|年报/;
/** Only the beginning of a long document is looked at. */
const HINT_SCAN_CHARS = 200_000;

export function mayBeReport(doc: vscode.TextDocument): boolean {
  if (doc.languageId === LANGUAGE_ID) return true;
  if (!CANDIDATE_LANGUAGES.has(doc.languageId) || !CANDIDATE_SCHEMES.has(doc.uri.scheme)) return false;
  if (vscode.workspace.getConfiguration('govreport', doc.uri).get<string>('detect', 'auto') === 'off') return false;
  const end = doc.positionAt(HINT_SCAN_CHARS);
  return REPORT_HINT.test(doc.getText(new vscode.Range(new vscode.Position(0, 0), end)));
}

/** Whether an edit may have turned a candidate document into a report (a pasted report, typed title). */
export function changeMayMakeReport(e: vscode.TextDocumentChangeEvent): boolean {
  if (!CANDIDATE_LANGUAGES.has(e.document.languageId) || !CANDIDATE_SCHEMES.has(e.document.uri.scheme)) return false;
  if (vscode.workspace.getConfiguration('govreport', e.document.uri).get<string>('detect', 'auto') === 'off') return false;
  // A hint word may also be completed by typing its last character: look at the changed lines.
  return e.contentChanges.some((c) => {
    if (REPORT_HINT.test(c.text)) return true;
    const first = Math.max(0, c.range.start.line);
    const last = Math.min(e.document.lineCount - 1, c.range.start.line + c.text.split('\n').length - 1);
    for (let l = first; l <= last; l++) if (REPORT_HINT.test(e.document.lineAt(l).text)) return true;
    return false;
  });
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly startedEmitter = new vscode.EventEmitter<LanguageClient>();
  private readonly willStartEmitter = new vscode.EventEmitter<void>();
  private readonly outputChannel: vscode.OutputChannel;

  /** Every `govreport/status` notification. */
  readonly onStatus = this.statusEmitter.event;
  /** Fires after each (re)start, once the server has answered `initialize`. */
  readonly onDidStart = this.startedEmitter.event;
  /** Fires before each (re)start: what the previous server said is stale from here on. */
  readonly onWillStart = this.willStartEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.outputChannel = vscode.window.createOutputChannel(vscode.l10n.t('GovReport Language Server'));
  }

  /** The running client, if the server has been started. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  get started(): boolean {
    return this.client !== undefined;
  }

  /** Starts the server unless it is running or starting; resolves when it has been initialised. */
  ensureStarted(): Promise<LanguageClient> {
    if (!this.starting) {
      this.starting = this.start();
      // A failed start may be retried by the next caller (e.g. after the server bundle was built).
      this.starting.catch(() => {
        this.starting = undefined;
        this.client = undefined;
      });
    }
    return this.starting;
  }

  async restart(): Promise<LanguageClient> {
    if (this.client && this.starting) {
      const client = await this.starting;
      this.willStartEmitter.fire();
      await client.restart();
      this.startedEmitter.fire(client);
      return client;
    }
    return this.ensureStarted();
  }

  /** Converts a URI of the protocol (as in `govreport/status`) to the editor's URI string. */
  toCodeUri(uri: string): string {
    return this.client ? this.client.protocol2CodeConverter.asUri(uri).toString() : vscode.Uri.parse(uri).toString();
  }

  toProtocolUri(uri: vscode.Uri): string {
    return this.client ? this.client.code2ProtocolConverter.asUri(uri) : uri.toString();
  }

  private async start(): Promise<LanguageClient> {
    // Loaded on first start, not on activation: most of the bundle is the language client library.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LanguageClient, TransportKind } = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
    const module = this.context.asAbsolutePath('server/out/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { configurationSection: 'govreport' },
      // Set every field: a partial object would turn pulling on change off.
      diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
      // The server picks the message language from this when `govreport.language` is "auto".
      initializationOptions: { locale: vscode.env.language },
      outputChannel: this.outputChannel,
      markdown: { isTrusted: false, supportHtml: false },
    };
    const client = new LanguageClient('govreport', vscode.l10n.t('GovReport Language Server'), serverOptions, clientOptions);
    client.onNotification(Method.status, (p: StatusParams) => this.statusEmitter.fire(p));
    this.client = client;
    this.willStartEmitter.fire();
    await client.start();
    this.startedEmitter.fire(client);
    return client;
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    this.statusEmitter.dispose();
    this.startedEmitter.dispose();
    this.willStartEmitter.dispose();
    try {
      if (client) await client.dispose(2000);
    } finally {
      this.outputChannel.dispose();
    }
  }
}
