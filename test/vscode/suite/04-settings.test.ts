/** Settings read by the server: `govreport.rules` (per-rule severity / off) and `govreport.language`. */

import * as assert from 'assert';
import * as vscode from 'vscode';
import { sameFindings } from '../../helpers';
import { copyOfSeed, expectedFor, open, readyApi, ruleOf, summarize, waitForDiagnostics } from './helpers';

const SEED = '000_05e50274e597e28a.txt';
/** Seed 000 line 351 (1-based): the known typo 政复议 (for 行政复议), a warning by default. */
const TYPO_LINE = 350;

const config = () => vscode.workspace.getConfiguration('govreport');
const typo = (ds: vscode.Diagnostic[]) => ds.filter((d) => ruleOf(d) === 'typo-known' && d.range.start.line === TYPO_LINE);

suite('settings', () => {
  const expected = expectedFor(SEED);
  let uri: vscode.Uri;
  suiteSetup(async () => {
    uri = copyOfSeed(SEED, 'settings-000.txt');
    await open(uri);
    await readyApi();
  });
  teardown(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('language', 'zh', vscode.ConfigurationTarget.Workspace);
  });

  test('govreport.rules {"typo-known": "error"} makes the typo an error; "off" removes it; unset restores the warning', async () => {
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings (the typo a warning)');

    await config().update('rules', { 'typo-known': 'error' }, vscode.ConfigurationTarget.Workspace);
    const asError = expected.map((e) => (e.rule === 'typo-known' ? { ...e, severity: 'error' } : e));
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), asError).ok, 'the typo as an error, the rest unchanged');

    await config().update('rules', { 'typo-known': 'off' }, vscode.ConfigurationTarget.Workspace);
    const others = expected.filter((e) => e.rule !== 'typo-known');
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), others).ok, 'all findings but the typo');

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => sameFindings(summarize(d), expected).ok, 'the expected findings again, the typo a warning');
  });

  test('govreport.language switches the messages between Chinese and English', async () => {
    const CJK = /[\u4e00-\u9fff]/;
    const zh = await waitForDiagnostics(uri, (d) => typo(d).length === 1 && CJK.test(typo(d)[0].message), 'a Chinese message');
    const zhMessage = typo(zh)[0].message;
    await config().update('language', 'en', vscode.ConfigurationTarget.Workspace);
    const en = await waitForDiagnostics(uri, (d) => typo(d).length === 1 && typo(d)[0].message !== zhMessage, 'another message');
    const enMessage = typo(en)[0].message;
    // English text; it may quote the report's Chinese words.
    assert.match(enMessage.replace(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g, ''), /[A-Za-z]{3,}/, enMessage);
    assert.ok(enMessage.replace(/[^\u4e00-\u9fff]/g, '').length < zhMessage.replace(/[^\u4e00-\u9fff]/g, '').length, `${enMessage} vs ${zhMessage}`);
  });
});
