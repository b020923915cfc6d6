import { createHash, timingSafeEqual } from 'node:crypto';
import { EntenteError } from '@entente/core';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Name of the cookie set after a valid `?token=`, so that pages, assets and event streams follow. */
export const TOKEN_COOKIE = 'entente_token';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares in constant time (hashing first so the lengths match). */
function sameToken(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * Protects every route with a token: `Authorization: Bearer …`, the cookie, or `?token=…` once
 * (which sets an HttpOnly, same-site cookie so that the web page and its assets keep working).
 */
export function tokenAuth(token: string): MiddlewareHandler {
  // A blank token would match a blank header; refusing it keeps "   " from passing for protection.
  if (token.trim() === '')
    throw new EntenteError('BLANK_TOKEN', 'The access token is blank; set ENTENTE_TOKEN to a non-blank secret.');
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    const query = c.req.query('token');
    if (sameToken(bearer, token) || sameToken(getCookie(c, TOKEN_COOKIE), token)) return next();
    if (sameToken(query, token)) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return next();
    }
    c.header('WWW-Authenticate', 'Bearer realm="entente"');
    return c.json(
      {
        code: 'UNAUTHORIZED',
        message:
          'This server needs its access token: send "Authorization: Bearer <token>", or open the page once with ?token=<token>.',
        details: null,
      },
      401,
    );
  };
}
