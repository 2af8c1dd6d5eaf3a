/**
 * The activation shared by the desktop (extension.ts) and the browser (browser/extension.ts): starts the
 * language server, relays, and adds the editor affordances (commands, status bar, suppression quick fix,
 * `govreport.files`). Nothing domain-specific lives here.
 *
 * Activation is light (the extension also activates for plain-text and Markdown documents, which may be
 * reports): the language server is only started when a document that may be a report is open, or when a
 * command needs it. See server.ts.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerCommands } from './commands';
import { registerRuleDocs } from './ruleDocs';
import { ReportFileAssociation } from './files';
import { registerPreview } from './preview/panel';
import { registerOriginals } from './originals';
import type { StatusParams } from './protocol';
import { ServerController, changeMayMakeReport, documentSelector, mayBeReport, type ClientPlatform } from './server';
import { ReportStatusBar } from './status';
import { registerSuppression } from './suppress';

/** What `activate` returns (`vscode.extensions.getExtension(id).exports`), for tests and other extensions. */
export interface GovReportApi {
  /** The language client, once the server has been started (undefined before). */
  readonly client: BaseLanguageClient | undefined;
  /** Whether the server has been started (it starts lazily). */
  readonly started: boolean;
  /**
   * Resolves when the language server is running and initialised. Reading it starts the server if it is not
   * running yet (tests can simply `await api.ready`). After a restart it refers to the new start.
   */
  readonly ready: Promise<void>;
  /** The last `govreport/status` the server sent for a document. */
  status(uri: vscode.Uri): StatusParams | undefined;
  /** Fires on every `govreport/status` notification. */
  readonly onDidReceiveStatus: vscode.Event<StatusParams>;
}

let controller: ServerController | undefined;

export function activateWith(context: vscode.ExtensionContext, platform: ClientPlatform): GovReportApi {
  const server = new ServerController(context, platform);
  controller = server;
  const status = new ReportStatusBar(server);
  const { schemes } = platform;
  context.subscriptions.push(
    status,
    registerCommands(server),
    registerOriginals(server),
    registerSuppression(documentSelector(schemes)),
    registerRuleDocs(context),
    new ReportFileAssociation(schemes.reports.filter((s) => s !== 'untitled')),
    registerPreview(server, context.extensionUri),
  );

  // Lazy start: the first document that may be a report starts the server.
  let failureShown = false;
  context.subscriptions.push(server.onDidStart(() => (failureShown = false)));
  const startFailed = (e: unknown) => {
    // One message per run of failures, not one per opened document.
    if (failureShown) return;
    failureShown = true;
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not start the GovReport language server: {0}', e instanceof Error ? e.message : String(e)),
    );
  };
  const startIfNeeded = (doc: vscode.TextDocument) => {
    if (!server.started && mayBeReport(doc, schemes)) server.ensureStarted().catch(startFailed);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(startIfNeeded),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!server.started && changeMayMakeReport(e, schemes)) server.ensureStarted().catch(startFailed);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('govreport.detect')) for (const d of vscode.workspace.textDocuments) startIfNeeded(d);
    }),
  );
  for (const d of vscode.workspace.textDocuments) startIfNeeded(d);

  return {
    get client() {
      return server.current;
    },
    get started() {
      return server.started;
    },
    get ready() {
      return server.ensureStarted().then(() => undefined);
    },
    status: (uri) => status.get(uri),
    onDidReceiveStatus: server.onStatus,
  };
}

export async function deactivateAll(): Promise<void> {
  const c = controller;
  controller = undefined;
  if (c) await c.dispose();
}
