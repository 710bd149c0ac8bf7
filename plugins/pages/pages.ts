import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { fieldErrors } from '../../core/http/forms.js';
import type { Author, PageKind, PageRow, PagesRepository, RevisionRow } from './repository.js';

export interface PageView {
  page: PageRow;
  /** The pages above this one (Home excluded), for the breadcrumbs. */
  trail: { label: string; path: string }[];
}

/** What an operator types into the page form; messages are catalogue keys. */
const pageForm = z.object({
  title: z.string().trim().min(1, 'form.title.required').max(255, 'form.title.long'),
  path: z.string().trim().regex(/^\/([a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*)?$/, 'form.path.invalid').max(255, 'form.path.invalid'),
  body_markdown: z.string().max(200_000, 'form.body.long'),
  published: z.boolean(),
  log_message: z.string().trim().max(255, 'form.log.long'),
});

export type PageFormValues = z.infer<typeof pageForm>;
export type FormErrors = Partial<Record<keyof PageFormValues, string>>;
export type SaveResult = { ok: true; id: number } | { ok: false; errors: FormErrors };

/** Reads the form's fields, whatever the browser sent, into the shape the schema checks. */
export function readPageForm(body: unknown, kind: PageKind): Record<keyof PageFormValues, unknown> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? fields[name] : '');
  const slug = text('slug').trim();
  return {
    title: text('title'),
    path: kind === 'article' ? `/news/${slug}` : text('path'),
    body_markdown: text('body_markdown').replace(/\r\n/g, '\n'),
    published: fields.published === 'on' || fields.published === '1',
    log_message: text('log_message'),
  };
}

/**
 * Basic pages and news articles, written in Markdown and stored with the
 * sanitised HTML made from it, so showing a page is a read. Every save is a
 * revision (who, when, why), and any revision can be restored.
 */
export class Pages {
  private readonly repository: PagesRepository;
  /** Addresses whose page another plugin shows (and hides when it is disabled). */
  private readonly claimed = new Set<string>();

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

  /** Another plugin shows the page at this address itself (see page-view.ts). */
  claim(path: string): void {
    this.claimed.add(path);
  }

  isClaimed(path: string): boolean {
    return this.claimed.has(path);
  }

  find(id: number): Promise<PageRow | undefined> {
    return this.repository.findById(id);
  }

  list(): Promise<PageRow[]> {
    return this.repository.list();
  }

  revisions(pageId: number): Promise<RevisionRow[]> {
    return this.repository.revisions(pageId);
  }

  findRevision(pageId: number, revisionId: number): Promise<RevisionRow | undefined> {
    return this.repository.findRevision(pageId, revisionId);
  }

  async news(page: number, perPage: number): Promise<{ articles: PageRow[]; total: number }> {
    const [articles, total] = await Promise.all([
      this.repository.publishedArticles(perPage, (page - 1) * perPage),
      this.repository.countPublishedArticles(),
    ]);
    return { articles, total };
  }

  /** Creates (no id) or updates a page from the operator's form; refuses bad values and a path in use. */
  async save(input: Record<keyof PageFormValues, unknown>, kind: PageKind, author: Author, id?: number): Promise<SaveResult> {
    const parsed = pageForm.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) as FormErrors };
    const values = parsed.data;
    const holder = await this.repository.findByPath(values.path);
    if (holder && holder.id !== id) return { ok: false, errors: { path: 'form.path.taken' } };
    try {
      const saved = await this.repository.save({
        path: values.path, title: values.title, kind, published: values.published,
        body_markdown: values.body_markdown, body_html: Pages.toHtml(values.body_markdown),
      }, author, values.log_message || (id === undefined ? 'Created' : ''), id);
      return { ok: true, id: saved };
    } catch (error) {
      // Two operators saving the same new path at once: the unique index decides.
      if ((error as { code?: string }).code === '23505') return { ok: false, errors: { path: 'form.path.taken' } };
      throw error;
    }
  }

  /** Makes an old revision the current text again, as a new revision that says so. */
  async restore(page: PageRow, revision: RevisionRow, author: Author, logMessage: string): Promise<void> {
    await this.repository.save({
      path: page.path, title: revision.title, kind: page.kind, published: page.published,
      body_markdown: revision.body_markdown, body_html: Pages.toHtml(revision.body_markdown),
    }, author, logMessage, page.id);
  }

  /** Demo content: created once, by the system. */
  async seed(page: { path: string; title: string; body_markdown: string; kind?: PageKind }): Promise<void> {
    const kind = page.kind ?? 'page';
    const result = await this.save({ ...page, published: true, log_message: 'Created' }, kind, { name: 'system' });
    if (!result.ok) throw new Error(`Demo page ${page.path} is invalid: ${JSON.stringify(result.errors)}`);
  }
}
