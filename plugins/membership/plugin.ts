import { aliasTo, asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Accounts } from './accounts.js';
import { UsersRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    accounts: Accounts;
    usersRepository: UsersRepository;
  }
}

export default definePlugin({
  name: 'membership',
  version: '1.0.0',
  label: 'Membership',
  description: 'User accounts: log in, log out, the account page and the administrator account.',
  required: true,
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    'access own account': 'authenticated',
  },
  register: ({ container }) => {
    container.register({
      usersRepository: asClass(UsersRepository).singleton(),
      accounts: asClass(Accounts).singleton(),
      // The core reaches accounts only through this name.
      userDirectory: aliasTo('accounts'),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'my-account', label: 'menu.myAccount', path: '/user', weight: 50 },
    { menu: 'main', id: 'logout', label: 'menu.logout', path: '/user/logout', weight: 80, show: 'authenticated' },
    { menu: 'main', id: 'login', label: 'menu.login', path: '/user', weight: 80, show: 'anonymous' },
  ],
  boot: async ({ container }) => {
    await container.resolve('accounts').ensureAdministrator();
  },
});
