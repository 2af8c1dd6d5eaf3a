/** Folding ranges: sections, sub-sections and tables. */

import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver';
import type { Context } from './context';
import { safe } from './safe';
import { currentView } from './views';

export function registerFolding(getCtx: () => Context): void {
  const ctx = getCtx();
  ctx.connection.onFoldingRanges(
    safe<FoldingRangeParams, FoldingRange[]>(getCtx, 'textDocument/foldingRange', [], async (params, token) => {
      const result = (await currentView(ctx, params.textDocument.uri, () => ({ view: 'folding' }), token)) as FoldingRange[] | undefined;
      return result ?? [];
    }),
  );
}
