/**
 * A small glob matcher for settings and .govreportrc.json (`govreport.files`, suppressions): `**` (any number of path
 * segments), `*` and `?` (within a segment), `{a,b}` alternatives and `[...]` classes. Paths use `/`.
 */

const cache = new Map<string, RegExp>();

function escapeRe(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? '\\' + c : c;
}

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        re += '[' + (body.startsWith('!') ? '^' + body.slice(1) : body) + ']';
        i = end;
      }
    } else re += escapeRe(c);
  }
  while (depth-- > 0) re += ')';
  const out = new RegExp('^' + re + '$', 'u');
  if (cache.size > 500) cache.clear();
  cache.set(glob, out);
  return out;
}

/** Whether a path (with `/` separators) matches a glob. */
export function matchGlob(glob: string, path: string): boolean {
  try {
    return globToRegExp(glob).test(path);
  } catch {
    return glob === path;
  }
}

/**
 * Whether a file matches a setting entry written as a workspace-relative path or glob. A pattern without `/`
 * also matches the file name alone (as in `.gitignore`); a leading `./` is ignored.
 */
export function matchFile(pattern: string, relativePath: string | undefined, absolutePath: string | undefined): boolean {
  const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!p) return false;
  const candidates: string[] = [];
  if (relativePath !== undefined) candidates.push(relativePath);
  if (absolutePath !== undefined) candidates.push(absolutePath.replace(/\\/g, '/'));
  for (const c of candidates) if (c === p || matchGlob(p, c)) return true;
  if (!p.includes('/')) {
    const base = (relativePath ?? absolutePath ?? '').replace(/\\/g, '/').split('/').pop() ?? '';
    if (base && (base === p || matchGlob(p, base))) return true;
  }
  return false;
}
