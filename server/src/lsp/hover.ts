/** Hovers: table cells (row, column, the arithmetic they take part in), section headings, the title. */

import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Context } from './context';
import { safe } from './safe';
import { currentView } from './views';

export function registerHover(getCtx: () => Context): void {
  const ctx = getCtx();
  ctx.connection.onHover(
    safe<HoverParams, Hover | null>(getCtx, 'textDocument/hover', null, async (params) => {
      const uri = params.textDocument.uri;
      const result = await currentView(ctx, uri, (doc) => ({ view: 'hover', offset: doc.offsetAt(params.position) }));
      const h = (result ?? null) as Hover | null;
      if (h && !ctx.support.markdownHover && typeof h.contents === 'object' && 'kind' in h.contents) {
        return { ...h, contents: { kind: 'plaintext', value: h.contents.value.replace(/\\([\\`*_[\]<>#|~])/g, '$1').replace(/\*\*/g, '') } };
      }
      return h;
    }),
  );
}
