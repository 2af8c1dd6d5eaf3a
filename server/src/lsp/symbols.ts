/** Document symbols: sections → sub-sections → tables → rows (Outline view and breadcrumbs). */

import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver';
import type { Context } from './context';
import { safe } from './safe';
import { currentView } from './views';

function flatten(uri: string, symbols: readonly DocumentSymbol[], container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(container ? { containerName: container } : {}) });
    if (s.children?.length) flatten(uri, s.children, s.name, out);
  }
  return out;
}

export function registerSymbols(getCtx: () => Context): void {
  const ctx = getCtx();
  ctx.connection.onDocumentSymbol(
    safe<DocumentSymbolParams, DocumentSymbol[] | SymbolInformation[]>(getCtx, 'textDocument/documentSymbol', [], async (params, token) => {
      const uri = params.textDocument.uri;
      const result = (await currentView(ctx, uri, () => ({ view: 'symbols' }), token)) as DocumentSymbol[] | undefined;
      if (!result) return [];
      return ctx.support.hierarchicalSymbols ? result : flatten(uri, result);
    }),
  );
}
