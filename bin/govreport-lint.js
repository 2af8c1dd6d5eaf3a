#!/usr/bin/env node
'use strict';
// Launcher of the `govreport-lint` command. The implementation is bundled from server/src/cli/ by
// `npm run build` into server/out/cli.js.
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'server', 'out', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'govreport-lint: 找不到 server/out/cli.js，请先运行 npm run build。\n' +
      'govreport-lint: server/out/cli.js is missing; run npm run build first.\n',
  );
  process.exitCode = 2;
} else {
  require(bundle).run(process.argv.slice(2));
}
