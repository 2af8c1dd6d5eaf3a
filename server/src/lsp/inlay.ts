/** Inlay hints: the computed value beside a wrong total (`govreport.inlayHints.enabled`). */

import type { InlayHint, InlayHintParams, Position } from 'vscode-languageserver';
import type { Context } from './context';
import { safe } from './safe';
import { currentView } from './views';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function registerInlay(getCtx: () => Context): void {
  const ctx = getCtx();
  ctx.connection.languages.inlayHint.on(
    safe<InlayHintParams, InlayHint[]>(getCtx, 'textDocument/inlayHint', [], async (params, token) => {
      const uri = params.textDocument.uri;
      const s = await ctx.settings.get(uri);
      if (!s.inlayHints.enabled) return [];
      const hints = (await currentView(ctx, uri, () => ({ view: 'inlay' }), token)) as InlayHint[] | undefined;
      if (!hints) return [];
      return hints.filter((h) => before(params.range.start, h.position) && before(h.position, params.range.end));
    }),
  );
}
