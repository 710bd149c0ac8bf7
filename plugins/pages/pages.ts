import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { PageInput, PageRow, PagesRepository } from './repository.js';

export interface PageView {
  page: PageRow;
  /** The pages above this one (Home excluded), for the breadcrumbs. */
  trail: { label: string; path: string }[];
}

/**
 * Basic pages (home, About, Resources, News, Join): written in Markdown,
 * stored with the sanitised HTML made from it, so rendering a page is a read.
 */
export class Pages {
  private readonly repository: PagesRepository;

  constructor({ pagesRepository }: { pagesRepository: PagesRepository }) {
    this.repository = pagesRepository;
  }

  static toHtml(markdown: string): string {
    const html = marked.parse(markdown, { async: false });
    return sanitizeHtml(html, {
      allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
      allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt'], th: ['scope'], '*': ['class'] },
      allowedSchemes: ['http', 'https', 'mailto'],
    });
  }

  async view(path: string): Promise<PageView | undefined> {
    const page = await this.repository.findPublished(path);
    if (!page) return undefined;
    const ancestors: string[] = [];
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) ancestors.push(`/${parts.slice(0, i).join('/')}`);
    const titles = await this.repository.titles(ancestors);
    const trail = ancestors.filter((p) => titles.has(p)).map((p) => ({ label: titles.get(p) as string, path: p }));
    return { page, trail };
  }

  async save(page: Omit<PageInput, 'body_html'>): Promise<void> {
    await this.repository.upsert({ ...page, body_html: Pages.toHtml(page.body_markdown) });
  }
}
