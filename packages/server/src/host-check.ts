import { EntenteError } from '@entente/core';
import type { MiddlewareHandler } from 'hono';

/** The names a loopback-only server answers to by default; any other Host is a DNS-rebinding attempt. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Splits `name[:port]` (brackets kept around IPv6 addresses) into a lowercase name and an optional port. */
function splitHost(value: string): { name: string; port: string | undefined } {
  const lower = value.trim().toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(lower);
  if (!m) return { name: lower.includes(':') ? `[${lower}]` : lower, port: undefined };
  return { name: m[1] ?? '', port: m[2] || undefined };
}

/**
 * Normalises an allowed host as given on the command line: `name`, `name:port`, `[v6]:port` or a bare
 * IPv6 address (bracketed here so that it compares with the Host header's form).
 */
export function normaliseAllowedHost(value: string): string {
  const v = value.trim().toLowerCase();
  const bareV6 = !v.startsWith('[') && (v.match(/:/g)?.length ?? 0) > 1;
  return bareV6 ? `[${v}]` : v;
}

/** True when `host` (a Host header value) matches an entry; an entry without a port allows every port. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const given = splitHost(host);
  return allowed.some((entry) => {
    const want = splitHost(normaliseAllowedHost(entry));
    return want.name === given.name && (want.port === undefined || want.port === given.port);
  });
}

/**
 * Refuses (403) requests whose Host is not allowed, and cross-site requests: an Origin that is neither the
 * request's own host nor one of the CORS origins. A page on another site that re-points its DNS name at
 * 127.0.0.1 thus never reaches the API.
 */
export function hostCheck(allowed: readonly string[], corsOrigins: readonly string[] = []): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hostAllowed(host, allowed))
      throw new EntenteError(
        'HOST_NOT_ALLOWED',
        `This server does not answer to the host "${host.slice(0, 200)}"; open it through ${allowed[0] ?? 'localhost'}, or start it with --allow-host ${splitHost(host).name.slice(0, 200)}.`,
        { details: { allowedHosts: allowed } },
      );
    const origin = c.req.header('origin');
    if (origin !== undefined && !corsOrigins.includes(origin) && !sameHost(origin, host))
      throw new EntenteError(
        'ORIGIN_NOT_ALLOWED',
        `Requests from the page ${origin.slice(0, 200)} are refused; call the API from the workbench itself, or start the server with --cors ${origin.slice(0, 200)}.`,
      );
    return next();
  };
}

/** True when an Origin header names the same host (and port) the request was sent to. */
function sameHost(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}
