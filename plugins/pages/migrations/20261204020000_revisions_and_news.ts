import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('pages', (t) => {
    // A news article is a page listed on /news, newest first.
    t.string('kind', 16).notNullable().defaultTo('page');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['kind', 'published', 'published_at']);
  });
  await knex.raw("alter table pages add constraint pages_kind_check check (kind in ('page', 'article'))");
  // Every save is a revision: who, when, why, and the text as it was.
  await knex.schema.createTable('page_revisions', (t) => {
    t.increments('id').primary();
    t.integer('page_id').notNullable().references('id').inTable('pages').onDelete('CASCADE');
    t.string('title', 255).notNullable();
    t.text('body_markdown').notNullable();
    t.integer('author_id');
    t.string('author_name', 60).notNullable();
    t.string('log_message', 255).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['page_id', 'created_at']);
  });
  // The demo pages saved before revisions existed get their first revision.
  await knex.raw(`insert into page_revisions (page_id, title, body_markdown, author_name, log_message, created_at)
    select id, title, body_markdown, 'system', 'Created', created_at from pages`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('page_revisions');
  await knex.schema.alterTable('pages', (t) => {
    t.dropColumn('kind');
    t.dropColumn('published_at');
  });
}
