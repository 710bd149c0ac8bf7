import type { Knex } from 'knex';

/**
 * Flood control counters, shared by every instance. The shape is the one
 * rate-limiter-flexible's RateLimiterPostgres expects (it is told
 * `tableCreated: true`, so it never creates tables at run time).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_flood', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_flood');
}
