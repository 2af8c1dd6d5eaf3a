/**
 * Language features as VS Code computes them from the server: hover on a wrong total, the quick fix of a
 * finding (applied through its WorkspaceEdit), the outline (document symbols).
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { lintText, sameFindings } from '../../helpers';
import { type Api, copyOfSeed, expectedFor, hoverText, open, readyApi, ruleOf, setText, summarize, WAIT_MS, waitForDiagnostics } from './helpers';

const SEED = '000_05e50274e597e28a.txt';
/** Seed 000, table 3, row 予以公开: the total (line 108, 1-based) says 2, its six applicant cells are 0. */
const TOTAL_LINE = 108;

/** `… = 7` (the result of a formula): not followed by another digit or an operator (`= 0 + 0` is no result). */
function resultIs(n: number): RegExp {
  return new RegExp(`=\\s*${n}(?!\\d|\\s*[+\\-−×*/])`);
}

function numbersIn(text: string): number[] {
  return (text.match(/\d+/g) ?? []).map(Number);
}

/** The six applicant cells of the row whose total is on `totalLine` (0-based lines of the cells above it). */
function applicantCells(doc: vscode.TextDocument, totalLine: number): number[] {
  const lines: number[] = [];
  for (let l = totalLine - 1; l >= 0 && lines.length < 6; l--) {
    if (/^\s*\d+\s*$/.test(doc.lineAt(l).text)) lines.unshift(l);
    else break;
  }
  assert.strictEqual(lines.length, 6, 'the six applicant cells above the total');
  return lines;
}

/** The next govreport/status notification for `uri` (the server has re-checked the document). */
function nextStatus(api: Api, uri: vscode.Uri): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('no govreport/status after the edit'));
    }, WAIT_MS);
    const sub = api.onDidReceiveStatus((s) => {
      if (vscode.Uri.parse(s.uri).toString() === uri.toString()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return hoverText(hovers);
}

suite('language features', () => {
  test('hover on the wrong total of seed 000 shows the computed value', async () => {
    const uri = copyOfSeed(SEED, 'hover-000.txt');
    const editor = await open(uri);
    const api = await readyApi();
    const doc = editor.document;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'table3-row-total'), 'table3-row-total');
    const diag = ds.find((x) => ruleOf(x) === 'table3-row-total')!;
    assert.strictEqual(diag.range.start.line + 1, TOTAL_LINE);
    const totalLine = TOTAL_LINE - 1;
    const cells = applicantCells(doc, totalLine);
    const stated = Number(doc.lineAt(totalLine).text.trim());
    const computed = cells.reduce((s, l) => s + Number(doc.lineAt(l).text.trim()), 0);
    assert.notStrictEqual(stated, computed);

    const text = await hoverAt(uri, diag.range.start);
    assert.ok(text.length > 0, 'no hover on the wrong total');
    assert.match(text, resultIs(computed), `the hover does not show the computed value ${computed}`);
    assert.ok(numbersIn(text).includes(stated), `the hover does not show the stated total ${stated}:\n${text}`);

    // Make the sum distinctive: two cells 3 and 4 give 7, a number that appears nowhere else in the row, and
    // check the hover follows the edit once the server has re-checked the new version (govreport/status).
    const checked = nextStatus(api, uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(cells[0]).range, '3');
    edit.replace(uri, doc.lineAt(cells[1]).range, '4');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await checked;
    const after = await hoverAt(uri, new vscode.Position(totalLine, doc.lineAt(totalLine).firstNonWhitespaceCharacterIndex));
    assert.match(after, resultIs(computed + 7), `after the edit the hover does not show the sum ${computed + 7}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the quick fix of section-numeral-lookalike (seed 000, line 2) repairs the heading and clears the finding', async () => {
    const uri = copyOfSeed(SEED, 'fix-000.txt');
    const editor = await open(uri);
    await readyApi();
    const expected = expectedFor(SEED);
    const ds = await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings');
    const diag = ds.find((d) => ruleOf(d) === 'section-numeral-lookalike' && d.range.start.line === 1);
    assert.ok(diag, 'no section-numeral-lookalike finding on line 2');
    const original = editor.document.getText();

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
      10,
    );
    // The fix the checking core computes for this finding (its title is what the user picks).
    const coreFix = lintText(original).findings.find((f) => f.ruleId === 'section-numeral-lookalike')!.fixes.find((f) => f.preferred)!;
    const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => !(typeof a.command === 'string'));
    const fix = fixes.find((a) => a.title === coreFix.title.zh);
    assert.ok(fix, `no quick fix "${coreFix.title.zh}"; actions: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.ok(fix.edit, 'the quick fix carries no WorkspaceEdit');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
    assert.strictEqual(fix.isPreferred, true, 'the safe fix should be the preferred one (Ctrl+. Enter, fix-all)');

    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the WorkspaceEdit was not applied');
    const line2 = editor.document.lineAt(1).text;
    assert.match(line2, /^\s*一、总体情况/, `line 2 after the fix: ${line2}`);
    const rest = expected.filter((e) => !(e.rule === 'section-numeral-lookalike' && e.line === 2));
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), rest).ok, 'the findings without the fixed one');
    // Nothing else changed: the fix replaced one character.
    const after = editor.document.getText();
    assert.strictEqual(after.length, original.length);
    assert.strictEqual(after.replace('一、总体情况', '—、总体情况'), original);
    await setText(editor.document, original);
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the finding back after the undo');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('document symbols: the six sections of seed 000, at their headings', async () => {
    const uri = copyOfSeed(SEED, 'outline-000.txt');
    const editor = await open(uri);
    await readyApi();
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.ok(symbols && symbols.length > 0, 'no document symbols');
    const top = symbols.map((s) => ({
      name: s.name,
      line: 'range' in s ? s.range.start.line : s.location.range.start.line,
    }));
    const keys = ['总体情况', '主动公开', '收到和处理', '行政复议', '存在的主要问题', '其他需要报告'];
    assert.strictEqual(top.length, 6, `top-level symbols: ${JSON.stringify(top)}`);
    top.forEach((s, i) => {
      assert.ok(s.name.includes(keys[i]), `section ${i + 1} is named ${s.name}`);
      assert.ok(editor.document.lineAt(s.line).text.includes(keys[i]), `section ${i + 1} starts on line ${s.line + 1}: ${editor.document.lineAt(s.line).text}`);
    });
    assert.deepStrictEqual(
      top.map((s) => s.line + 1),
      [2, 16, 63, 350, 403, 405],
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
