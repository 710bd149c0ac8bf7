import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Catalogue } from './catalogue.js';
import { loadDemoCatalogue } from './demo.js';
import { CatalogueRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    catalogue: Catalogue;
    catalogueRepository: CatalogueRepository;
  }
}

export default definePlugin({
  name: 'catalogue',
  version: '1.0.0',
  label: 'Catalogue',
  description: 'Data products, their geography packages and files: the Find Data catalogue, product pages, who may order, and the operators\' product and upload screens.',
  dependsOn: ['membership', 'consortia'],
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  bundles: { upload: new URL('./browser/upload.ts', import.meta.url) },
  permissions: {
    'administer catalogue': 'operator',
  },
  register: ({ container }) => {
    container.register({
      catalogueRepository: asClass(CatalogueRepository).singleton(),
      catalogue: asClass(Catalogue).singleton(),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'find-data', label: 'menu.findData', path: '/data', weight: 40 },
    { menu: 'admin', id: 'catalogue', label: 'menu.catalogue', description: 'menu.catalogueDescription', path: '/admin/catalogue', permission: 'administer catalogue', weight: 10 },
  ],
  boot: async ({ container }) => {
    await container.resolve('catalogue').sweepIncoming();
  },
  demo: ({ container }) => loadDemoCatalogue(container.resolve('catalogue')),
});
