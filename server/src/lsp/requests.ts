/**
 * The custom requests of docs/dev/contracts.md: export the tables, a report skeleton, check the workspace, the
 * table preview.
 */

import { reportSkeleton } from '../core';
import type { Context } from './context';
import type { DiagnosticsControl } from './diagnostics';
import {
  CheckWorkspaceRequest,
  ExportTablesRequest,
  PreviewRequest,
  ReadOriginalRequest,
  type ReadOriginalParams,
  type ReadOriginalResult,
  SkeletonRequest,
  type CheckWorkspaceResult,
  type ExportTablesParams,
  type ExportTablesResult,
  type PreviewData,
  type PreviewParams,
  type PreviewResult,
  type SkeletonParams,
  type SkeletonResult,
} from './protocol';
import { isOriginalUri, originalDocUri, readOriginalBytes } from './originals';
import { fromBase64 } from './workspace-common';
import { safe } from './safe';
import { currentView } from './views';

/** The text of a document: open, else the saved file (undefined when neither). */
async function textOf(ctx: Context, uri: string): Promise<string | undefined> {
  const doc = ctx.documents.get(uri);
  if (doc) return doc.getText();
  return ctx.workspace.readText(uri);
}

export function registerRequests(getCtx: () => Context, diagnostics: DiagnosticsControl): void {
  const ctx = getCtx();
  const { connection } = ctx;

  connection.onRequest(
    ExportTablesRequest,
    safe<ExportTablesParams, ExportTablesResult>(getCtx, ExportTablesRequest.method, { content: '' }, async (params) => {
      if (!params || typeof params.uri !== 'string' || (params.format !== 'csv' && params.format !== 'json')) return { content: '' };
      const text = await textOf(ctx, params.uri);
      if (text === undefined) return { content: '' };
      return { content: await ctx.analyzer.exportText(text, params.format) };
    }),
  );

  connection.onRequest(
    ReadOriginalRequest,
    safe<ReadOriginalParams, ReadOriginalResult>(getCtx, ReadOriginalRequest.method, { kind: '', text: '', notices: [] }, async (params) => {
      if (!params || typeof params.uri !== 'string' || typeof params.base64 !== 'string') return { kind: '', text: '', notices: [] };
      const read = await readOriginalBytes(params.uri, fromBase64(params.base64));
      return { kind: read.kind, text: read.text, notices: read.notices.map((n) => ({ code: n.code, zh: n.zh, en: n.en })) };
    }),
  );

  connection.onRequest(
    SkeletonRequest,
    safe<SkeletonParams, SkeletonResult>(getCtx, SkeletonRequest.method, { text: '' }, (params) => {
      const y = params?.year;
      const year = typeof y === 'number' && Number.isInteger(y) && y >= 2019 && y <= 2100 ? y : new Date().getFullYear() - 1;
      const agency = typeof params?.agency === 'string' ? params.agency : undefined;
      return { text: reportSkeleton({ year, agency }) };
    }),
  );

  connection.onRequest(
    PreviewRequest,
    safe<PreviewParams, PreviewResult>(getCtx, PreviewRequest.method, null, async (params) => {
      // open documents only (the server's document store): the preview never reads a file
      if (!params || typeof params.uri !== 'string' || !ctx.documents.get(params.uri)) return null;
      const line = typeof params.line === 'number' && Number.isInteger(params.line) && params.line >= 0 ? params.line : undefined;
      const view = await currentView(ctx, params.uri, () => ({ view: 'preview', line }));
      return (view as PreviewData | undefined) ?? null;
    }),
  );

  connection.onRequest(
    CheckWorkspaceRequest,
    safe<Record<string, never>, CheckWorkspaceResult>(getCtx, CheckWorkspaceRequest.method, { files: 0, reports: 0, errors: 0, warnings: 0 }, async () => {
      await ctx.workspace.scan();
      const files = ctx.workspace.all();
      const openByFile = new Map<string, string>();
      for (const uri of ctx.documents.keys()) {
        const k = ctx.workspace.fileKey(uri);
        if (k !== undefined) openByFile.set(k, uri);
      }
      const result = { files: files.length, reports: 0, errors: 0, warnings: 0 };
      for (const f of files) {
        const k = ctx.workspace.fileKey(f.uri);
        const openUri = k === undefined ? undefined : openByFile.get(k);
        let a;
        if (openUri) {
          a = (await ctx.analyses.get(openUri))?.analysis;
        } else {
          if (f.text === undefined) continue; // cannot hold a report (no year, no 信息公开)
          // an original's findings go to the document of its text (the positions are in that text)
          const docUri = isOriginalUri(f.uri) ? originalDocUri(f.uri) : undefined;
          let languageId = /\.md$/i.test(f.uri) ? 'markdown' : 'plaintext';
          if (docUri) languageId = 'govreport';
          else {
            const s = await ctx.settings.get(f.uri);
            for (const g of s.files) if (await ctx.workspace.matches(f.uri, g)) languageId = 'govreport';
          }
          a = await ctx.analyses.analyzeClosed(docUri ?? f.uri, f.text, languageId);
          if (a) {
            void connection.sendDiagnostics({ uri: docUri ?? f.uri, diagnostics: a.diagnostics });
            diagnostics.markPushed(docUri ?? f.uri);
          }
        }
        if (!a) continue;
        if (a.isReport) result.reports++;
        result.errors += a.counts.errors;
        result.warnings += a.counts.warnings;
      }
      return result;
    }),
  );
}
