import type { Knex } from 'knex';

export interface CartLineRow {
  id: number;
  user_id: number;
  product_id: number;
  geographies: string[];
  added_at: Date;
}

export interface OrderRow {
  id: number;
  user_id: number;
  created_at: Date;
  submission_key: string;
}

export interface OrderLineRow {
  id: number;
  order_id: number;
  product_id: number | null;
  product_title: string;
  package_id: number | null;
  geography: string;
  file_name: string;
}

export type NewOrderLine = Omit<OrderLineRow, 'id'>;

/** A row of an order list: the order, whose it is, and how many files it holds. */
export interface OrderListRow extends OrderRow {
  username: string;
  line_count: number;
}

export interface Recipient {
  id: number;
  username: string;
  email: string;
}

/** The cart, cart state, orders and order lines tables. */
export class CommerceRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  cartLines(userId: number, trx: Knex | Knex.Transaction = this.db): Promise<CartLineRow[]> {
    return trx<CartLineRow>('cart_lines').where({ user_id: userId }).orderBy([{ column: 'added_at' }, { column: 'id' }]);
  }

  /** The user's cart lines, locked until the transaction ends, so two checkouts cannot both order them. */
  lockCartLines(trx: Knex.Transaction, userId: number): Promise<CartLineRow[]> {
    return trx<CartLineRow>('cart_lines').where({ user_id: userId }).orderBy([{ column: 'added_at' }, { column: 'id' }]).forUpdate();
  }

  findCartLine(userId: number, productId: number): Promise<CartLineRow | undefined> {
    return this.db<CartLineRow>('cart_lines').where({ user_id: userId, product_id: productId }).first();
  }

  /** Adds the product's line, or merges the geographies into the line it already has. */
  async mergeCartLine(userId: number, productId: number, geographies: string[]): Promise<void> {
    await this.db.raw(
      `insert into cart_lines (user_id, product_id, geographies) values (?, ?, ?::text[])
       on conflict (user_id, product_id) do update
       set geographies = array(select distinct g from unnest(cart_lines.geographies || excluded.geographies) as g order by g)`,
      [userId, productId, geographies],
    );
  }

  async removeCartLines(userId: number, lineIds: number[]): Promise<number> {
    if (lineIds.length === 0) return 0;
    return this.db('cart_lines').where({ user_id: userId }).whereIn('id', lineIds).delete();
  }

  async clearCart(trx: Knex.Transaction, userId: number): Promise<void> {
    await trx('cart_lines').where({ user_id: userId }).delete();
  }

  async continueUrl(userId: number): Promise<string | undefined> {
    const row = await this.db('cart_state').where({ user_id: userId }).first<{ continue_url: string | null } | undefined>('continue_url');
    return row?.continue_url ?? undefined;
  }

  async setContinueUrl(userId: number, url: string): Promise<void> {
    await this.db('cart_state').insert({ user_id: userId, continue_url: url }).onConflict('user_id').merge(['continue_url']);
  }

  /** A new order for this submission key, or undefined when an order already has the key. */
  async insertOrder(trx: Knex.Transaction, userId: number, submissionKey: string): Promise<OrderRow | undefined> {
    const rows = await trx<OrderRow>('orders').insert({ user_id: userId, submission_key: submissionKey })
      .onConflict('submission_key').ignore().returning(['id', 'user_id', 'created_at', 'submission_key']);
    return rows[0];
  }

  async insertOrderLines(trx: Knex.Transaction, lines: NewOrderLine[]): Promise<void> {
    if (lines.length > 0) await trx('order_lines').insert(lines);
  }

  findOrderByKey(submissionKey: string): Promise<OrderRow | undefined> {
    return this.db<OrderRow>('orders').where({ submission_key: submissionKey }).first();
  }

  findOrder(id: number): Promise<OrderRow | undefined> {
    return this.db<OrderRow>('orders').where({ id }).first();
  }

  orderLines(orderId: number): Promise<OrderLineRow[]> {
    return this.db<OrderLineRow>('order_lines').where({ order_id: orderId }).orderBy('id');
  }

  /** Orders newest first, one page of them; all users' when userId is undefined. */
  listOrders(userId: number | undefined, limit: number, offset: number): Promise<OrderListRow[]> {
    const query = this.db('orders as o')
      .join('users as u', 'u.id', 'o.user_id')
      .select('o.id', 'o.user_id', 'o.created_at', 'o.submission_key', 'u.username')
      .select(this.db.raw('(select count(*)::int from order_lines l where l.order_id = o.id) as line_count'))
      .orderBy([{ column: 'o.created_at', order: 'desc' }, { column: 'o.id', order: 'desc' }])
      .limit(limit).offset(offset);
    if (userId !== undefined) query.where('o.user_id', userId);
    return query as unknown as Promise<OrderListRow[]>;
  }

  async countOrders(userId?: number): Promise<number> {
    const query = this.db('orders');
    if (userId !== undefined) query.where({ user_id: userId });
    const row = await query.count<{ count: string | number }[]>({ count: '*' }).first();
    return Number(row?.count ?? 0);
  }

  /** Who receives the order's e-mail (the users table belongs to membership, which every site has). */
  findRecipient(userId: number): Promise<Recipient | undefined> {
    return this.db<Recipient>('users').where({ id: userId }).first('id', 'username', 'email');
  }
}
