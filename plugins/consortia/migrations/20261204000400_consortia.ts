import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consortia', (t) => {
    t.increments('id').primary();
    t.string('name', 255).notNullable();
    t.string('slug', 255).notNullable().unique();
    t.text('description').notNullable().defaultTo('');
    t.string('kind', 20).notNullable().defaultTo('local');
    t.string('region', 255).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("ALTER TABLE consortia ADD CONSTRAINT consortia_kind_check CHECK (kind IN ('local', 'sector-network'))");

  await knex.schema.createTable('program_years', (t) => {
    t.increments('id').primary();
    t.string('label', 20).notNullable().unique();
    t.boolean('is_current').notNullable().defaultTo(false);
    t.date('starts_on').notNullable();
  });
  // The database itself keeps "at most one current year"; the service keeps "at least one".
  await knex.raw('CREATE UNIQUE INDEX program_years_one_current ON program_years (is_current) WHERE is_current');

  await knex.schema.createTable('member_organizations', (t) => {
    t.increments('id').primary();
    t.string('name', 255).notNullable();
    t.string('slug', 255).notNullable().unique();
    t.text('about').notNullable().defaultTo('');
    t.string('website', 2048).notNullable().defaultTo('');
    t.integer('consortium_id').notNullable().references('id').inTable('consortia').onDelete('RESTRICT');
    t.integer('program_year_id').nullable().references('id').inTable('program_years').onDelete('SET NULL');
    t.string('contact_name', 255).notNullable().defaultTo('');
    t.string('contact_email', 255).notNullable().defaultTo('');
    t.string('status', 20).notNullable().defaultTo('pending');
    t.text('rejection_reason').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('reviewed_at', { useTz: true }).nullable();
    // A user id; no foreign key, since the users table belongs to membership.
    t.integer('reviewed_by').nullable();
    t.index(['status', 'created_at']);
  });
  await knex.raw("ALTER TABLE member_organizations ADD CONSTRAINT member_organizations_status_check CHECK (status IN ('pending', 'approved', 'rejected'))");
  await knex.raw('CREATE UNIQUE INDEX member_organizations_consortium_name ON member_organizations (consortium_id, lower(name))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('member_organizations');
  await knex.schema.dropTable('program_years');
  await knex.schema.dropTable('consortia');
}
