/**
 * Silencing one finding without editing the report: a quick fix on every `govreport` diagnostic that
 * appends `{ file, rule, line }` to the `govreport.suppressions` setting. The server reads the setting
 * (it is synchronised) and drops the finding.
 */

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type Suppression } from './protocol';
import type { DocumentSelector } from 'vscode-languageclient';
import { DOCUMENT_SELECTOR } from './server';

export const SUPPRESS_COMMAND = 'govreport.suppress';

export interface SuppressArgs {
  uri: string;
  rule: string;
  /** 1-based. */
  line: number;
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return String(code);
}

export class SuppressCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    // The setting names files by path: an unsaved document has none.
    if (document.uri.scheme === 'untitled') return [];
    const seen = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const rule = ruleOf(d);
      if (!rule) continue;
      const line = d.range.start.line + 1;
      const key = `${rule}@${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const action = new vscode.CodeAction(
        vscode.l10n.t('Ignore this problem in settings (this file, this line only)'),
        vscode.CodeActionKind.QuickFix,
      );
      action.diagnostics = [d];
      action.isPreferred = false;
      const args: SuppressArgs = { uri: document.uri.toString(), rule, line };
      action.command = { command: SUPPRESS_COMMAND, title: action.title, arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}

/** Where the entry goes and how its file is written: workspace-relative when the file is in the workspace. */
function placement(uri: vscode.Uri): { target: vscode.ConfigurationTarget; scope?: vscode.Uri; file: string } {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) {
    const file = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
    // Multi-root: the entry belongs to the folder (its .vscode/settings.json), relative to that folder.
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    return multiRoot
      ? { target: vscode.ConfigurationTarget.WorkspaceFolder, scope: folder.uri, file }
      : { target: vscode.ConfigurationTarget.Workspace, file };
  }
  // No folder open (or a file outside it): user settings, with the absolute path as the "glob".
  const file = (uri.scheme === 'file' ? uri.fsPath : uri.toString()).replace(/\\/g, '/');
  return { target: vscode.ConfigurationTarget.Global, file };
}

export function sameSuppression(a: Suppression, b: Suppression): boolean {
  return a.file === b.file && a.rule === b.rule && (a.line ?? null) === (b.line ?? null);
}

/** Appends the entry; returns it (or undefined when it was there already). */
export async function suppress(args: SuppressArgs): Promise<Suppression | undefined> {
  const uri = vscode.Uri.parse(args.uri);
  if (uri.scheme === 'untitled') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the report first: the setting names the file by its path.'));
    return undefined;
  }
  const { target, scope, file } = placement(uri);
  const config = vscode.workspace.getConfiguration('govreport', scope ?? uri);
  const inspected = config.inspect<Suppression[]>('suppressions');
  const existing =
    (target === vscode.ConfigurationTarget.WorkspaceFolder
      ? inspected?.workspaceFolderValue
      : target === vscode.ConfigurationTarget.Workspace
        ? inspected?.workspaceValue
        : inspected?.globalValue) ?? [];
  const entry: Suppression = { file, rule: args.rule, line: args.line };
  if (existing.some((e) => sameSuppression(e, entry))) return undefined;
  await config.update('suppressions', [...existing, entry], target);
  const where =
    target === vscode.ConfigurationTarget.Global ? vscode.l10n.t('user settings') : vscode.l10n.t('workspace settings');
  vscode.window.setStatusBarMessage(
    vscode.l10n.t('Ignoring {0} at line {1} of {2} ({3}).', entry.rule, args.line, entry.file, where),
    5000,
  );
  return entry;
}

export function registerSuppression(selector: DocumentSelector = DOCUMENT_SELECTOR): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(
      selector,
      new SuppressCodeActionProvider(),
      SuppressCodeActionProvider.metadata,
    ),
    vscode.commands.registerCommand(SUPPRESS_COMMAND, async (args: SuppressArgs) => {
      try {
        return await suppress(args);
      } catch (e) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Could not write the setting govreport.suppressions: {0}', e instanceof Error ? e.message : String(e)),
        );
        return undefined;
      }
    }),
  );
}
