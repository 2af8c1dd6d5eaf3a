/**
 * Where the rules' pages (docs/rules/<id>.md) are on this machine, for the Node hosts (the command line and the
 * Node language server): the package's root is found upwards from the running script — server/out/cli.js and
 * server/out/server.js (bundles), out/server/src/... (tsc output) — as the folder with govreport-lint's
 * package.json and a docs/rules folder. Undefined when the pages are not installed (then no link is given rather
 * than one that points nowhere).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_DOCS_DIR } from './core/rule';

export function ruleDocsDir(from: string = __dirname): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const docs = path.join(dir, ...RULE_DOCS_DIR.split('/'));
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'govreport-lint' && fs.statSync(docs).isDirectory()) return docs;
    } catch {
      // not here
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** The local file of a rule's page in `dir` (from `ruleDocsDir`), if it exists. */
export function ruleDocFile(ruleId: string, dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  const file = path.join(dir, `${ruleId}.md`);
  return fs.existsSync(file) ? file : undefined;
}

/** `file:///…/docs/rules/{id}.md`, the link template of the installed pages (see core `ruleDocsLink`). */
export function ruleDocsFileTemplate(): string | undefined {
  const dir = ruleDocsDir();
  return dir ? `${pathToFileURL(dir).href}/{id}.md` : undefined;
}
