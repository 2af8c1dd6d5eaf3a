/** The commands, driven with their arguments (no prompts): new report skeleton, export of the tables. */

import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { open, readyApi, ruleOf, waitFor, workspaceUri } from './helpers';

const SEED = '000_05e50274e597e28a.txt';
const SECTIONS = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '行政复议', '存在的主要问题及改进情况', '其他需要报告的事项'];

/** The fields of one CSV line (RFC 4180 quoting). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

suite('commands', () => {
  test('govreport.newReport opens a 2021-format skeleton with the agency and year, checked as a report', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('govreport.newReport', { agency: '测试县卫生健康局', year: 2023 });
    assert.ok(doc, 'the command returned no document');
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc, 'the skeleton is not the active editor');
    assert.strictEqual(doc.languageId, 'govreport');
    const text = doc.getText();
    assert.ok(text.includes('测试县卫生健康局'), 'agency missing');
    assert.ok(text.includes('2023'), 'year missing');
    let at = -1;
    for (const s of SECTIONS) {
      const i = text.indexOf(s, at + 1);
      assert.ok(i > at, `section ${s} missing or out of order`);
      at = i;
    }
    // The server sees it as a report, with no structural finding (sections, headings, tables present).
    const api = await readyApi();
    const status = await waitFor(() => api.status(doc.uri), 'govreport/status of the skeleton');
    assert.strictEqual(status.isReport, true);
    const structural = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => /^(section-|table-missing|table-row-missing|report-year)/.test(ruleOf(d) ?? ''));
    assert.deepStrictEqual(structural.map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const format of ['csv', 'json'] as const) {
    test(`govreport.exportTables writes the tables of seed 000 as ${format}`, async () => {
      const uri = workspaceUri(SEED);
      await open(uri);
      await readyApi();
      const target = workspaceUri(`export-000.${format}`);
      const written = await vscode.commands.executeCommand<vscode.Uri>('govreport.exportTables', { uri, format, target });
      assert.ok(written, 'the command returned no file');
      assert.strictEqual(written.fsPath, target.fsPath);
      const content = fs.readFileSync(target.fsPath, 'utf8');
      // Table 3, row （一）予以公开 of seed 000: six applicant cells 0 on lines 102-107, the (wrong) total 2 on line 108.
      const want = { c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, c6: 0, c7: 2 };
      const got: Record<string, number> = {};
      const lines: Record<string, number> = {};
      if (format === 'csv') {
        assert.ok(content.startsWith('\uFEFF'), 'a CSV for spreadsheets starts with a BOM');
        const [header, ...rows] = content.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean).map(csvFields);
        const col = (name: string) => {
          const i = header.indexOf(name);
          assert.ok(i >= 0, `CSV column ${name} missing: ${header.join(',')}`);
          return i;
        };
        for (const r of rows) {
          if (r[col('table')] !== 'T3' || r[col('row_label')] !== '（一）予以公开') continue;
          got[r[col('column')]] = Number(r[col('value')]);
          lines[r[col('column')]] = Number(r[col('line')]);
        }
      } else {
        const json = JSON.parse(content);
        const t3 = json.reports[0].tables.find((t: { table: string }) => t.table === 'T3');
        assert.ok(t3, 'no table T3 in the JSON export');
        const row = t3.rows.find((r: { label: string }) => r.label === '（一）予以公开');
        assert.ok(row, 'no row （一）予以公开 in T3');
        for (const c of row.cells) {
          got[c.column] = c.value;
          lines[c.column] = c.line;
        }
      }
      assert.deepStrictEqual(got, want);
      assert.deepStrictEqual(Object.values(lines), [102, 103, 104, 105, 106, 107, 108]);
    });
  }
});
