/** The custom LSP messages and shared identifiers, as the client sees them: one definition with the server. */

export * from '../../server/src/shared/protocol';
