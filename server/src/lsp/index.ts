/**
 * The language server: thin glue between LSP and the checking core. `startServer` wires one handler per
 * concern onto a connection (stdio/IPC in production, a pair of streams in tests).
 */

import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InlineAnalyzer, LaneAnalyzer, WorkerAnalyzer, type Analyzer } from './analyzer';
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
import { WorkspaceFiles } from './workspace';

export * from './protocol';
export { DEFAULT_SETTINGS, normalizeSettings, type Settings, type Suppression } from './settings';
export type { Analysis } from './service';

export const SERVER_NAME = 'govreport-lint';
export const SERVER_VERSION = '0.1.0';

export interface ServerOptions {
  /** Run analyses on the main thread instead of a worker thread. */
  readonly inline?: boolean;
  /** The script started as the analysis worker (default: `worker.js` beside this module; the bundle passes itself). */
  readonly workerScript?: string;
  /** Stop an analysis that runs longer than this (ms, default 20 000). */
  readonly budgetMs?: number;
  /** Documents longer than this (characters) are analysed in a worker of their own (default 512 Ki). */
  readonly largeDocument?: number;
  /** How long the first check waits for the first workspace scan (ms, default 300). */
  readonly firstScanWaitMs?: number;
  /** Test hook: add a rule that always throws (also `GOVREPORT_TEST_THROWING_RULE=1`). */
  readonly throwingRule?: boolean;
  /** Test hooks. */
  readonly hooks?: ServerHooks;
}

export interface ServerHandle {
  dispose(): void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let ctx: Context | undefined;
  let diagnostics: DiagnosticsControl | undefined;
  const getCtx = (): Context => {
    if (!ctx) throw new Error('server not initialized');
    return ctx;
  };
  const throwingRule = options.throwingRule || process.env.GOVREPORT_TEST_THROWING_RULE === '1';

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const support: ClientSupport = clientSupport(params.capabilities);
    // the display language: LSP's `locale`, or `initializationOptions.locale` (what our client also sends)
    const opts = params.initializationOptions as { locale?: unknown } | undefined;
    const locale = typeof opts?.locale === 'string' && opts.locale ? opts.locale : params.locale;
    const log = (m: string): void => connection.console.log(m);
    const error = (m: string): void => connection.console.error(m);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    const settings = new SettingsStore(connection, () => support.configuration, log);
    let analyzer: Analyzer;
    if (options.inline) analyzer = new InlineAnalyzer({ throwingRule });
    else {
      try {
        const script = options.workerScript ?? path.join(__dirname, 'worker.js');
        const lane = (): WorkerAnalyzer => new WorkerAnalyzer(script, { throwingRule, budgetMs: options.budgetMs, log });
        // the large-document lane starts its worker only when a large document comes
        analyzer = new LaneAnalyzer(lane(), lane(), options.largeDocument);
      } catch (e) {
        error(`no analysis worker, analysing on the main thread: ${e instanceof Error ? e.message : String(e)}`);
        analyzer = new InlineAnalyzer({ throwingRule });
      }
    }
    const workspace = new WorkspaceFiles(
      connection,
      () => support.workspaceFolders,
      folders,
      (upserts, removes) => {
        analyzer.setCandidates(upserts, removes);
        // other reports changed: pairings (cross-year rules) may change
        ctx?.analyses.invalidateAll();
        diagnostics?.revalidateAll();
      },
      log,
      undefined,
      options.firstScanWaitMs,
    );
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
