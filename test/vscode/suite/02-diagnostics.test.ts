/**
 * Every sample report gets exactly the findings of test/fixtures/seeds/*.expected.json, as VS Code itself
 * reports them (`vscode.languages.getDiagnostics`): rule id = diagnostic code, 1-based start (and end) line,
 * severity. Waits on `onDidChangeDiagnostics`, and on the server's status for the report without findings.
 * Messages are Chinese: run.mjs sets `govreport.language: zh` in the workspace (the editor's display language is English).
 */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { sameFindings } from '../../helpers';
import { describe, expectedFor, open, readyApi, ruleOf, seedNames, summarize, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

const CJK = /[\u4e00-\u9fff]/;

suite('diagnostics of the sample reports', () => {
  const seeds = seedNames();
  test('there are five sample reports', () => assert.strictEqual(seeds.length, 5));

  for (const seed of seeds) {
    test(`${seed}: exactly the expected findings`, async () => {
      const expected = expectedFor(seed);
      const uri = workspaceUri(seed);
      await open(uri);
      const api = await readyApi();
      // The server has checked the document (also what makes an empty expectation meaningful).
      const status = await waitFor(() => api.status(uri), `govreport/status of ${seed}`);
      assert.strictEqual(status.isReport, true, `${seed} not recognised as a report`);
      const ds = await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings').catch((e) => {
        throw new Error(`${e.message}\n${sameFindings(summarize(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'govreport')), expected).diff}`);
      });
      assert.strictEqual(ds.length, expected.length, describe(ds));
      const counts = { errors: 0, warnings: 0, infos: 0 };
      for (const d of ds) {
        const rule = ruleOf(d)!;
        assert.strictEqual(d.source, 'govreport');
        assert.ok(CJK.test(d.message), `message of ${rule} is not Chinese: ${d.message}`);
        assert.ok(typeof d.code === 'object', `${rule}: the code should link the rule's documentation`);
        const target = (d.code as { target: vscode.Uri }).target;
        // the link runs the command that shows the extension's own page (06-rule-docs.test.ts opens one)
        assert.strictEqual(target.toString(true), `command:govreport.showRuleDoc?["${rule}"]`, `${rule}: documentation link`);
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else counts.infos++;
      }
      // The status bar's numbers are those of the Problems panel.
      const latest = await waitFor(
        () => {
          const s = api.status(uri);
          return s && s.errors === counts.errors && s.warnings === counts.warnings && s.infos === counts.infos && s;
        },
        `status counts ${JSON.stringify(counts)} (now ${JSON.stringify(api.status(uri))})`,
      );
      assert.ok(latest);
    });
  }
});
