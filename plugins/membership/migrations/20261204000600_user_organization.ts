import type { Knex } from 'knex';

/** The member organization a user works for (from the consortia plugin); the administrator has none. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('organization_id').nullable().references('id').inTable('member_organizations').onDelete('RESTRICT');
    t.index(['organization_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('organization_id');
  });
}
