import type { Knex } from 'knex';
import type { Role } from '../../core/auth/permissions.js';

export type AccountStatus = 'active' | 'blocked';

export interface UserRow {
  id: number;
  username: string;
  email: string;
  password_hash: string;
  role: Exclude<Role, 'anonymous'>;
  status: AccountStatus;
  first_name: string;
  last_name: string;
  created_at: Date;
  activated_at: Date | null;
  last_login_at: Date | null;
  /** The member organization the user works for; null for the administrator. */
  organization_id: number | null;
}

/** A row of /admin/people and `npm run users -- list-pending`. */
export interface PersonRow extends Pick<UserRow, 'id' | 'username' | 'email' | 'role' | 'status' | 'created_at' | 'activated_at' | 'first_name' | 'last_name'> {
  organization_name: string | null;
  consortium_name: string | null;
}

/** The account page's view of the user's organization. */
export interface Affiliation {
  organization_name: string;
  organization_slug: string;
  consortium_name: string;
}

export type NewUser = Pick<UserRow, 'username' | 'email' | 'password_hash' | 'role' | 'status'> & Partial<Pick<UserRow, 'first_name' | 'last_name' | 'activated_at' | 'organization_id'>>;

/** The users table, and nothing else. Names and e-mails compare without regard to case. */
export class UsersRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  findById(id: number): Promise<UserRow | undefined> {
    return this.db<UserRow>('users').where({ id }).first();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db<UserRow>('users').whereRaw('lower(username) = lower(?)', [username]).first();
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db<UserRow>('users').whereRaw('lower(email) = lower(?)', [email]).first();
  }

  /** The account a "request new password" names, by username or e-mail address. */
  findByNameOrEmail(value: string): Promise<UserRow | undefined> {
    return this.db<UserRow>('users').whereRaw('lower(username) = lower(?) or lower(email) = lower(?)', [value, value]).orderBy('id').first();
  }

  async create(user: NewUser, trx?: Knex.Transaction): Promise<UserRow> {
    const [row] = await (trx ?? this.db)<UserRow>('users').insert(user).returning('*');
    return row as UserRow;
  }

  /** Pending accounts (blocked, never activated) first, oldest first; then the others, newest first. */
  listPeople(options: { pendingOnly?: boolean } = {}): Promise<PersonRow[]> {
    const query = this.db('users as u')
      .leftJoin('member_organizations as o', 'o.id', 'u.organization_id')
      .leftJoin('consortia as c', 'c.id', 'o.consortium_id')
      .select('u.id', 'u.username', 'u.email', 'u.role', 'u.status', 'u.created_at', 'u.activated_at', 'u.first_name', 'u.last_name',
        'o.name as organization_name', 'c.name as consortium_name')
      .orderByRaw("(u.status = 'blocked' and u.activated_at is null) desc")
      .orderByRaw("case when u.status = 'blocked' and u.activated_at is null then u.created_at end asc")
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id', 'desc');
    if (options.pendingOnly) query.where('u.status', 'blocked').whereNull('u.activated_at');
    return query;
  }

  findAffiliation(organizationId: number): Promise<Affiliation | undefined> {
    return this.db('member_organizations as o').join('consortia as c', 'c.id', 'o.consortium_id')
      .where('o.id', organizationId)
      .first('o.name as organization_name', 'o.slug as organization_slug', 'c.name as consortium_name');
  }

  /** Activation stamps activated_at once, so a later block does not make the account "pending" again. */
  async activate(id: number, role: UserRow['role']): Promise<UserRow | undefined> {
    const [row] = await this.db<UserRow>('users').where({ id })
      .update({ status: 'active', role, activated_at: this.db.raw('coalesce(activated_at, now())') as unknown as Date })
      .returning('*');
    return row;
  }

  async update(id: number, changes: Partial<Pick<UserRow, 'status' | 'role' | 'email' | 'password_hash'>>): Promise<UserRow | undefined> {
    const [row] = await this.db<UserRow>('users').where({ id }).update(changes).returning('*');
    return row;
  }

  async anyWithRole(role: UserRow['role']): Promise<boolean> {
    return (await this.db('users').where({ role }).first('id')) !== undefined;
  }

  async countActiveAdministrators(): Promise<number> {
    const row = await this.db('users').where({ role: 'administrator', status: 'active' }).count<{ count: string }[]>('id as count').first();
    return Number(row?.count ?? 0);
  }

  /** The e-mail addresses of active operators and administrators. */
  operatorEmails(): Promise<string[]> {
    return this.db('users').whereIn('role', ['operator', 'administrator']).andWhere({ status: 'active' }).orderBy('id').pluck('email');
  }

  async recordLogin(id: number, passwordHash?: string): Promise<void> {
    await this.db('users').where({ id }).update({ last_login_at: this.db.fn.now(), ...(passwordHash ? { password_hash: passwordHash } : {}) });
  }
}
