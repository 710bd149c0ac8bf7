import type { Knex } from 'knex';

const namedList = (knex: Knex, table: string): Knex.SchemaBuilder =>
  knex.schema.createTable(table, (t) => {
    t.increments('id').primary();
    t.string('name', 255).notNullable().unique();
    t.string('slug', 255).notNullable().unique();
  });

export async function up(knex: Knex): Promise<void> {
  await namedList(knex, 'data_providers');
  await namedList(knex, 'product_groups');
  await namedList(knex, 'topics');

  await knex.schema.createTable('products', (t) => {
    t.increments('id').primary();
    t.string('title', 512).notNullable();
    t.string('slug', 255).notNullable().unique();
    t.integer('data_provider_id').notNullable().references('id').inTable('data_providers').onDelete('RESTRICT');
    t.integer('product_group_id').notNullable().references('id').inTable('product_groups').onDelete('RESTRICT');
    t.string('years_within_data', 20).notNullable();
    t.date('posted_at').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('notes').notNullable().defaultTo('');
    t.text('custom_geographies_url').nullable();
    t.boolean('in_idp').notNullable().defaultTo(false);
    t.boolean('published').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw("ALTER TABLE products ADD CONSTRAINT products_years_check CHECK (years_within_data ~ '^[0-9]{4}(-[0-9]{4}){0,1}$')");
  // Generated so that no code path can forget to refresh them; the year filter
  // matches a year inside the range ("2011-2016" has 2014).
  await knex.raw(`ALTER TABLE products
    ADD COLUMN year_from integer GENERATED ALWAYS AS (substring(years_within_data from '^([0-9]{4})')::integer) STORED,
    ADD COLUMN year_to integer GENERATED ALWAYS AS (substring(years_within_data from '([0-9]{4})$')::integer) STORED,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, description), 'B')
    ) STORED`);
  await knex.raw('CREATE INDEX products_search ON products USING gin (search)');
  // The listing's two orders, over published products only.
  await knex.raw('CREATE INDEX products_posted ON products (posted_at DESC, id DESC) WHERE published');
  await knex.raw('CREATE INDEX products_title ON products (lower(title), id) WHERE published');
  await knex.raw('CREATE INDEX products_group ON products (product_group_id) WHERE published');
  await knex.raw('CREATE INDEX products_years ON products (year_from, year_to) WHERE published');
  await knex.raw('CREATE INDEX products_idp ON products (posted_at DESC, id DESC) WHERE published AND in_idp');

  await knex.schema.createTable('product_topics', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('topic_id').notNullable().references('id').inTable('topics').onDelete('RESTRICT');
    t.primary(['product_id', 'topic_id']);
    t.index(['topic_id', 'product_id']);
  });

  await knex.schema.createTable('geography_packages', (t) => {
    t.increments('id').primary();
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('geography', 20).notNullable();
    t.string('catalogue_number', 100).nullable();
    t.date('release_date').nullable();
    // A package exists once its file is in place: an upload creates or replaces it.
    t.string('file_name', 255).notNullable();
    t.bigInteger('file_size').notNullable();
    t.string('file_sha256', 64).notNullable();
    t.string('file_path', 1024).notNullable();
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['product_id', 'geography']);
    t.index(['geography', 'product_id']);
  });
  await knex.raw("ALTER TABLE geography_packages ADD CONSTRAINT geography_packages_geography_check CHECK (geography IN ('PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA', 'CUSTOM'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('geography_packages');
  await knex.schema.dropTable('product_topics');
  await knex.schema.dropTable('products');
  await knex.schema.dropTable('topics');
  await knex.schema.dropTable('product_groups');
  await knex.schema.dropTable('data_providers');
}
