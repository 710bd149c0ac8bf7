import type { CurrentUser, PermissionRegistry } from '../auth/permissions.js';
import type { Translator } from '../theme/translator.js';

/** One link a plugin contributes to a menu; `label` is a key of the plugin's catalogue. */
export interface MenuItem {
  menu: 'main' | 'account' | 'admin';
  id: string;
  label: string;
  path: string;
  weight?: number;
  /** The id of the item this one drops down from. */
  parent?: string;
  permission?: string;
  /** Only to visitors who are logged out, or only to those logged in. */
  show?: 'always' | 'anonymous' | 'authenticated';
  external?: boolean;
  /** A key for a line of explanation, shown where the menu is a list (the admin page). */
  description?: string;
}

/** A menu item as a template sees it: translated, filtered, nested. */
export interface MenuLink {
  id: string;
  label: string;
  path: string;
  description?: string;
  external: boolean;
  active: boolean;
  children: MenuLink[];
}

interface Contribution extends MenuItem {
  owner: string;
}

/**
 * The menus built from what the enabled plugins contribute. Nothing is cached
 * per user: a menu is a few dozen items, rebuilt per request from the live set
 * of enabled plugins, so disabling a plugin removes its items at once.
 */
export class MenuRegistry {
  private readonly items: Contribution[] = [];

  constructor(
    private readonly translator: Translator,
    private readonly permissions: PermissionRegistry,
    private readonly isEnabled: (owner: string) => boolean,
  ) {}

  add(owner: string, items: MenuItem[]): void {
    for (const item of items) this.items.push({ ...item, owner });
  }

  build(menu: MenuItem['menu'], user: CurrentUser | undefined, currentPath: string): MenuLink[] {
    const visible = this.items
      .filter((item) => item.menu === menu && this.isEnabled(item.owner))
      .filter((item) => !item.permission || this.permissions.allows(user, item.permission))
      .filter((item) => item.show === undefined || item.show === 'always' || (item.show === 'authenticated') === (user !== undefined))
      .sort((a, b) => (a.weight ?? 0) - (b.weight ?? 0) || a.id.localeCompare(b.id));
    const link = (item: Contribution): MenuLink => {
      const children = visible.filter((c) => c.parent === item.id).map(link);
      const path = item.path.replace(':uid', String(user?.id ?? ''));
      const here = !item.external && (currentPath === path || (path !== '/' && currentPath.startsWith(`${path}/`)));
      return {
        id: item.id,
        label: this.translator.t(item.label, {}, item.owner),
        path,
        description: item.description ? this.translator.t(item.description, {}, item.owner) : undefined,
        external: item.external === true,
        active: here || children.some((c) => c.active),
        children,
      };
    };
    // Children appear only under their parent: when the parent's plugin is off, they go with it.
    return visible.filter((item) => item.parent === undefined).map(link);
  }
}
