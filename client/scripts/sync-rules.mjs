#!/usr/bin/env node
// Writes the rule ids of the checking core (RULE_METAS) into the manifest: the schema of the settings
// `govreport.rules` and `govreport.suppressions`, and one description per rule in package.nls*.json.
// test/unit/manifest.test.ts fails when the manifest is out of sync; then run: node client/scripts/sync-rules.mjs
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['server/src/core/index.ts'],
  bundle: true,
  platform: 'neutral',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const metas = mod.exports.RULE_METAS;
if (!Array.isArray(metas) || metas.length === 0) throw new Error('RULE_METAS not found');

const SEVERITY = {
  en: { error: 'error', warning: 'warning', info: 'information' },
  zh: { error: '错误', warning: '警告', info: '提示' },
};
const ruleKey = (id) => `rule.${id}.description`;
function ruleDescription(meta, lang) {
  return lang === 'zh'
    ? `${meta.description.zh}（默认：${SEVERITY.zh[meta.severity]}）`
    : `${meta.description.en} (default: ${SEVERITY.en[meta.severity]})`;
}

const readJson = (p) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const writeJson = (p, v) => writeFileSync(path.join(root, p), JSON.stringify(v, null, 2) + '\n');

const pkg = readJson('package.json');
const props = pkg.contributes.configuration.properties;
const ids = metas.map((m) => m.id);
const rules = props['govreport.rules'];
rules.propertyNames = { enum: ids };
rules.properties = Object.fromEntries(
  metas.map((m) => [m.id, { type: 'string', enum: ['off', 'error', 'warning', 'info'], description: `%${ruleKey(m.id)}%` }]),
);
props['govreport.suppressions'].items.properties.rule.enum = ids;
writeJson('package.json', pkg);

for (const [file, lang] of [['package.nls.json', 'en'], ['package.nls.zh-cn.json', 'zh']]) {
  const nls = readJson(file);
  // Drop descriptions of rules that no longer exist.
  for (const k of Object.keys(nls)) if (/^rule\..*\.description$/.test(k) && !ids.some((id) => k === ruleKey(id))) delete nls[k];
  for (const m of metas) nls[ruleKey(m.id)] = ruleDescription(m, lang);
  writeJson(file, nls);
}
console.log(`synced ${ids.length} rule ids into package.json and package.nls*.json`);
