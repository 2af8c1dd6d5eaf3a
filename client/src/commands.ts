/**
 * The extension's commands. Each one takes optional arguments that skip its prompts, so the real-editor
 * tests (and other extensions) can drive it, and returns what it produced.
 */

import * as vscode from 'vscode';
import {
  FIX_ALL_KIND,
  LANGUAGE_ID,
  Method,
  type CheckWorkspaceResult,
  type ExportFormat,
  type ExportTablesParams,
  type ExportTablesResult,
  type SkeletonParams,
  type SkeletonResult,
} from './protocol';
import type { ServerController } from './server';

export const Command = {
  newReport: 'govreport.newReport',
  exportTables: 'govreport.exportTables',
  checkWorkspace: 'govreport.checkWorkspace',
  fixAll: 'govreport.fixAll',
  restartServer: 'govreport.restartServer',
} as const;

export interface NewReportArgs {
  agency?: string;
  year?: number;
}

export interface ExportTablesArgs {
  /** The report (default: the active editor's document). */
  uri?: vscode.Uri | string;
  format?: ExportFormat;
  /** Where to write (default: ask with a save dialog next to the report). */
  target?: vscode.Uri | string;
}

export interface FixAllArgs {
  uri?: vscode.Uri | string;
}

const toUri = (u: vscode.Uri | string): vscode.Uri => (typeof u === 'string' ? vscode.Uri.parse(u) : u);

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The report a command works on: given, else the active editor's document. */
async function reportDocument(uri: vscode.Uri | string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(toUri(uri));
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report first.'));
  return doc;
}

/** The previous calendar year: the year annual reports are usually written about. */
export function defaultReportYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

async function newReport(server: ServerController, args?: NewReportArgs): Promise<vscode.TextDocument | undefined> {
  let agency = args?.agency;
  let year = args?.year;
  if (!args) {
    const a = await vscode.window.showInputBox({
      title: vscode.l10n.t('New annual report (1/2)'),
      prompt: vscode.l10n.t('Name of the agency (optional)'),
      placeHolder: vscode.l10n.t('e.g. XX County Health Commission'),
      ignoreFocusOut: true,
    });
    if (a === undefined) return undefined;
    const y = await vscode.window.showInputBox({
      title: vscode.l10n.t('New annual report (2/2)'),
      prompt: vscode.l10n.t('Year the report is about (optional)'),
      value: String(defaultReportYear()),
      ignoreFocusOut: true,
      validateInput: (v) =>
        v.trim() === '' || /^(19|20)\d\d$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter a four-digit year, e.g. {0}.', defaultReportYear()),
    });
    if (y === undefined) return undefined;
    agency = a.trim() || undefined;
    year = y.trim() ? Number(y.trim()) : undefined;
  }
  const params: SkeletonParams = { ...(agency ? { agency } : {}), ...(year !== undefined ? { year } : {}) };
  let result: SkeletonResult;
  try {
    const client = await server.ensureStarted();
    result = await client.sendRequest<SkeletonResult>(Method.skeleton, params);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the report skeleton: {0}', errorText(e)));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The file name proposed for the export: next to the report, `<name>.tables.<ext>`. */
function defaultExportUri(doc: vscode.TextDocument, format: ExportFormat): vscode.Uri | undefined {
  if (doc.uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, `report.tables.${format}`) : undefined;
  }
  const base = doc.uri.path.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
  return vscode.Uri.joinPath(doc.uri, '..', `${base}.tables.${format}`);
}

async function exportTables(server: ServerController, args?: ExportTablesArgs): Promise<vscode.Uri | undefined> {
  const doc = await reportDocument(args?.uri);
  if (!doc) return undefined;
  let format = args?.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: vscode.l10n.t('one table after the other, for spreadsheets'), format: 'csv' as const },
        { label: 'JSON', description: vscode.l10n.t('the tables with row and column labels'), format: 'json' as const },
      ],
      { title: vscode.l10n.t('Export the report tables as'), ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  let content: string;
  try {
    const client = await server.ensureStarted();
    const params: ExportTablesParams = { uri: server.toProtocolUri(doc.uri), format };
    content = (await client.sendRequest<ExportTablesResult>(Method.exportTables, params)).content;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the tables: {0}', errorText(e)));
    return undefined;
  }
  let target = args?.target ? toUri(args.target) : undefined;
  if (!target) {
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the exported tables'),
      defaultUri: defaultExportUri(doc, format),
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!target) return undefined;
  }
  // Spreadsheet programs (Excel, WPS) read a CSV as UTF-8 only when it starts with a byte-order mark.
  const text = format === 'csv' && !content.startsWith('\uFEFF') ? '\uFEFF' + content : content;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (!args?.target) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Tables exported to {0}.', vscode.workspace.asRelativePath(target)), open).then((c) => {
      if (c === open) void vscode.window.showTextDocument(target);
    });
  }
  return target;
}

async function checkWorkspace(server: ServerController): Promise<CheckWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to check all reports in it.'));
    return undefined;
  }
  let result: CheckWorkspaceResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the annual reports in the workspace…'), cancellable: true },
      async (_progress, token) => {
        const client = await server.ensureStarted();
        return client.sendRequest<CheckWorkspaceResult>(Method.checkWorkspace, {}, token);
      },
    );
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not check the workspace: {0}', errorText(e)));
    return undefined;
  }
  const show = vscode.l10n.t('Show Problems');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Checked {0} files: {1} reports, {2} errors, {3} warnings.',
        result.files,
        result.reports,
        result.errors,
        result.warnings,
      ),
      show,
    )
    .then((c) => {
      if (c === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  return result;
}

/** Applies the server's `source.fixAll.govreport` action; returns how many actions were applied. */
async function fixAll(server: ServerController, args?: FixAllArgs): Promise<number> {
  const doc = await reportDocument(args?.uri);
  if (!doc) return 0;
  await server.ensureStarted();
  const whole = new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
      // Resolve lazily computed edits.
      10,
    )) ?? [];
  let applied = 0;
  for (const a of actions) {
    if (!('kind' in a) || !a.kind || !(a.kind.value === FIX_ALL_KIND || a.kind.value.startsWith(FIX_ALL_KIND + '.'))) continue;
    if (a.edit && !(await vscode.workspace.applyEdit(a.edit))) continue;
    if (a.command) await vscode.commands.executeCommand(a.command.command, ...((a.command.arguments ?? []) as unknown[]));
    if (a.edit || a.command) applied++;
  }
  if (applied === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No problems that can be fixed automatically.'));
  return applied;
}

async function restartServer(server: ServerController): Promise<boolean> {
  try {
    await server.restart();
    vscode.window.setStatusBarMessage(vscode.l10n.t('GovReport language server restarted.'), 3000);
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not start the GovReport language server: {0}', errorText(e)));
    return false;
  }
}

export function registerCommands(server: ServerController): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Command.newReport, (args?: NewReportArgs) => newReport(server, args)),
    vscode.commands.registerCommand(Command.exportTables, (args?: ExportTablesArgs) =>
      exportTables(server, args instanceof vscode.Uri ? { uri: args } : args),
    ),
    vscode.commands.registerCommand(Command.checkWorkspace, () => checkWorkspace(server)),
    vscode.commands.registerCommand(Command.fixAll, (args?: FixAllArgs) =>
      fixAll(server, args instanceof vscode.Uri ? { uri: args } : args),
    ),
    vscode.commands.registerCommand(Command.restartServer, () => restartServer(server)),
  );
}
