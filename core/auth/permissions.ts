import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../errors.js';

/**
 * Roles form a ladder: each one holds every permission of the roles below it.
 * A user who logged in is "authenticated"; an activated member of a consortium
 * is a "member"; CDP staff are "operators"; "administrators" run the site.
 */
export const ROLES = ['anonymous', 'authenticated', 'member', 'operator', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const roleRank = (role: Role): number => ROLES.indexOf(role);
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** What the core knows of the person behind a request; the membership plugin fills it in. */
export interface CurrentUser {
  id: number;
  username: string;
  role: Role;
}

export interface PermissionDefinition {
  name: string;
  /** The lowest role that holds it. */
  role: Role;
  /** The plugin that defined it, so a disabled plugin's permissions vanish with it. */
  plugin: string;
}

/** The permissions that plugins declare in their manifests, and who holds them. */
export class PermissionRegistry {
  private readonly definitions = new Map<string, PermissionDefinition>();

  define(plugin: string, name: string, role: Role): void {
    const existing = this.definitions.get(name);
    if (existing && existing.plugin !== plugin) {
      throw new Error(`Permission "${name}" is defined by both ${existing.plugin} and ${plugin}`);
    }
    this.definitions.set(name, { name, role, plugin });
  }

  list(): PermissionDefinition[] {
    return [...this.definitions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** An unknown permission is held by nobody: a typo must not open a door. */
  allows(user: CurrentUser | undefined, permission: string): boolean {
    const definition = this.definitions.get(permission);
    if (!definition) return false;
    return roleRank(user?.role ?? 'anonymous') >= roleRank(definition.role);
  }
}

/**
 * Lets the request through when its user holds the permission. An anonymous
 * visitor is sent to log in and brought back; a logged-in user without it gets
 * the 403 page.
 */
export function requirePermission(permission: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const permissions = req.scope.resolve('permissions');
    if (permissions.allows(req.user, permission)) return next();
    if (!req.user) {
      res.redirect(`/user?destination=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    next(forbidden());
  };
}
