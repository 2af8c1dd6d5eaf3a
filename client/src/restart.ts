/**
 * When the client starts the language server again after its connection closed unexpectedly (the server crashed,
 * was killed, or ended itself with an error code on a protocol framing error, server/src/lsp/transport.ts): at
 * most `max` restarts within `windowMs`. One more close within that window and the client gives up and says so
 * (the restart command starts the server again and clears the count). The policy of vscode-languageclient's
 * default error handler, made explicit so that its numbers and its message are ours.
 * Pure (no VS Code API): used by server.ts, tested in test/unit.
 */

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

export class RestartPolicy {
  private closes: number[] = [];

  constructor(
    readonly max = MAX_RESTARTS,
    readonly windowMs = RESTART_WINDOW_MS,
  ) {}

  /** The server's connection closed at `now` (ms): whether to start the server again. */
  closed(now: number): boolean {
    this.closes = this.closes.filter((t) => now - t < this.windowMs);
    this.closes.push(now);
    return this.closes.length <= this.max;
  }

  /** Closes counted within the window ending at the last one. */
  get count(): number {
    return this.closes.length;
  }

  /** The server was started on purpose (the restart command): earlier closes no longer count. */
  reset(): void {
    this.closes = [];
  }
}
