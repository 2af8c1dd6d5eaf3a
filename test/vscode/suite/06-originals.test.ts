/**
 * Published originals in the real editor: `govreport.openOriginal` opens the text read from a web page as a
 * govreport document of the content provider of scheme govreport-original: (the editor shows it read-only) with the Problems panel's findings and the outline;
 * the command is in the Explorer's context menu for originals.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ROOT, ruleOf, waitForDiagnostics, workspaceDir } from './helpers';

const PAGE = path.join(ROOT, 'test', 'fixtures', 'originals', 'sh-szfbgt_2019.html');

suite('originals', () => {
  test('govreport.openOriginal opens the text of a web page, checked as a report (26 findings: 24 blank cells, a heading variant, 均获维持 against pending cases), with its outline', async () => {
    const target = path.join(workspaceDir(), '上海市政府办公厅2019年报.html');
    fs.copyFileSync(PAGE, target);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('govreport.openOriginal', { uri: vscode.Uri.file(target) });
    assert.ok(doc, 'the command returned no document');
    assert.strictEqual(doc.uri.scheme, 'govreport-original');
    assert.strictEqual(doc.uri.query, 'file');
    assert.strictEqual(doc.languageId, 'govreport');
    assert.strictEqual(doc.lineAt(0).text, '2019年上海市人民政府办公厅政府信息公开工作年度报告');
    assert.ok(doc.getText().includes('（七）总计\t767\t35\t\t\t2\t1\t805'), 'T3 read cell by cell');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length === 26, '26 findings of the page');
    assert.strictEqual(ds.filter((d) => ruleOf(d) === 'table-blank-cell').length, 24);
    assert.ok(ds.some((d) => ruleOf(d) === 'section-heading-variant'));
    assert.ok(ds.some((d) => ruleOf(d) === 'narrative-table-mismatch'));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok((symbols ?? []).length >= 6, 'the six sections in the outline');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(target, { force: true });
  });

  test('the command is contributed to the Explorer context menu for originals', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const item = pkg.contributes.menus['explorer/context'].find((i: { command: string }) => i.command === 'govreport.openOriginal');
    assert.ok(item && /pdf\|docx\|doc\|wps\|html\|htm\|shtml/.test(item.when));
  });
});
