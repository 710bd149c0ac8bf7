import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Downloads } from './downloads.js';
import { PurchasedFiles } from './purchased-files.js';
import { DownloadsRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    downloads: Downloads;
    downloadsRepository: DownloadsRepository;
    purchasedFiles: PurchasedFiles;
  }
}

export default definePlugin({
  name: 'file-downloads',
  version: '1.0.0',
  label: 'File downloads',
  description: 'Purchased files: the File downloads page, downloads with resume and limits counted once per whole file, and operators\' counts, resets and limits.',
  dependsOn: ['commerce-free-checkout', 'catalogue'],
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    'administer downloads': 'operator',
  },
  register: ({ container }) => {
    container.register({
      downloadsRepository: asClass(DownloadsRepository).singleton(),
      downloads: asClass(Downloads).singleton(),
      purchasedFiles: asClass(PurchasedFiles).singleton(),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'my-purchased-files', parent: 'my-account', label: 'menu.files', path: '/user/:uid/purchased-files', show: 'authenticated', weight: 20 },
    { menu: 'account', id: 'purchased-files', label: 'menu.files', path: '/user/:uid/purchased-files', show: 'authenticated', weight: 20 },
    { menu: 'admin', id: 'downloads', label: 'menu.admin', description: 'menu.adminDescription', path: '/admin/downloads', permission: 'administer downloads', weight: 30 },
    { menu: 'admin', id: 'download-limits', label: 'menu.limits', description: 'menu.limitsDescription', path: '/admin/downloads/limits', permission: 'administer downloads', weight: 31 },
  ],
  boot: async ({ container }) => {
    container.resolve('fulfilment').add('file-downloads', container.resolve('purchasedFiles'));
  },
});
