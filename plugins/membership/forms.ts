import type { Request } from 'express';
import type { FieldErrors } from '../../core/http/forms.js';

/** This plugin's strings, for messages built in code. */
export const t = (req: Request, key: string, params: Record<string, string | number> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'membership');

/** Each field's message, worded with the values the user typed. */
export const wordErrors = (req: Request, errors: FieldErrors, params: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(req, key, params)]));

/** The tabs of the anonymous account pages, as Drupal shows them. */
export const anonymousTabs = (req: Request, active: '/user/register' | '/user' | '/user/password') =>
  [['/user/register', 'register.title'], ['/user', 'login.title'], ['/user/password', 'password.title']]
    .map(([path = '', key = '']) => ({ label: t(req, key), path, active: path === active }));

/** The typed values to show again: strings only, and never a password. */
export function keptValues(body: unknown): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(body && typeof body === 'object' ? body as Record<string, unknown> : {})) {
    if (typeof value === 'string' && !/pass/.test(name) && name !== '_csrf' && name !== 'altcha') kept[name] = value;
  }
  return kept;
}

/** The client's address for flood control (express resolves TRUST_PROXY). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
