/**
 * Code actions: each finding's quick fixes (`quickfix`, preferred as the core says), "insert an empty table"
 * for a missing table, and "fix all in this file" (`source.fixAll.govreport`, also for
 * `editor.codeActionsOnSave`). Edits are versioned, so the client refuses them on a changed document.
 */

import type { CodeAction, CodeActionParams, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { msg, pick } from '../core';
import type { Context } from './context';
import { FIX_ALL_KIND } from './protocol';
import { safe } from './safe';
import { SOURCE, type Analysis, type DiagnosticData } from './service';

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The analysis diagnostic a client diagnostic stands for (by its data, else by rule, range and message). */
export function diagnosticIndex(a: Analysis, d: Diagnostic): number {
  if (d.source !== SOURCE) return -1;
  const data = d.data as Partial<DiagnosticData> | undefined;
  if (data && data.v === a.version && typeof data.i === 'number') {
    const own = a.diagnostics[data.i];
    if (own && own.code === data.rule && sameRange(own.range, d.range)) return data.i;
  }
  return a.diagnostics.findIndex((o) => o.code === d.code && sameRange(o.range, d.range) && o.message === d.message);
}

/** Requested kinds: an action of kind K is wanted when K is (a sub-kind of) one of them. */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function registerCodeActions(getCtx: () => Context): void {
  const ctx = getCtx();
  const edit = (uri: string, version: number, edits: TextEdit[]): WorkspaceEdit =>
    ctx.support.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };

  ctx.connection.onCodeAction(
    safe<CodeActionParams, CodeAction[]>(getCtx, 'textDocument/codeAction', [], async (params) => {
      const uri = params.textDocument.uri;
      const entry = await ctx.analyses.get(uri);
      const doc = ctx.documents.get(uri);
      if (!entry || !doc || doc.version !== entry.analysis.version) return [];
      const a = entry.analysis;
      const only = params.context.only;
      const actions: CodeAction[] = [];
      if (wanted(only, 'quickfix')) {
        for (const d of params.context.diagnostics) {
          const i = diagnosticIndex(a, d);
          if (i < 0) continue;
          for (const fx of a.fixes[i] ?? []) {
            actions.push({ title: fx.title, kind: 'quickfix', diagnostics: [d], isPreferred: fx.preferred, edit: edit(uri, a.version, fx.edits) });
          }
        }
      }
      if (wanted(only, FIX_ALL_KIND) && a.fixAll.edits.length) {
        // explicitly requested (source action menu, on save), or next to a diagnostic it fixes (lightbulb)
        const near = params.context.diagnostics.some((d) => a.fixAll.covers.includes(diagnosticIndex(a, d)));
        if (only || near) {
          actions.push({
            title: pick(msg('server.fix-all'), ctx.lang(uri)),
            kind: FIX_ALL_KIND,
            diagnostics: a.fixAll.covers.map((i) => a.diagnostics[i]),
            edit: edit(uri, a.version, a.fixAll.edits),
          });
        }
      }
      return actions;
    }),
  );
}
