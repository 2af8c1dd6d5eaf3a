/** Handlers never take the server down: an exception is logged and answered with an empty result. */

import { ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Context } from './context';

export function safe<P, R>(
  ctx: () => Context,
  name: string,
  fallback: R,
  fn: (params: P, token: CancellationToken) => Promise<R> | R,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await fn(params, token);
    } catch (e) {
      // protocol answers (cancelled, retrigger) are not failures
      if (e instanceof ResponseError) throw e;
      ctx().error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };
}

/** The same for notifications. */
export function safeNotify<P>(ctx: () => Context, name: string, fn: (params: P) => Promise<void> | void): (params: P) => void {
  return (params) => {
    Promise.resolve()
      .then(() => fn(params))
      .catch((e) => ctx().error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  };
}
