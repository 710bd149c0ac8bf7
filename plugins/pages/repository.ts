import type { Knex } from 'knex';

export interface PageRow {
  id: number;
  path: string;
  title: string;
  body_markdown: string;
  body_html: string;
  published: boolean;
  updated_at: Date;
}

export type PageInput = Pick<PageRow, 'path' | 'title' | 'body_markdown' | 'body_html'>;

export class PagesRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  findPublished(path: string): Promise<PageRow | undefined> {
    return this.db<PageRow>('pages').where({ path, published: true }).first();
  }

  /** The titles of the published pages at these paths, for breadcrumbs, in one query. */
  async titles(paths: string[]): Promise<Map<string, string>> {
    if (paths.length === 0) return new Map();
    const rows = await this.db<PageRow>('pages').whereIn('path', paths).andWhere({ published: true }).select('path', 'title');
    return new Map(rows.map((r) => [r.path, r.title]));
  }

  async upsert(page: PageInput): Promise<void> {
    await this.db('pages').insert(page).onConflict('path').merge({ ...page, updated_at: this.db.fn.now() });
  }
}
