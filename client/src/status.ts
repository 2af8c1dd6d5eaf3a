/**
 * The status bar item of the active report: format, year, error/warning counts (from `govreport/status`).
 * Click: Problems panel. Hidden when the active editor is not a report.
 * Also maintains the context key `govreport.activeEditorIsReport` used by menus.
 */

import * as vscode from 'vscode';
import { LANGUAGE_ID, type CheckStopped, type StatusParams } from './protocol';
import type { ServerController } from './server';

export const CONTEXT_ACTIVE_IS_REPORT = 'govreport.activeEditorIsReport';

export function formatLabel(format: StatusParams['format']): string {
  if (format === 'F2021') return vscode.l10n.t('2021 format');
  if (format === 'F2019') return vscode.l10n.t('2019 format');
  return vscode.l10n.t('format unknown');
}

export class ReportStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /** Last status per document (editor URI string). */
  private readonly statuses = new Map<string, StatusParams>();
  private readonly disposables: vscode.Disposable[] = [];
  private activeIsReport: boolean | undefined;

  constructor(server: ServerController) {
    this.item = vscode.window.createStatusBarItem('govreport.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('GovReport annual report status');
    this.item.command = { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show Problems') };
    this.disposables.push(
      this.item,
      server.onStatus((p) => {
        this.statuses.set(server.toCodeUri(p.uri), p);
        this.refresh();
      }),
      server.onWillStart(() => {
        // The (re)started server sends the status of every open document again; the old ones are stale.
        // Cleared before the start, so that statuses sent while it initialises are kept.
        this.statuses.clear();
        this.refresh();
      }),
      server.onDidGiveUp(() => {
        // the server ended and is not restarted: its counts are no longer the Problems panel's
        this.statuses.clear();
        this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.statuses.delete(d.uri.toString())) this.refresh();
      }),
    );
    this.refresh();
  }

  /** The last status the server sent for a document. */
  get(uri: vscode.Uri): StatusParams | undefined {
    return this.statuses.get(uri.toString());
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc ? this.statuses.get(doc.uri.toString()) : undefined;
    const isReport = !!status?.isReport || doc?.languageId === LANGUAGE_ID;
    if (isReport !== this.activeIsReport) {
      this.activeIsReport = isReport;
      void vscode.commands.executeCommand('setContext', CONTEXT_ACTIVE_IS_REPORT, isReport);
    }
    if (status?.stopped) {
      this.showStopped(status.stopped);
      return;
    }
    if (!status || !status.isReport) {
      this.item.hide();
      return;
    }
    this.item.backgroundColor = undefined;
    const parts = [formatLabel(status.format)];
    if (status.year !== undefined) parts.push(vscode.l10n.t('{0} report', status.year));
    this.item.text = `$(checklist) ${parts.join(' ')}  $(error) ${status.errors} $(warning) ${status.warnings}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Government information disclosure annual report')}**\n\n`);
    tooltip.appendMarkdown(
      `${vscode.l10n.t('Format: {0}', formatLabel(status.format))}  \n` +
        `${vscode.l10n.t('Year: {0}', status.year ?? vscode.l10n.t('not found'))}  \n` +
        `${vscode.l10n.t('{0} errors, {1} warnings, {2} infos', status.errors, status.warnings, status.infos)}  \n` +
        `${status.previousYear ? vscode.l10n.t('Compared with the previous year in: {0}', status.previousYear.name) : vscode.l10n.t('No previous-year report found for the cross-year checks')}\n\n`,
    );
    tooltip.appendMarkdown(vscode.l10n.t('Click to open the Problems panel.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: vscode.l10n.t(
        'Annual report, {0}, {1} errors, {2} warnings',
        parts.join(' '),
        status.errors,
        status.warnings,
      ),
    };
    this.item.show();
  }

  /**
   * The check of the active document was stopped (time budget): the Problems panel holds only the server's note,
   * so the status bar must not look like a clean report. Warning colours until a later check completes.
   */
  private showStopped(stopped: CheckStopped): void {
    this.item.text = `$(warning) ${vscode.l10n.t('Check stopped after {0} s', stopped.seconds)}`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Government information disclosure annual report')}**\n\n`);
    tooltip.appendMarkdown(
      `${vscode.l10n.t('The check of this document took longer than {0} s and was stopped: its problems are not listed.', stopped.seconds)}  \n` +
        `${vscode.l10n.t('It is checked again after the next edit; a very large document can be split into one report per file.')}\n\n`,
    );
    tooltip.appendMarkdown(vscode.l10n.t('Click to open the Problems panel.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: vscode.l10n.t('Annual report check stopped after {0} s', stopped.seconds) };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
