/**
 * The pieces of a self-contained HTML page both the command line's HTML report and the editor's table preview
 * write (pure: no Node or `vscode` imports): escaping, a Content-Security-Policy that allows nothing but what it
 * names, and the page's head.
 */

/** Text for an HTML text node or a quoted attribute value. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A Content-Security-Policy: `default-src 'none'`, then the directives given, in order. */
export function contentSecurityPolicy(directives: Readonly<Record<string, string>>): string {
  return ["default-src 'none'", ...Object.entries(directives).map(([k, v]) => `${k} ${v}`)].join('; ');
}

export interface PageHead {
  /** The `lang` of the page (`zh-CN`, `en` …). */
  readonly lang: string;
  /** The Content-Security-Policy (see `contentSecurityPolicy`). */
  readonly csp: string;
  readonly title: string;
  /** The page's one style sheet, inline. */
  readonly css: string;
  /** The nonce the policy allows the style by (else the policy names it by hash). */
  readonly nonce?: string;
  /** More `<meta>` elements (HTML, written as given). */
  readonly meta?: string;
}

/** `<!DOCTYPE html>` up to and with `</head>`: charset, the policy, the viewport, the title and the style. */
export function pageHead(o: PageHead): string {
  return `<!DOCTYPE html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${o.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.meta ? `${o.meta}\n` : ''}<title>${esc(o.title)}</title>
<style${o.nonce ? ` nonce="${esc(o.nonce)}"` : ''}>${o.css}</style>
</head>
`;
}
