#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify') || process.env.GOVREPORT_MINIFY === '1';

/** [entry, outfile, platform, extra options] */
const targets = [
  ['client/src/extension.ts', 'client/out/extension.js', 'node', { external: ['vscode'] }],
  ['server/src/server.ts', 'server/out/server.js', 'node', {}],
  ['server/src/cli/main.ts', 'server/out/cli.js', 'node', {}],
  ['server/src/cli/worker.ts', 'server/out/cli-worker.js', 'node', {}],
  ['client/src/browser/extension.ts', 'client/out/browser/extension.js', 'browser', { external: ['vscode'], format: 'cjs' }],
  ['server/src/browser/server.ts', 'server/out/browser/server.js', 'browser', { format: 'iife' }],
  // the table preview's webview script (runs in the webview's frame, desktop and browser alike)
  ['client/webview/main.ts', 'client/out/webview/preview.js', 'browser', { format: 'iife' }],
];

/**
 * The readers of originals (server/src/readers/{pdf,docx,html}.ts) and their libraries load only when an original
 * is read. In the Node bundles the dispatch's `import('./pdf')` etc. become imports of separate files beside the
 * bundle (server/out/readers/*.js, built below as entries of their own and shipped in the VSIX), so starting the
 * server or the CLI never parses them. The browser worker (a classic worker, which cannot load chunks) bundles
 * them in.
 */
const READERS = ['pdf', 'docx', 'html'];
const lazyReaders = {
  name: 'lazy-readers',
  setup(build) {
    build.onResolve({ filter: /^\.\/(pdf|docx|html)$/ }, (args) => {
      if (!/[\\/]server[\\/]src[\\/]readers[\\/]index\.ts$/.test(args.importer) || args.kind !== 'dynamic-import') return undefined;
      return { path: `./readers/${args.path.slice(2)}.js`, external: true };
    });
  },
};
for (const r of READERS) targets.push([`server/src/readers/${r}.ts`, `server/out/readers/${r}.js`, 'node', {}]);
const LAZY = new Set(['server/out/server.js', 'server/out/cli.js', 'server/out/cli-worker.js']);

const builds = [];
for (const [entry, outfile, platform, extra] of targets) {
  if (!existsSync(path.join(root, entry))) continue;
  const options = {
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform,
    format: extra.format ?? 'cjs',
    target: platform === 'node' ? 'node20' : 'es2022',
    sourcemap: !minify,
    minify,
    external: extra.external ?? [],
    logLevel: 'warning',
    legalComments: 'none',
    plugins: LAZY.has(outfile) ? [lazyReaders] : [],
  };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
    builds.push(ctx);
  } else {
    builds.push(esbuild.build(options).then(() => console.log(`built ${outfile}`)));
  }
}
if (!watch) await Promise.all(builds);
else console.log('watching…');
copyPdfjs();

/**
 * The PDF reader (server/src/readers/pdf.ts) loads pdf.js at run time with import(), from `pdfjs/` next to the
 * bundle that runs it: copy there only what reading text needs — the minified legacy build (main + in-thread
 * worker), the packed CMaps of Chinese (Adobe-GB1) fonts, and the licence. No standard fonts, no wasm, no
 * sandbox, no viewer.
 */
function copyPdfjs() {
  if (!existsSync(path.join(root, 'server/src/readers/pdf.ts'))) return;
  let pkg;
  try {
    pkg = path.dirname(createRequire(path.join(root, 'server/package.json')).resolve('pdfjs-dist/package.json'));
  } catch {
    console.warn('pdfjs-dist is not installed: the bundles will not read PDF files');
    return;
  }
  const dest = path.join(root, 'server/out/pdfjs');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(path.join(dest, 'legacy/build'), { recursive: true });
  mkdirSync(path.join(dest, 'cmaps'), { recursive: true });
  copyFileSync(path.join(pkg, 'legacy/build/pdf.min.mjs'), path.join(dest, 'legacy/build/pdf.mjs'));
  copyFileSync(path.join(pkg, 'legacy/build/pdf.worker.min.mjs'), path.join(dest, 'legacy/build/pdf.worker.mjs'));
  copyFileSync(path.join(pkg, 'LICENSE'), path.join(dest, 'LICENSE'));
  let cmaps = 0;
  for (const name of readdirSync(path.join(pkg, 'cmaps'))) {
    if (!/GB/.test(name)) continue;
    copyFileSync(path.join(pkg, 'cmaps', name), path.join(dest, 'cmaps', name));
    cmaps++;
  }
  console.log(`copied pdf.js (legacy build, ${cmaps} CMaps of the Adobe-GB1 character collection) to server/out/pdfjs`);
}
