import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Solved CAPTCHA puzzles, so that one solution opens one form, on every instance.
  await knex.schema.createTable('captcha_spent', (t) => {
    t.text('signature').primary();
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('captcha_spent');
}
