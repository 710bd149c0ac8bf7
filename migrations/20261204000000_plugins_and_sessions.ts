import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Which plugins are enabled: the database is the one truth all instances share.
  await knex.schema.createTable('plugin_state', (t) => {
    t.string('name', 64).primary();
    t.boolean('enabled').notNullable();
    t.string('version', 32).notNullable();
    t.boolean('demo_loaded').notNullable().defaultTo(false);
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // The table connect-pg-simple expects (created here, not by the library at run time).
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid').primary();
    t.json('sess').notNullable();
    t.timestamp('expire', { precision: 6 }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('plugin_state');
}
