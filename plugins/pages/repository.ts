import type { Knex } from 'knex';

export type PageKind = 'page' | 'article';

export interface PageRow {
  id: number;
  path: string;
  title: string;
  kind: PageKind;
  body_markdown: string;
  body_html: string;
  published: boolean;
  published_at: Date;
  updated_at: Date;
}

export interface RevisionRow {
  id: number;
  page_id: number;
  title: string;
  body_markdown: string;
  author_name: string;
  log_message: string;
  created_at: Date;
}

export type PageInput = Pick<PageRow, 'path' | 'title' | 'body_markdown' | 'body_html'> & Partial<Pick<PageRow, 'kind' | 'published'>>;
export interface Author { id?: number; name: string }

/** The pages and page_revisions tables, and nothing else. */
export class PagesRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  findPublished(path: string): Promise<PageRow | undefined> {
    return this.db<PageRow>('pages').where({ path, published: true }).first();
  }

  findById(id: number): Promise<PageRow | undefined> {
    return this.db<PageRow>('pages').where({ id }).first();
  }

  findByPath(path: string): Promise<PageRow | undefined> {
    return this.db<PageRow>('pages').where({ path }).first();
  }

  /** The titles of the published pages at these paths, for breadcrumbs, in one query. */
  async titles(paths: string[]): Promise<Map<string, string>> {
    if (paths.length === 0) return new Map();
    const rows = await this.db<PageRow>('pages').whereIn('path', paths).andWhere({ published: true }).select('path', 'title');
    return new Map(rows.map((r) => [r.path, r.title]));
  }

  list(): Promise<PageRow[]> {
    return this.db<PageRow>('pages').orderBy([{ column: 'kind', order: 'desc' }, { column: 'path' }]);
  }

  publishedArticles(limit: number, offset: number): Promise<PageRow[]> {
    return this.db<PageRow>('pages').where({ kind: 'article', published: true })
      .orderBy([{ column: 'published_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit).offset(offset);
  }

  async countPublishedArticles(): Promise<number> {
    const row = await this.db('pages').where({ kind: 'article', published: true }).count<{ count: string }[]>('id as count').first();
    return Number(row?.count ?? 0);
  }

  /** Saves the page and its new revision together; returns the page's id. */
  async save(page: PageInput, author: Author, logMessage: string, id?: number): Promise<number> {
    return this.db.transaction(async (trx) => {
      let pageId = id;
      if (pageId === undefined) {
        const [row] = await trx('pages').insert(page).returning('id');
        pageId = (row as { id: number }).id;
      } else {
        await trx('pages').where({ id: pageId }).update({ ...page, updated_at: trx.fn.now() });
      }
      await trx('page_revisions').insert({
        page_id: pageId, title: page.title, body_markdown: page.body_markdown,
        author_id: author.id ?? null, author_name: author.name, log_message: logMessage,
      });
      return pageId;
    });
  }

  revisions(pageId: number): Promise<RevisionRow[]> {
    return this.db<RevisionRow>('page_revisions').where({ page_id: pageId })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
  }

  findRevision(pageId: number, revisionId: number): Promise<RevisionRow | undefined> {
    return this.db<RevisionRow>('page_revisions').where({ page_id: pageId, id: revisionId }).first();
  }
}
