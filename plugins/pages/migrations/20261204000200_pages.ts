import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pages', (t) => {
    t.increments('id').primary();
    t.string('path', 255).notNullable().unique();
    t.string('title', 255).notNullable();
    // What operators write (Markdown), and the sanitised HTML made from it when saved.
    t.text('body_markdown').notNullable().defaultTo('');
    t.text('body_html').notNullable().defaultTo('');
    t.boolean('published').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('pages');
}
