import type { AddressInfo } from 'node:net';
import { EntenteError } from '@entente/core';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** A running server: its URL and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/** Serves an app over HTTP on Node; binds to 127.0.0.1 unless told otherwise; port 0 picks a free port. */
export function startServer(app: Hono, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}/`,
        port: info.port,
        host,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Event streams keep connections open; end them so that close() returns.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new EntenteError('PORT_IN_USE', `port ${options.port ?? 0} is in use; choose another with --port.`)
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new EntenteError(
                'INVALID_OPTION',
                `Cannot bind to ${host} (${error.code}); give an address of this machine with --host.`,
              )
            : error,
      ),
    );
  });
}
