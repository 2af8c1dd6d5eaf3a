#!/usr/bin/env node
// The baseline of bench/lsp.mjs: a trivial language server on the same transport as ours
// (vscode-languageserver over stdio, TextDocuments with incremental sync) that checks nothing. It reads
// `govreport.debounceMs` through workspace/configuration exactly as our server does (default 200, the
// manifest's default) and waits the same debounce: a pull after a change is answered once typing has paused
// `debounceMs` (empty full report); without pull support, empty diagnostics are published `debounceMs` after
// the last change. So the difference to our server is the checking, not the debounce.
//
// Usage: node bench/echo-server.mjs --stdio
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The manifest's default of `govreport.debounceMs` (bench/lsp.mjs checks the manifest still says 200). */
const DEFAULT_DEBOUNCE_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pull = false;
let canAsk = false;
const debounce = new Map(); // uri -> Promise<number>
const lastChange = new Map(); // uri -> ms
const timers = new Map(); // uri -> push timer

function debounceOf(uri) {
  let p = debounce.get(uri);
  if (!p) {
    p = (canAsk ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'govreport' }) : Promise.resolve({})).then(
      (s) => (typeof s?.debounceMs === 'number' && Number.isFinite(s.debounceMs) ? Math.max(0, s.debounceMs) : DEFAULT_DEBOUNCE_MS),
      () => DEFAULT_DEBOUNCE_MS,
    );
    debounce.set(uri, p);
  }
  return p;
}

/** Resolves when typing in the document has paused for `ms` (or the request is cancelled). */
async function settle(uri, ms, token) {
  for (;;) {
    const wait = (lastChange.get(uri) ?? 0) + ms - Date.now();
    if (wait <= 0 || token.isCancellationRequested) return;
    await new Promise((resolve) => {
      const t = setTimeout(resolve, wait);
      token.onCancellationRequested(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

connection.onInitialize((params) => {
  pull = !!params.capabilities.textDocument?.diagnostic;
  canAsk = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      ...(pull ? { diagnosticProvider: { identifier: 'echo', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'echo', version: '0' },
  };
});

connection.onDidChangeConfiguration(() => debounce.clear());

documents.onDidChangeContent(async (e) => {
  const { uri, version } = e.document;
  const first = !lastChange.has(uri);
  lastChange.set(uri, first ? 0 : Date.now()); // opening is answered at once, like ours
  if (pull) return;
  const ms = first ? 0 : await debounceOf(uri);
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      const doc = documents.get(uri);
      if (doc && doc.version === version) void connection.sendDiagnostics({ uri, version, diagnostics: [] });
    }, ms),
  );
});

documents.onDidClose((e) => {
  lastChange.delete(e.document.uri);
  clearTimeout(timers.get(e.document.uri));
  if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(async (params, token) => {
  const uri = params.textDocument.uri;
  if (!documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  await settle(uri, await debounceOf(uri), token);
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  const doc = documents.get(uri);
  return { kind: DocumentDiagnosticReportKind.Full, resultId: `${doc?.version ?? 0}`, items: [] };
});

// the views the editor asks for after changes: nothing to show
connection.onDocumentSymbol(() => []);
connection.onFoldingRanges(() => []);

documents.listen(connection);
connection.listen();
