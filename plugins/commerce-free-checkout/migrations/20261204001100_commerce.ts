import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The cart lives in the database, so it survives log out and follows the user.
  await knex.schema.createTable('cart_lines', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    // Geography codes (PT_CD_CSD_DA, CMA_CA_CT, ADA, CUSTOM): adding the product again merges them.
    t.specificType('geographies', 'text[]').notNullable();
    t.timestamp('added_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['user_id', 'product_id']);
  });

  // Where Continue shopping leads: the catalogue listing the last added product was reached from.
  await knex.schema.createTable('cart_state', (t) => {
    t.integer('user_id').primary().references('id').inTable('users').onDelete('CASCADE');
    t.text('continue_url').nullable();
  });

  await knex.schema.createTable('orders', (t) => {
    t.increments('id').primary();
    // Orders are records: an account with orders is blocked, not deleted.
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // The checkout form's token: a second submit of the same form finds this order instead of making another.
    t.string('submission_key', 64).notNullable().unique();
    t.index(['user_id', 'created_at']);
    t.index(['created_at']);
  });

  // One line per package; title, geography and file name are copied so the history reads the same
  // after a product is edited or removed.
  await knex.schema.createTable('order_lines', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.integer('product_id').nullable().references('id').inTable('products').onDelete('SET NULL');
    t.string('product_title', 512).notNullable();
    t.integer('package_id').nullable().references('id').inTable('geography_packages').onDelete('SET NULL');
    t.string('geography', 20).notNullable();
    t.string('file_name', 255).notNullable();
    t.index(['order_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('order_lines');
  await knex.schema.dropTable('orders');
  await knex.schema.dropTable('cart_state');
  await knex.schema.dropTable('cart_lines');
}
