import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { loadDemoPages } from './demo.js';
import { Pages } from './pages.js';
import { PagesRepository } from './repository.js';
import { routes } from './routes.js';

declare module '../../core/container.js' {
  interface Cradle {
    pages: Pages;
    pagesRepository: PagesRepository;
  }
}

export default definePlugin({
  name: 'pages',
  version: '1.0.0',
  label: 'Basic pages',
  description: 'The home page, About, Resources, News and Join pages, news articles, their revisions, and the header menu items that lead to them.',
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    'edit pages': 'operator',
  },
  register: ({ container }) => {
    container.register({
      pagesRepository: asClass(PagesRepository).singleton(),
      pages: asClass(Pages).singleton(),
    });
  },
  routes,
  // The CDP header menu, in the site contract's order. Other plugins add Find
  // Data (40), My Account (50), Log in/Logout (80) and the Join and Resources entries.
  menu: [
    { menu: 'main', id: 'home', label: 'menu.home', path: '/', weight: 0 },
    { menu: 'main', id: 'about', label: 'menu.about', path: '/about', weight: 10 },
    { menu: 'main', id: 'resources', label: 'menu.resources', path: '/resources', weight: 20 },
    { menu: 'main', id: 'resources-webinars', parent: 'resources', label: 'menu.webinars', path: '/resources/webinars', weight: 0 },
    { menu: 'main', id: 'resources-how-to', parent: 'resources', label: 'menu.howTo', path: '/resources/how-to-use', weight: 1 },
    { menu: 'main', id: 'resources-report', parent: 'resources', label: 'menu.communityReport', path: '/resources/community-report', weight: 2 },
    { menu: 'main', id: 'resources-stories', parent: 'resources', label: 'menu.memberStories', path: '/resources/member-stories', weight: 3 },
    { menu: 'main', id: 'resources-publications', parent: 'resources', label: 'menu.publications', path: 'https://www.ccsd.ca/', weight: 5, external: true },
    { menu: 'main', id: 'resources-external', parent: 'resources', label: 'menu.externalData', path: '/resources/external-data', weight: 6 },
    { menu: 'main', id: 'news', label: 'menu.news', path: '/news', weight: 30 },
    { menu: 'main', id: 'join', label: 'menu.join', path: '/join', weight: 60 },
    { menu: 'main', id: 'ccsd', label: 'menu.ccsd', path: 'https://www.ccsd.ca/', weight: 100, external: true },
    { menu: 'admin', id: 'admin-pages', label: 'admin.menu', description: 'admin.menu.description', path: '/admin/pages', permission: 'edit pages', weight: 10 },
  ],
  demo: ({ container }) => loadDemoPages(container.resolve('pages')),
});
