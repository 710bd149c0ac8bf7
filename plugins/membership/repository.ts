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
}

export type NewUser = Pick<UserRow, 'username' | 'email' | 'password_hash' | 'role' | 'status'> & Partial<Pick<UserRow, 'first_name' | 'last_name' | 'activated_at'>>;

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

  async create(user: NewUser): Promise<UserRow> {
    const [row] = await this.db<UserRow>('users').insert(user).returning('*');
    return row as UserRow;
  }

  async anyWithRole(role: UserRow['role']): Promise<boolean> {
    return (await this.db('users').where({ role }).first('id')) !== undefined;
  }

  /** The e-mail addresses of active operators and administrators. */
  operatorEmails(): Promise<string[]> {
    return this.db('users').whereIn('role', ['operator', 'administrator']).andWhere({ status: 'active' }).orderBy('id').pluck('email');
  }

  async recordLogin(id: number, passwordHash?: string): Promise<void> {
    await this.db('users').where({ id }).update({ last_login_at: this.db.fn.now(), ...(passwordHash ? { password_hash: passwordHash } : {}) });
  }
}
