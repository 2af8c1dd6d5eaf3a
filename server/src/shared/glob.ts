/**
 * The glob matcher for settings and .govreportrc.json (`govreport.files`, suppressions): `**` (any number of path segments),
 * `*` and `?` (within a segment), `{a,b}` alternatives and `[...]` classes (`[!...]` / `[^...]` negated). Paths use
 * `/`.
 *
 * Settings may come from a workspace the user did not write, so matching must never stall: no regular expression
 * is built from the pattern (a backtracking engine takes exponential time on `*a*a*a*a*a*a*a*a*a*b`, and so does
 * picomatch's output). Instead a pattern is compiled once into segments of tokens and matched without backtracking
 * beyond the last `*` (the classic wildcard algorithm, O(pattern × name) per segment) and with a memo over
 * (pattern segment, path segment) for `**`. Patterns longer than `MAX_GLOB_LENGTH` or with more than
 * `MAX_ALTERNATIVES` brace expansions match nothing.
 */

export const MAX_GLOB_LENGTH = 512;
export const MAX_ALTERNATIVES = 64;

type Token =
  | { readonly kind: 'char'; readonly c: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'star' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [string, string])[] };

/** A path segment pattern, or `**` (any number of segments). */
type Segment = readonly Token[] | 'globstar';

interface Compiled {
  readonly alternatives: readonly (readonly Segment[])[];
}

const NOTHING: Compiled = { alternatives: [] };
const cache = new Map<string, Compiled>();

/** Expands `{a,b}` alternatives (nested too); undefined when there would be more than `MAX_ALTERNATIVES`. */
function expandBraces(glob: string): string[] | undefined {
  // find the first top-level `{` with a matching `}`
  let open = -1;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > 0) i = end;
      continue;
    }
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const parts: string[] = [];
        let d = 0;
        let from = open + 1;
        for (let k = open + 1; k < i; k++) {
          if (glob[k] === '{') d++;
          else if (glob[k] === '}') d--;
          else if (glob[k] === ',' && d === 0) {
            parts.push(glob.slice(from, k));
            from = k + 1;
          }
        }
        parts.push(glob.slice(from, i));
        const head = glob.slice(0, open);
        const tails = expandBraces(glob.slice(i + 1));
        if (!tails) return undefined;
        const out: string[] = [];
        for (const p of parts) {
          const inner = expandBraces(p);
          if (!inner) return undefined;
          for (const a of inner) {
            for (const t of tails) {
              out.push(head + a + t);
              if (out.length > MAX_ALTERNATIVES) return undefined;
            }
          }
        }
        return out;
      }
    }
  }
  // an unclosed `{` is literal
  return [glob];
}

function compileSegment(seg: string): Segment {
  if (seg === '**') return 'globstar';
  const tokens: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') {
      while (seg[i + 1] === '*') i++; // `a**b` within a segment is `a*b`
      tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) {
        tokens.push({ kind: 'char', c });
        continue;
      }
      let body = seg.slice(i + 1, end);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      const chars = [...body];
      for (let k = 0; k < chars.length; k++) {
        if (chars[k + 1] === '-' && k + 2 < chars.length) {
          ranges.push([chars[k], chars[k + 2]]);
          k += 2;
        } else ranges.push([chars[k], chars[k]]);
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = end;
    } else {
      // a surrogate pair is one character
      const cp = seg.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      tokens.push({ kind: 'char', c: ch });
      i += ch.length - 1;
    }
  }
  return tokens;
}

function compile(glob: string): Compiled {
  const hit = cache.get(glob);
  if (hit) return hit;
  let out = NOTHING;
  if (glob.length <= MAX_GLOB_LENGTH) {
    const alternatives = expandBraces(glob);
    if (alternatives) out = { alternatives: alternatives.map((a) => a.split('/').map(compileSegment)) };
  }
  if (cache.size > 500) cache.clear();
  cache.set(glob, out);
  return out;
}

function tokenMatches(t: Token, c: string): boolean {
  if (t.kind === 'any') return true;
  if (t.kind === 'char') return t.c === c;
  if (t.kind === 'class') {
    let inside = false;
    for (const [a, b] of t.ranges) if (c >= a && c <= b) inside = true;
    return inside !== t.negated;
  }
  return false;
}

/** One segment against one path segment: greedy, backtracking only to the last `*` (never exponential). */
function matchSegment(tokens: readonly Token[], name: string): boolean {
  const chars = [...name];
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < chars.length) {
    const t = tokens[p];
    if (p < tokens.length && t.kind === 'star') {
      starP = p++;
      starS = s;
    } else if (p < tokens.length && tokenMatches(t, chars[s])) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (p < tokens.length && tokens[p].kind === 'star') p++;
  return p === tokens.length;
}

/** Pattern segments against path segments, `**` matching zero or more of them; memoised, O(pattern segments × path segments). */
function matchSegments(pattern: readonly Segment[], parts: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (parts.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let r: boolean;
    if (i === pattern.length) r = j === parts.length;
    else {
      const seg = pattern[i];
      // `**` matches nothing more, or one more segment and stays
      if (seg === 'globstar') r = go(i + 1, j) || (j < parts.length && go(i, j + 1));
      else r = j < parts.length && matchSegment(seg, parts[j]) && go(i + 1, j + 1);
    }
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Whether a path (with `/` separators) matches a glob. */
export function matchGlob(glob: string, path: string): boolean {
  const c = compile(glob);
  if (!c.alternatives.length) return false;
  const parts = path.split('/');
  return c.alternatives.some((a) => matchSegments(a, parts));
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
