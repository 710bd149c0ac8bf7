import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Mailer } from './mailer.js';
import { OutboxRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    mailer: Mailer;
    outboxRepository: OutboxRepository;
  }
}

export default definePlugin({
  name: 'notifications',
  version: '1.0.0',
  label: 'Notifications',
  description: 'E-mail: templates a theme can override, an outbox, and SMTP delivery with retries.',
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    'view outbox': 'operator',
  },
  register: ({ container }) => {
    container.register({
      outboxRepository: asClass(OutboxRepository).singleton(),
      mailer: asClass(Mailer).singleton().disposer((mailer) => mailer.stop()),
    });
  },
  routes,
  menu: [
    { menu: 'admin', id: 'outbox', label: 'menu.outbox', description: 'menu.outboxDescription', path: '/admin/outbox', permission: 'view outbox', weight: 20 },
  ],
  boot: async ({ container }) => {
    container.resolve('mailer').start();
  },
});
