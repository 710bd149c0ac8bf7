import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per user and package: buying a package again adds to its limits instead of a second row.
  await knex.schema.createTable('purchased_files', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // Buyers keep their files when a product is unpublished; deleting a package takes them away.
    t.integer('package_id').notNullable().references('id').inTable('geography_packages').onDelete('CASCADE');
    // The latest order that granted it (the first one is in the order history).
    t.integer('order_id').nullable().references('id').inTable('orders').onDelete('SET NULL');
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // null: Unlimited.
    t.integer('download_limit').nullable();
    t.integer('address_limit').nullable();
    t.timestamp('expires_at', { useTz: true }).nullable();
    // Whole downloads only: a download counts when the bytes sent for it cover the file.
    t.integer('downloads').notNullable().defaultTo(0);
    t.unique(['user_id', 'package_id']);
    // The File downloads page: one user's files, newest first.
    t.index(['user_id', 'granted_at']);
    t.index(['package_id']);
  });
  await knex.raw('ALTER TABLE purchased_files ADD CONSTRAINT purchased_files_counts_check CHECK (downloads >= 0 AND (download_limit IS NULL OR download_limit >= 0) AND (address_limit IS NULL OR address_limit >= 0))');

  await knex.schema.createTable('download_addresses', (t) => {
    t.integer('purchased_file_id').notNullable().references('id').inTable('purchased_files').onDelete('CASCADE');
    t.string('address', 64).notNullable();
    t.timestamp('first_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['purchased_file_id', 'address']);
  });

  // The byte ranges of one file version (ETag) sent to one client address, merged by
  // PostgreSQL's multirange union; a row is cleared when it covers the whole file and counts.
  await knex.schema.createTable('download_transfers', (t) => {
    t.integer('purchased_file_id').notNullable().references('id').inTable('purchased_files').onDelete('CASCADE');
    t.string('address', 64).notNullable();
    t.string('etag', 80).notNullable();
    t.specificType('sent', 'int8multirange').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['purchased_file_id', 'address', 'etag']);
  });

  // Responses being sent: each one that may complete a download holds a slot, so that
  // concurrent requests at a limit cannot all pass the check before any has finished.
  await knex.schema.createTable('download_slots', (t) => {
    t.increments('id').primary();
    t.integer('purchased_file_id').notNullable().references('id').inTable('purchased_files').onDelete('CASCADE');
    t.string('address', 64).notNullable();
    t.string('etag', 80).notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['purchased_file_id', 'started_at']);
  });

  // product_id null: the global default. null limits: Unlimited.
  await knex.schema.createTable('download_limits', (t) => {
    t.increments('id').primary();
    t.integer('product_id').nullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('download_limit').nullable();
    t.integer('address_limit').nullable();
    t.integer('expire_days').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE download_limits ADD CONSTRAINT download_limits_positive_check CHECK ((download_limit IS NULL OR download_limit >= 1) AND (address_limit IS NULL OR address_limit >= 1) AND (expire_days IS NULL OR expire_days >= 1))');
  // One row per product, and one global row.
  await knex.raw('CREATE UNIQUE INDEX download_limits_product ON download_limits (coalesce(product_id, 0))');
  await knex('download_limits').insert({ product_id: null });

  // Ubercart's flood control: bad download links per client address and day.
  await knex.schema.createTable('download_bad_requests', (t) => {
    t.string('address', 64).notNullable();
    t.date('day').notNullable();
    t.integer('count').notNullable().defaultTo(0);
    t.primary(['address', 'day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('download_bad_requests');
  await knex.schema.dropTable('download_limits');
  await knex.schema.dropTable('download_slots');
  await knex.schema.dropTable('download_transfers');
  await knex.schema.dropTable('download_addresses');
  await knex.schema.dropTable('purchased_files');
}
