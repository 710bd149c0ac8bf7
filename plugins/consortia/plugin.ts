import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Consortia } from './consortia.js';
import { loadDemoConsortia } from './demo.js';
import { ConsortiaRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    consortia: Consortia;
    consortiaRepository: ConsortiaRepository;
  }
}

export default definePlugin({
  name: 'consortia',
  version: '1.0.0',
  label: 'Consortia',
  description: 'Local data consortia, the sector network, program years and member organizations: joining, approval and public pages.',
  // The membership plugin (required) depends on it: registration picks a member organization.
  required: true,
  dependsOn: ['notifications'],
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    'administer consortia': 'operator',
  },
  register: ({ container }) => {
    container.register({
      consortiaRepository: asClass(ConsortiaRepository).singleton(),
      consortia: asClass(Consortia).singleton(),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'join-organization', parent: 'join', label: 'menu.joinOrganization', path: '/node/add/member-organization', weight: 2 },
    { menu: 'admin', id: 'organizations', label: 'menu.organizations', description: 'menu.organizationsDescription', path: '/admin/organizations', permission: 'administer consortia', weight: 5 },
    { menu: 'admin', id: 'consortia', label: 'menu.consortia', description: 'menu.consortiaDescription', path: '/admin/consortia', permission: 'administer consortia', weight: 6 },
  ],
  demo: ({ container }) => loadDemoConsortia(container.resolve('consortia')),
});
