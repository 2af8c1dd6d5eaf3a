/** Views (hover, symbols, folding, inlay hints) of a document's current analysis, computed by the analyzer. */

import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Context } from './context';
import type { ViewRequest, ViewResult } from './service';

/**
 * The view of the document's current version, or undefined when the document is unknown or changed while the
 * view was computed (a stale answer is never returned).
 */
export async function currentView(
  ctx: Context,
  uri: string,
  makeRequest: (doc: TextDocument) => ViewRequest,
  settle?: CancellationToken,
): Promise<ViewResult | undefined> {
  if (settle) {
    // asked by the editor after each change: wait until typing pauses, then answer for the latest version
    await ctx.analyses.settle(uri, ctx.settings.peek(uri).debounceMs, settle);
    if (settle.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }
  const entry = await ctx.analyses.get(uri);
  const doc = ctx.documents.get(uri);
  if (!entry || !doc || doc.version !== entry.analysis.version) return undefined;
  const a = entry.analysis;
  const req = makeRequest(doc);
  let answer = await ctx.analyzer.view(uri, a.version, a.key, req);
  if (answer.miss) {
    // the analyzer no longer holds this analysis (restarted, evicted): redo it there
    const input = await ctx.analyses.inputFor(uri, doc.getText(), doc.version, doc.languageId);
    if (input.key !== a.key) return undefined;
    answer = await ctx.analyzer.view(uri, a.version, a.key, req, input);
  }
  if (answer.miss || ctx.documents.get(uri)?.version !== a.version) return undefined;
  return answer.result;
}
