/**
 * Starts and owns the language server: server/out/server.js over IPC on the desktop (extension.ts), the web-worker
 * bundle server/out/browser/server.js in browsers (browser/extension.ts). How the client is made is the
 * platform's business (`ClientPlatform`); everything else here is shared.
 *
 * The server is started lazily: activation only registers cheap things; the first document that may be
 * a report (language `govreport`, or a plain-text/Markdown document that passes `mayBeReport`), or the first
 * command that needs the server, starts it. Once running it stays running until deactivation or restart.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient, CloseAction, DocumentSelector, ErrorAction, ErrorHandler, LanguageClientOptions, State } from 'vscode-languageclient';
import { LANGUAGE_ID, Method, ORIGINAL_SCHEME, type StatusParams } from './protocol';
import { Command } from './commands';
import { RestartPolicy } from './restart';
import { RULE_DOCS_LINK } from './ruleDocs';
import { serveWorkspaceFiles } from './workspace-files';

/** The URI schemes of the documents the server sees. */
export interface Schemes {
  /** Documents of language `govreport`. */
  readonly reports: readonly string[];
  /** Plain-text and Markdown documents, which the server checks when their content is a report. */
  readonly candidates: readonly string[];
}

/**
 * Desktop: reports declared as such, also in virtual workspaces (vscode-vfs); candidates only when local or
 * untitled (not git:, output:, … views).
 */
export const DESKTOP_SCHEMES: Schemes = { reports: ['file', 'untitled', 'vscode-vfs'], candidates: ['file', 'untitled'] };

const CANDIDATE_LANGUAGE_IDS = ['plaintext', 'markdown'];

export function documentSelector(schemes: Schemes): DocumentSelector {
  return [
    ...schemes.reports.map((scheme) => ({ scheme, language: LANGUAGE_ID })),
    // the text read from a published original (originals.ts)
    { scheme: ORIGINAL_SCHEME, language: LANGUAGE_ID },
    ...CANDIDATE_LANGUAGE_IDS.flatMap((language) => schemes.candidates.map((scheme) => ({ scheme, language }))),
  ];
}

/** Documents the server sees on the desktop. It decides from content whether a plain-text/Markdown document is a report. */
export const DOCUMENT_SELECTOR: DocumentSelector = documentSelector(DESKTOP_SCHEMES);

const CANDIDATE_LANGUAGES = new Set(CANDIDATE_LANGUAGE_IDS);

/**
 * A cheap gate, not the detection: the server decides (setting `govreport.detect`). It only keeps the
 * server from being spawned for every README and log file. Every report's title, section 二/三 headings
 * or table-3 labels contain one of these words.
 */
const REPORT_HINT = /政府信息|年度报告|年报/;
/** Only the beginning of a long document is looked at. */
const HINT_SCAN_CHARS = 200_000;

export function mayBeReport(doc: vscode.TextDocument, schemes: Schemes = DESKTOP_SCHEMES): boolean {
  if (doc.languageId === LANGUAGE_ID) return true;
  if (!CANDIDATE_LANGUAGES.has(doc.languageId) || !schemes.candidates.includes(doc.uri.scheme)) return false;
  if (vscode.workspace.getConfiguration('govreport', doc.uri).get<string>('detect', 'auto') === 'off') return false;
  const end = doc.positionAt(HINT_SCAN_CHARS);
  return REPORT_HINT.test(doc.getText(new vscode.Range(new vscode.Position(0, 0), end)));
}

