import { definePlugin } from '../../core/plugins/manifest.js';
import { loadLandingPage, LANDING_PATH } from './landing.js';
import { routes } from './routes.js';

export default definePlugin({
  name: 'idp-portal',
  version: '1.0.0',
  label: 'Immigration Data Portal',
  description: 'The Immigration Data Portal for Local Immigration Partnerships: its landing page under Resources and the IDP catalogue at /idp-data.',
  dependsOn: ['catalogue', 'pages'],
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  register: ({ container }) => {
    // The landing page is a basic page (operators edit it with its revisions), shown by this plugin.
    container.resolve('pages').claim(LANDING_PATH);
  },
  routes,
  menu: [
    { menu: 'main', id: 'resources-idp', parent: 'resources', label: 'menu.idp', path: LANDING_PATH, weight: 4 },
  ],
  demo: ({ container }) => loadLandingPage(container.resolve('pages')),
});
