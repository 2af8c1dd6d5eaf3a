/**
 * The language server without Node: `startLanguageServer` wires one handler per concern onto a connection; the
 * platform supplies where analyses run and what the workspace is. The Node server (index.ts: worker threads,
 * fs scanning) and the web-worker server (../browser/server.ts: in-thread checks, open documents only) share it.
 */

import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from './analyzer-common';
import { Analyses } from './analyses';
import { registerCodeActions } from './codeActions';
import { clientSupport, type ClientSupport, type Context, type ServerHooks } from './context';
import { registerDiagnostics, type DiagnosticsControl } from './diagnostics';
import { registerFolding } from './folding';
import { registerHover } from './hover';
import { registerInlay } from './inlay';
import { FIX_ALL_KIND } from './protocol';
import { registerRequests } from './requests';
import { safeNotify } from './safe';
import { resolveLanguage, SettingsStore } from './settings';
import { registerStatus } from './status';
import { registerSymbols } from './symbols';
import type { Workspace, WorkspaceEnv } from './workspace-common';

export const SERVER_NAME = 'govreport-lint';
export const SERVER_VERSION = '0.1.0';

/** What differs between the Node server and the web-worker server. */
export interface Platform {
  /** Where analyses run (called once, when the client initializes). */
  createAnalyzer(env: { log(message: string): void; error(message: string): void }): Analyzer;
  /** The workspace's files (called once, after the analyzer). */
  createWorkspace(env: WorkspaceEnv): Workspace;
  /**
   * The rule links when the client names none (`initializationOptions.ruleDocs`): a template with `{id}` of the
   * installed pages (the Node server: their file URIs), or undefined (the web worker has no files of its own).
   */
  ruleDocs?(): string | undefined;
}

export interface CommonOptions {
  /** Test hooks. */
  readonly hooks?: ServerHooks;
}

export interface ServerHandle {
  dispose(): void;
}

/** The last segment of a URI (the folder name of a `rootUri`). */
function uriBaseName(uri: string): string {
  return uri.replace(/(?<!\/)\/+$/, '').split('/').pop() ?? uri;
}

export function startLanguageServer(connection: Connection, platform: Platform, options: CommonOptions = {}): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let ctx: Context | undefined;
  let diagnostics: DiagnosticsControl | undefined;
  const getCtx = (): Context => {
    if (!ctx) throw new Error('server not initialized');
    return ctx;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const support: ClientSupport = clientSupport(params.capabilities);
    // the display language: LSP's `locale`, or `initializationOptions.locale` (what our client also sends)
    const opts = params.initializationOptions as { locale?: unknown; workspaceFiles?: unknown; ruleDocs?: unknown } | undefined;
    const locale = typeof opts?.locale === 'string' && opts.locale ? opts.locale : params.locale;
    // the rule links: the client's (our client: a command that shows the page shipped in the extension), else the
    // platform's; a template without `{id}` could only point at one page, so it is ignored
    const ruleDocs = typeof opts?.ruleDocs === 'string' && opts.ruleDocs.includes('{id}') ? opts.ruleDocs : platform.ruleDocs?.();
    const log = (m: string): void => connection.console.log(m);
    const error = (m: string): void => connection.console.error(m);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: uriBaseName(params.rootUri) }] : []);
    const settings = new SettingsStore(connection, () => support.configuration, log);
    const analyzer = platform.createAnalyzer({ log, error });
    const workspace = platform.createWorkspace({
      connection,
      canAskFolders: () => support.workspaceFolders,
      folders,
      onCandidates: (upserts, removes) => {
        analyzer.setCandidates(upserts, removes);
        // other reports changed: pairings (cross-year rules) may change
        ctx?.analyses.invalidateAll();
        diagnostics?.revalidateAll();
      },
      openDocuments: () => documents.keys(),
      clientServesFiles: opts?.workspaceFiles === true,
      log,
    });
    const analyses = new Analyses(getCtx);
    ctx = {
      connection,
      documents,
      settings,
      workspace,
      analyzer,
      analyses,
      support,
      hooks: options.hooks ?? {},
      locale,
      lang: (uri) => resolveLanguage(settings.peek(uri).language, locale),
      ...(ruleDocs ? { ruleDocs } : {}),
      log,
      error,
    };
    diagnostics = registerDiagnostics(getCtx);
    analyses.onDependentsChanged = (uris) => diagnostics?.revalidate(uris);
    registerStatus(ctx);
    registerHover(getCtx);
    registerCodeActions(getCtx);
    registerSymbols(getCtx);
    registerFolding(getCtx);
    registerInlay(getCtx);
    registerRequests(getCtx, diagnostics);

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
      documentSymbolProvider: { label: '政务公开年报' },
      foldingRangeProvider: true,
      inlayHintProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (support.pullDiagnostics) {
      capabilities.diagnosticProvider = { identifier: 'govreport', interFileDependencies: true, workspaceDiagnostics: false };
    }
    return { capabilities, serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });

  connection.onInitialized(() => {
    const c = getCtx();
    if (c.support.configurationDynamic) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'govreport' }).catch(() => undefined);
    }
    if (c.support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        safeNotify(getCtx, 'workspace/didChangeWorkspaceFolders', () => {
          c.workspace.invalidate(true);
          void c.workspace.scan();
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    safeNotify(getCtx, 'workspace/didChangeConfiguration', (params) => {
      if (!ctx) return;
      const c = ctx;
      c.settings.invalidate(params?.settings);
      c.workspace.invalidate();
      c.analyses.invalidateAll();
      diagnostics?.revalidateAll();
      if (c.support.inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    }),
  );

  connection.onDidChangeWatchedFiles(
    safeNotify(getCtx, 'workspace/didChangeWatchedFiles', () => {
      ctx?.workspace.invalidate();
    }),
  );

  documents.onDidSave(
    safeNotify(getCtx, 'textDocument/didSave', () => {
      // the saved text is now on disk: other reports may pair with it
      ctx?.workspace.invalidate();
    }),
  );

  const dispose = (): void => {
    diagnostics?.dispose();
    ctx?.analyzer.dispose();
  };
  connection.onShutdown(() => dispose());

  documents.listen(connection);
  connection.listen();
  return { dispose };
}
