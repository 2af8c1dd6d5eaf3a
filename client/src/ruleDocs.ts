/**
 * The rules' pages shipped in the extension (docs/rules/<id>.md), shown as rendered Markdown. A diagnostic's rule
 * link (`codeDescription.href`, also in its hover) is the command URI `command:govreport.showRuleDoc?["<id>"]`: the
 * client names that template to the server (`initializationOptions.ruleDocs`), because only the client knows where
 * the extension's files are. The page is opened from the extension's folder with the built-in Markdown preview;
 * where no file system serves that folder's scheme (a web extension loaded over https), its bytes are read by the
 * extension host and shown through a read-only `govreport-rule:` document. Nothing is fetched from the web.
 */

import * as vscode from 'vscode';

export const SHOW_RULE_DOC = 'govreport.showRuleDoc';

/** The rule links of diagnostics: `{id}` is replaced by the rule id (ids are `[a-z0-9-]`, no escaping needed). */
export const RULE_DOCS_LINK = `command:${SHOW_RULE_DOC}?%5B%22{id}%22%5D`;

/** Read-only documents holding a page when the extension's folder has no file system (see the header). */
export const RULE_DOC_SCHEME = 'govreport-rule';

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The page of a rule in the extension's folder. */
export function ruleDocFile(extensionUri: vscode.Uri, id: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${id}.md`);
}

/** The bytes of one of the extension's files, through a file system or, for http(s) locations, the extension host. */
async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== undefined) return vscode.workspace.fs.readFile(uri);
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const r = await fetch(uri.toString(true));
    if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
    return new Uint8Array(await r.arrayBuffer());
  }
  throw new Error(`no file system for ${uri.scheme}:`);
}

/**
 * Opens a rule's page as rendered Markdown beside nothing (the active group); returns the URI shown, or undefined
 * (unknown rule, page missing: a message says so).
 */
export async function showRuleDoc(extensionUri: vscode.Uri, id: unknown): Promise<vscode.Uri | undefined> {
  if (typeof id !== 'string' || !RULE_ID.test(id)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no rule “{0}”.', String(id)));
    return undefined;
  }
  const file = ruleDocFile(extensionUri, id);
  const direct = vscode.workspace.fs.isWritableFileSystem(file.scheme) !== undefined;
  const target = direct ? file : vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${id}.md` });
  try {
    // a page that is not there: say so, rather than show an empty preview
    if (direct) await vscode.workspace.fs.stat(file);
    else await readExtensionFile(file);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the page of rule {0}: {1}', id, errorText(e)));
    return undefined;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', target);
  } catch {
    // the built-in Markdown extension is disabled: the page as text
    await vscode.window.showTextDocument(target, { preview: true });
  }
  return target;
}

export function registerRuleDocs(context: vscode.ExtensionContext): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      if (!RULE_ID.test(id)) return '';
      return new TextDecoder().decode(await readExtensionFile(ruleDocFile(context.extensionUri, id)));
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, provider),
    vscode.commands.registerCommand(SHOW_RULE_DOC, (id?: unknown) => showRuleDoc(context.extensionUri, id)),
  );
}
