/** URI path arithmetic for the workspace boundary (no `vscode` import: unit-tested in Node). */

/** The path with `.` and `..` segments resolved, or undefined when `..` climbs above the root. */
export function normalizePath(p: string): string | undefined {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Whether `path` (normalised) is `folder` or below it. */
export function isInside(path: string, folder: string): boolean {
  const f = folder.endsWith('/') ? folder : folder + '/';
  return path === folder || path.startsWith(f);
}
