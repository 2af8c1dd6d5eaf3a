/**
 * `govreport/status` when the time budget stops a check: the notification says the check was stopped (and after
 * how long), so the client's status bar can say it too; the next check that completes clears it.
 * The budget is the server's own option (`ServerOptions.budgetMs`, what the analyzer is built with), set small,
 * and the document is large enough to run over it; no code path exists for the test.
 */

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture, seedNames } from '../helpers';
import { TestClient, docUri } from './harness';

const SEED0 = seedNames()[0];

describe('status of a check stopped by the time budget', () => {
  test('the status carries `stopped` with the budget; a later completed check of the document clears it', async () => {
    // the budget must leave room for a small report's check plus a worker restart on a loaded 2-core machine
    const budgetMs = 1500;
    const client = await TestClient.start({ locale: 'zh-cn', server: { budgetMs } });
    try {
      const seed = readFixture('seeds', SEED0);
      const reports = Math.ceil((12 * 1024 * 1024) / (seed.length * 3));
      const huge = Array(reports).fill(seed).join('\n');
      const uri = docUri('stopped-status.txt');
      await client.open(uri, huge);
      const stopped = await client.waitFor(() => client.statuses.find((s) => s.uri === uri), 'status of the stopped check', 30_000);
      assert.deepEqual(stopped.stopped, { reason: 'timeout', seconds: Math.round(budgetMs / 1000) });
      // the one information on the document says the same, and the counts are that note's, not the report's
      const ds = await client.diagnosticsFor(uri, 1, 20_000);
      assert.equal(ds.length, 1);
      assert.match(ds[0].message, /检查超过2秒/);
      assert.deepEqual({ errors: stopped.errors, warnings: stopped.warnings, infos: stopped.infos }, { errors: 0, warnings: 0, infos: 1 });

      // a later version that is checked to the end: its status has no `stopped`
      const before = client.statuses.length;
      await client.change(uri, 2, [{ text: seed }]);
      const done = await client.statusFor(uri, before);
      assert.equal(done.stopped, undefined, JSON.stringify(done));
      assert.equal(done.isReport, true);
      assert.equal((await client.diagnosticsFor(uri, 2, 20_000)).length, 8);
      assert.equal(done.errors + done.warnings + done.infos, 8);
      // and every status of the stopped version said so, every later one does not
      assert.ok(client.statuses.slice(0, before).filter((s) => s.uri === uri).every((s) => s.stopped));
    } finally {
      await client.stop();
    }
  });
});