/** Whether an edit may have turned a candidate document into a report (a pasted report, typed title). */
export function changeMayMakeReport(e: vscode.TextDocumentChangeEvent, schemes: Schemes = DESKTOP_SCHEMES): boolean {
  if (!CANDIDATE_LANGUAGES.has(e.document.languageId) || !schemes.candidates.includes(e.document.uri.scheme)) return false;
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

// The values of vscode-languageclient's enums used here, checked against them by the compiler: a type-only import
// keeps the client library (most of the bundle) out of the activation, which is kept light.
const CLOSE_DO_NOT_RESTART: CloseAction.DoNotRestart = 1;
const CLOSE_RESTART: CloseAction.Restart = 2;
const ERROR_CONTINUE: ErrorAction.Continue = 1;
const STATE_RUNNING: State.Running = 2;

/** What differs between the desktop and the browser: the schemes, and how a language client is made. */
export interface ClientPlatform {
  readonly schemes: Schemes;
  /** A language client that is not started yet (`clientOptions` are complete). */
  createClient(context: vscode.ExtensionContext, id: string, name: string, clientOptions: LanguageClientOptions): Promise<BaseLanguageClient>;
  /**
   * Restarts the server of a running client, keeping the client (the desktop: a new server process). Absent:
   * the client is disposed and a new one made (the browser: a web worker is not started twice).
   */
  restart?(client: BaseLanguageClient): Promise<void>;
  /** The server has no file system: the client lists and reads the workspace's files for it (workspace-files.ts). */
  readonly servesFiles?: boolean;
}

export class ServerController implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private starting: Promise<BaseLanguageClient> | undefined;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly startedEmitter = new vscode.EventEmitter<BaseLanguageClient>();
  private readonly willStartEmitter = new vscode.EventEmitter<void>();
  private readonly gaveUpEmitter = new vscode.EventEmitter<void>();
  private readonly outputChannel: vscode.OutputChannel;
  /** Restarts after the server's connection closed unexpectedly (restart.ts). */
  private readonly restarts = new RestartPolicy();
  /** The client library is starting the server again after a close (see `errorHandler`). */
  private restarting = false;

  /** Every `govreport/status` notification. */
  readonly onStatus = this.statusEmitter.event;
  /** Fires after each (re)start, once the server has answered `initialize`. */
  readonly onDidStart = this.startedEmitter.event;
  /** Fires before each (re)start: what the previous server said is stale from here on. */
  readonly onWillStart = this.willStartEmitter.event;
  /** Fires when the server ended and is not restarted (`errorHandler`): what it said is stale too. */
  readonly onDidGiveUp = this.gaveUpEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly platform: ClientPlatform,
  ) {
    this.outputChannel = vscode.window.createOutputChannel(vscode.l10n.t('GovReport Language Server'));
  }

  /** The running client, if the server has been started. */
  get current(): BaseLanguageClient | undefined {
    return this.client;
  }

  get started(): boolean {
    return this.client !== undefined;
  }

  /** Starts the server unless it is running or starting; resolves when it has been initialised. */
  ensureStarted(): Promise<BaseLanguageClient> {
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

  async restart(): Promise<BaseLanguageClient> {
    this.restarts.reset();
    this.restarting = false;
    if (this.client && this.starting) {
      const client = await this.starting;
      if (this.platform.restart) {
        this.willStartEmitter.fire();
        await this.platform.restart(client);
        this.startedEmitter.fire(client);
        return client;
      }
      this.client = undefined;
      this.starting = undefined;
      await client.dispose(2000).catch(() => undefined);
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

  private async start(): Promise<BaseLanguageClient> {
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(this.platform.schemes),
      synchronize: { configurationSection: 'govreport' },
      // Set every field: a partial object would turn pulling on change off.
      diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
      // The server picks the message language from this when `govreport.language` is "auto".
      // `ruleDocs`: the rule links of diagnostics open the pages shipped in the extension (ruleDocs.ts)
      initializationOptions: { locale: vscode.env.language, workspaceFiles: this.platform.servesFiles === true, ruleDocs: RULE_DOCS_LINK },
      outputChannel: this.outputChannel,
      markdown: { isTrusted: false, supportHtml: false },
      errorHandler: this.errorHandler(),
    };
    const client = await this.platform.createClient(this.context, 'govreport', vscode.l10n.t('GovReport Language Server'), clientOptions);
    client.onNotification(Method.status, (p: StatusParams) => this.statusEmitter.fire(p));
    client.onDidChangeState((e) => {
      // the library restarted the server after a close: what the new one says is current (status bar, preview)
      if (this.restarting && e.newState === STATE_RUNNING && this.client === client) {
        this.restarting = false;
        this.startedEmitter.fire(client);
      }
    });
    if (this.platform.servesFiles) serveWorkspaceFiles(client);
    this.client = client;
    this.willStartEmitter.fire();
    await client.start();
    this.startedEmitter.fire(client);
    return client;
  }

  /**
   * What the client library does when the connection to the server has problems. A closed connection (the
   * server crashed, was killed, or exited on a framing error) restarts the server, at most `MAX_RESTARTS` times
   * in `RESTART_WINDOW_MS`; after that the user is told, with the restart command at hand. Errors of the
   * connection (failed writes) are logged only.
   */
  private errorHandler(): ErrorHandler {
    return {
      // Not the library's default (shut down after the 4th error in a row): a server process that died with
      // messages on their way makes several writes fail (EPIPE) before the close is seen, and a shutdown then
      // means no restart. Errors are logged; the close, which follows a dead connection, decides.
      error: () => ({ action: ERROR_CONTINUE, handled: true }),
      closed: () => {
        if (this.restarts.closed(Date.now())) {
          this.restarting = true;
          // what the old server said is stale; the new one checks every open document again
          this.willStartEmitter.fire();
          return {
            action: CLOSE_RESTART,
            message: vscode.l10n.t('The GovReport language server stopped unexpectedly and is being restarted ({0} of {1}).', this.restarts.count, this.restarts.max),
          };
        }
        this.restarting = false;
        this.gaveUpEmitter.fire();
        const message = vscode.l10n.t(
          'The GovReport language server stopped unexpectedly {0} times within {1} minutes and is not restarted again.',
          this.restarts.count,
          Math.round(this.restarts.windowMs / 60_000),
        );
        const restart = vscode.l10n.t('Restart Language Server');
        void vscode.window.showErrorMessage(message, restart).then((choice) => {
          if (choice === restart) void vscode.commands.executeCommand(Command.restartServer);
        });
        // handled: the library only logs it
        return { action: CLOSE_DO_NOT_RESTART, message, handled: true };
      },
    };
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    this.statusEmitter.dispose();
    this.startedEmitter.dispose();
    this.willStartEmitter.dispose();
    this.gaveUpEmitter.dispose();
    try {
      if (client) await client.dispose(2000);
    } finally {
      this.outputChannel.dispose();
    }
  }
}
