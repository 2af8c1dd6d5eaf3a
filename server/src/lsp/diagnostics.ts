/**
 * Diagnostics, pulled (LSP 3.17 `textDocument/diagnostic`, when the client can) or pushed
 * (`textDocument/publishDiagnostics`, debounced by `govreport.debounceMs`). Either way they come from the shared
 * analyses, so a result for an old version is never published or returned.
 */

import {
  DiagnosticRefreshRequest,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Context } from './context';
import { safe } from './safe';

export interface DiagnosticsControl {
  /** Re-check a document (push: after the debounce delay; pull: ask the client to pull). */
  revalidate(uris: readonly string[]): void;
  revalidateAll(): void;
  /** Closed files whose diagnostics were pushed by the workspace check. */
  markPushed(uri: string): void;
  dispose(): void;
}

export function registerDiagnostics(getCtx: () => Context): DiagnosticsControl {
  const ctx = getCtx();
  const { connection, documents } = ctx;
  const pull = ctx.support.pullDiagnostics;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const justOpened = new Set<string>();
  const pushedClosed = new Set<string>();

  const validate = (uri: string): void => {
    timers.delete(uri);
    // the analysis publishes through the listener below when it is still current
    ctx.analyses.get(uri).catch((e) => ctx.error(`validation of ${uri} failed: ${e instanceof Error ? e.message : String(e)}`));
  };

  const schedule = (uri: string, delay: number): void => {
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    if (pull) return;
    const t = setTimeout(() => validate(uri), Math.max(0, delay));
    timers.set(uri, t);
  };

  if (!pull) {
    ctx.analyses.onDelivered((a) => {
      void connection.sendDiagnostics({ uri: a.uri, version: a.version, diagnostics: a.diagnostics });
    });
  }

  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    if (pull && pushedClosed.delete(e.document.uri)) {
      // the workspace check pushed diagnostics for this file while it was closed; pulled ones replace them
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
  });
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const opened = justOpened.delete(uri);
    // opening checks at once; typing waits for a pause
    if (!opened) ctx.analyses.noteChange(uri);
    schedule(uri, opened ? 0 : ctx.settings.peek(uri).debounceMs);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    justOpened.delete(uri);
    ctx.analyses.forget(uri);
    ctx.analyzer.forgetOpen(uri);
    if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  if (pull) {
    connection.languages.diagnostics.on(
      safe<DocumentDiagnosticParams, DocumentDiagnosticReport>(
        getCtx,
        'textDocument/diagnostic',
        { kind: DocumentDiagnosticReportKind.Full, items: [] },
        async (params, token) => {
          const uri = params.textDocument.uri;
          if (!documents.get(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
          // debounce: a pull right after a change waits until typing pauses (cancelled by the next pull)
          const s = await ctx.settings.get(uri);
          await ctx.analyses.settle(uri, s.debounceMs, token);
          if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
          const entry = await ctx.analyses.get(uri);
          const doc = documents.get(uri);
          if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
          if (!entry || entry.analysis.version !== doc.version) {
            // the document changed meanwhile: results for the old version must not be shown
            throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
          }
          if (params.previousResultId === entry.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: entry.resultId };
          return { kind: DocumentDiagnosticReportKind.Full, resultId: entry.resultId, items: entry.analysis.diagnostics };
        },
      ),
    );
  }

  const revalidate = (uris: readonly string[]): void => {
    if (pull) {
      // `languages.diagnostics.refresh()` is typed void but returns the request's promise; a client may fail the
      // request (e.g. while it restarts), and an unhandled rejection ends the server process
      if (ctx.support.diagnosticRefresh) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      return;
    }
    for (const uri of uris) if (documents.get(uri)) schedule(uri, ctx.settings.peek(uri).debounceMs);
  };

  return {
    revalidate,
    revalidateAll: () => revalidate(documents.keys()),
    markPushed: (uri) => {
      if (pull) pushedClosed.add(uri);
    },
    dispose: () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
