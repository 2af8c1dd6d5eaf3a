/**
 * The rule link of a diagnostic (Problems panel, hover) opens the rule's page from the extension's own files, as
 * rendered Markdown, without the network: the link is the command URI the client asked the server for; activating
 * it (as the editor's opener does: the command with the URI's JSON arguments) shows docs/rules/<id>.md of the
 * extension's folder in the Markdown preview.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, open, readyApi, ROOT, ruleOf, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

const SEED = '000_05e50274e597e28a.txt';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

suite('rule pages', () => {
  test('activating the rule link of a diagnostic shows the rule page from the extension folder as rendered Markdown', async () => {
    const uri = workspaceUri(SEED);
    await open(uri);
    await readyApi();
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleOf(d) === 'table3-row-total'), 'the wrong total of seed 000');
    const d = ds.find((x) => ruleOf(x) === 'table3-row-total')!;
    const link = (d.code as { value: string; target: vscode.Uri }).target;
    assert.strictEqual(link.scheme, 'command');
    assert.strictEqual(link.path, 'govreport.showRuleDoc');
    const args: unknown[] = JSON.parse(link.query);
    assert.deepStrictEqual(args, ['table3-row-total']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepStrictEqual(previewTabs(), []);

    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>(link.path, ...args);
    assert.ok(shown, 'the command showed no page');
    // the page is the extension's own file (not a web address), the same as the repository's
    const ext = extension();
    assert.strictEqual(shown.scheme, 'file');
    assert.strictEqual(path.relative(ext.extensionPath, shown.fsPath).split(path.sep).join('/'), 'docs/rules/table3-row-total.md');
    assert.ok(fs.readFileSync(shown.fsPath).equals(fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'table3-row-total.md'))));
    // … in the Markdown preview
    const tab = await waitFor(() => previewTabs().find((t) => t.label.includes('table3-row-total')), 'a Markdown preview of table3-row-total.md');
    assert.ok(tab.isActive, 'the preview is the active tab');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an unknown rule id shows no page', async () => {
    const before = previewTabs().length;
    const shown = await vscode.commands.executeCommand<vscode.Uri | undefined>('govreport.showRuleDoc', '../../package');
    assert.strictEqual(shown, undefined);
    const missing = await vscode.commands.executeCommand<vscode.Uri | undefined>('govreport.showRuleDoc', 'no-such-rule');
    assert.strictEqual(missing, undefined);
    assert.strictEqual(previewTabs().length, before);
  });
});
