import { aliasTo, asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Accounts } from './accounts.js';
import { Flood } from './flood.js';
import { OneTimeLogins } from './one-time-login.js';
import { PasswordResets } from './password-reset.js';
import { People } from './people.js';
import { Registration } from './registration.js';
import { UsersRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    accounts: Accounts;
    usersRepository: UsersRepository;
    flood: Flood;
    oneTimeLogins: OneTimeLogins;
    registration: Registration;
    passwordResets: PasswordResets;
    people: People;
  }
}

export default definePlugin({
  name: 'membership',
  version: '1.0.0',
  label: 'Membership',
  description: 'User accounts: registration with operator approval, log in with flood control, new passwords by one-time link, the account page and /admin/people.',
  required: true,
  // Registration picks an approved member organization and sends e-mails.
  dependsOn: ['consortia', 'notifications'],
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  bundles: { register: new URL('./browser/register.ts', import.meta.url) },
  permissions: {
    'access own account': 'authenticated',
    'administer users': 'operator',
  },
  register: ({ container }) => {
    container.register({
      usersRepository: asClass(UsersRepository).singleton(),
      flood: asClass(Flood).singleton(),
      accounts: asClass(Accounts).singleton(),
      oneTimeLogins: asClass(OneTimeLogins).singleton(),
      registration: asClass(Registration).singleton(),
      passwordResets: asClass(PasswordResets).singleton(),
      people: asClass(People).singleton(),
      // The core reaches accounts only through this name.
      userDirectory: aliasTo('accounts'),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'my-account', label: 'menu.myAccount', path: '/user', weight: 50 },
    { menu: 'main', id: 'join-register', parent: 'join', label: 'menu.joinRegister', path: '/user/register', weight: 1, show: 'anonymous' },
    { menu: 'main', id: 'logout', label: 'menu.logout', path: '/user/logout', weight: 80, show: 'authenticated' },
    { menu: 'main', id: 'login', label: 'menu.login', path: '/user', weight: 80, show: 'anonymous' },
    { menu: 'admin', id: 'people', label: 'menu.people', description: 'menu.peopleDescription', path: '/admin/people', permission: 'administer users', weight: 1 },
  ],
  boot: async ({ container }) => {
    await container.resolve('accounts').ensureAdministrator();
  },
});
