#!/usr/bin/env node
// npm start: build, then check the bundled sample reports with the command-line checker.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (run(['scripts/build.mjs']) !== 0) process.exit(1);
process.exit(run(['bin/govreport-lint.js', 'test/fixtures/seeds']) > 1 ? 1 : 0);
