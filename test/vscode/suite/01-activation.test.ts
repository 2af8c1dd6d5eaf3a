/**
 * Activation: nothing at startup or for unrelated files; a report starts the language server and is checked.
 * Runs first (file name order): later suites find the server already running.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extension, open, ownDiagnostics, readyApi, waitFor, waitForDiagnostics, workspaceDir, workspaceUri } from './helpers';

const REPORT = '000_05e50274e597e28a.txt';

function writeWorkspaceFile(name: string, text: string): vscode.Uri {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

suite('activation', () => {
  let notes: vscode.Uri;

  // VS Code activates `onLanguage:plaintext` extensions at startup (the workbench creates plain-text models
  // of its own), so "does nothing" means: the extension stays light — no language server, no findings.
  test('unrelated files (JavaScript, plain text) start no language server and get no findings', async () => {
    const ext = extension();
    const js = writeWorkspaceFile('unrelated.js', 'console.log("hello");\n');
    assert.strictEqual((await open(js)).document.languageId, 'javascript');
    notes = writeWorkspaceFile('meeting-notes.txt', '会议记录\n今天讨论了明年的工作安排，共有3项。\n1. 预算\n2. 培训\n3. 其他\n');
    assert.strictEqual((await open(notes)).document.languageId, 'plaintext');
    await waitFor(() => ext.isActive, 'activation by onLanguage:plaintext');
    assert.strictEqual(ext.exports.started, false, 'the language server was started for files that cannot be reports');
    assert.deepStrictEqual(ownDiagnostics(js), []);
    assert.deepStrictEqual(ownDiagnostics(notes), []);
  });

  test('opening a sample report starts the language server and checks the report', async () => {
    const uri = workspaceUri(REPORT);
    await open(uri);
    const api = await readyApi();
    assert.ok(api.started, 'server not started');
    assert.ok(api.client, 'the API exports no language client');
    const ds = await waitForDiagnostics(uri, (d) => d.length > 0, 'the first findings');
    assert.ok(ds.length > 0);
    const status = await waitFor(() => api.status(uri), 'govreport/status of the report');
    assert.strictEqual(status.isReport, true);
  });

  test('a plain-text file that mentions 政府信息 but is no report gets a status "not a report" and no findings', async () => {
    const api = await readyApi();
    // Passes the client's cheap gate (it mentions 政府信息), so the server sees it and must judge it.
    const other = writeWorkspaceFile('学习笔记.txt', '今天学习了政府信息公开的有关规定，收获很大。\n明天继续。\n');
    await open(other);
    const status = await waitFor(() => api.status(other), 'govreport/status of the notes');
    assert.strictEqual(status.isReport, false, 'notes taken for a report');
    assert.deepStrictEqual(ownDiagnostics(other), []);
    // The first plain-text file was sent to the server when it started: also judged not a report.
    const first = await waitFor(() => api.status(notes), 'govreport/status of meeting-notes.txt');
    assert.strictEqual(first.isReport, false);
    assert.deepStrictEqual(ownDiagnostics(notes), []);
  });
});
