import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('username', 60).notNullable();
    t.string('email', 254).notNullable();
    t.text('password_hash').notNullable();
    // The ladder of core/auth/permissions.ts, without "anonymous".
    t.string('role', 16).notNullable().defaultTo('authenticated');
    // Drupal's two states: blocked until an operator activates the account.
    t.string('status', 16).notNullable().defaultTo('blocked');
    t.string('first_name', 100).notNullable().defaultTo('');
    t.string('last_name', 100).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('activated_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
  });
  await knex.raw('create unique index users_username_lower on users (lower(username))');
  await knex.raw('create unique index users_email_lower on users (lower(email))');
  await knex.raw("alter table users add constraint users_role_check check (role in ('authenticated', 'member', 'operator', 'administrator'))");
  await knex.raw("alter table users add constraint users_status_check check (status in ('active', 'blocked'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
