/** Folding ranges: sections, sub-sections and tables. */

import type { FoldingRange, FoldingRangeParams } from 'vscode-languageserver/node';
import type { Context } from './context';
import { safe } from './safe';
import { currentView } from './views';

export function registerFolding(getCtx: () => Context): void {
  const ctx = getCtx();
  ctx.connection.onFoldingRanges(
    safe<FoldingRangeParams, FoldingRange[]>(getCtx, 'textDocument/foldingRange', [], async (params) => {
      const result = (await currentView(ctx, params.textDocument.uri, () => ({ view: 'folding' }))) as FoldingRange[] | undefined;
      return result ?? [];
    }),
  );
}
