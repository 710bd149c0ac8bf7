import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../../config/index.js';
import type { CurrentUser } from '../../core/auth/permissions.js';
import type { UserDirectory } from '../../core/auth/user-directory.js';
import type { EventBus } from '../../core/events.js';
import type { Logger } from '../../core/logger.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { GEOGRAPHIES } from '../catalogue/geographies.js';
import type { Mailer } from '../notifications/mailer.js';
import type { Cart, CartLineView } from './cart.js';
import { FulfilmentError, type CompletedOrder, type OrderFulfilment } from './fulfilment.js';
import type { CommerceRepository, NewOrderLine, OrderRow } from './repository.js';

export type SubmitResult =
  | { kind: 'created' | 'existing'; orderId: number }
  /** Nothing to order: the cart is empty (or was just ordered from another tab). */
  | { kind: 'empty' }
  /** Products the user may no longer order (unpublished, or their access changed). */
  | { kind: 'unavailable'; titles: string[] }
  /** A fulfiller failed: nothing was ordered and the cart is kept. */
  | { kind: 'failed' };

/** Thrown inside the order's transaction to roll it back with a result for the user. */
class Abort extends Error {
  constructor(readonly result: SubmitResult) {
    super(result.kind);
  }
}

const labelOf = (code: string): string => GEOGRAPHIES.find((g) => g.code === code)?.label ?? code;

/** Submit order: one transaction makes the order, runs the fulfillers, empties the cart and queues the e-mails. */
export class Checkout {
  private readonly db: Knex;
  private readonly repository: CommerceRepository;
  private readonly cart: Cart;
  private readonly catalogue: Catalogue;
  private readonly fulfilment: OrderFulfilment;
  private readonly mailer: Mailer;
  private readonly events: EventBus;
  private readonly config: Config;
  private readonly logger: Logger;
  // Resolved when needed: the membership plugin registers it after this plugin's services.
  private readonly userDirectory: () => UserDirectory;

  constructor(deps: {
    db: Knex; commerceRepository: CommerceRepository; cart: Cart; catalogue: Catalogue; fulfilment: OrderFulfilment;
    mailer: Mailer; events: EventBus; config: Config; logger: Logger; userDirectory: UserDirectory;
  }) {
    this.db = deps.db;
    this.repository = deps.commerceRepository;
    this.cart = deps.cart;
    this.catalogue = deps.catalogue;
    this.fulfilment = deps.fulfilment;
    this.mailer = deps.mailer;
    this.events = deps.events;
    this.config = deps.config;
    this.logger = deps.logger;
    this.userDirectory = () => deps.userDirectory;
  }

  /** The token the checkout form carries: submitting that form twice finds the first order. */
  newSubmissionKey(): string {
    return randomBytes(24).toString('base64url');
  }

  async submit(user: CurrentUser, submissionKey: string, requestId?: string): Promise<SubmitResult> {
    const earlier = await this.repository.findOrderByKey(submissionKey);
    if (earlier) return this.existing(user, earlier);
    try {
      return await this.db.transaction((trx) => this.placeOrder(trx, user, submissionKey, requestId));
    } catch (error) {
      if (error instanceof Abort) return error.result;
      if (error instanceof FulfilmentError) {
        this.logger.error({ err: error, reqId: requestId, userId: user.id }, 'order not fulfilled; rolled back');
        return { kind: 'failed' };
      }
      throw error;
    }
  }

  private async placeOrder(trx: Knex.Transaction, user: CurrentUser, submissionKey: string, requestId?: string): Promise<SubmitResult> {
    // The unique key makes a concurrent second submit of this form wait here, then find the first order.
    const order = await this.repository.insertOrder(trx, user.id, submissionKey);
    if (!order) throw new Abort(await this.existingByKey(user, submissionKey));
    // Locked, so a checkout from another tab (another key) waits and then finds the cart empty.
    const rows = await this.repository.lockCartLines(trx, user.id);
    const lines = await this.cart.linesOf(rows, '');
    if (lines.length === 0) throw new Abort({ kind: 'empty' });
    const refused = await this.refusedTitles(user, lines);
    if (refused.length > 0) throw new Abort({ kind: 'unavailable', titles: refused });
    const orderLines: NewOrderLine[] = lines.flatMap((line) => line.packages.map((p) => ({
      order_id: order.id, product_id: line.productId, product_title: line.title, package_id: p.id, geography: p.geography, file_name: p.fileName,
    })));
    await this.repository.insertOrderLines(trx, orderLines);
    const completed: CompletedOrder = {
      id: order.id, userId: user.id, createdAt: order.created_at,
      lines: orderLines.map((l) => ({ productId: l.product_id!, productTitle: l.product_title, packageId: l.package_id!, geography: l.geography, fileName: l.file_name })),
    };
    await this.fulfilment.fulfil(trx, completed);
    await this.repository.clearCart(trx, user.id);
    await this.queueEmails(trx, user, completed);
    this.events.emit('order.completed', { orderId: order.id, userId: user.id }, { trx, requestId });
    return { kind: 'created', orderId: order.id };
  }

  /** The titles of the products the user may not order (any more). */
  private async refusedTitles(user: CurrentUser, lines: CartLineView[]): Promise<string[]> {
    const refused: string[] = [];
    for (const line of lines) {
      const product = await this.catalogue.findProductById(line.productId);
      const access = product ? await this.catalogue.orderAccess(user, product) : { allowed: false };
      if (!access.allowed) refused.push(line.title);
    }
    return refused;
  }

  private async existingByKey(user: CurrentUser, submissionKey: string): Promise<SubmitResult> {
    const order = await this.repository.findOrderByKey(submissionKey);
    return order ? this.existing(user, order) : { kind: 'empty' };
  }

  /** A key is a secret of one user's form: another user's key proves nothing and shows nothing. */
  private existing(user: CurrentUser, order: OrderRow): SubmitResult {
    return order.user_id === user.id ? { kind: 'existing', orderId: order.id } : { kind: 'empty' };
  }

  /** The customer's e-mail and the operators' notice, queued only if the order commits. */
  private async queueEmails(trx: Knex.Transaction, user: CurrentUser, order: CompletedOrder): Promise<void> {
    const recipient = await this.repository.findRecipient(user.id);
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const context = {
      orderId: order.id,
      username: user.username,
      email: recipient?.email ?? '',
      lines: order.lines.map((l) => ({ title: l.productTitle, geography: labelOf(l.geography), fileName: l.fileName })),
      downloadsUrl: `${base}/user/${user.id}/purchased-files`,
      orderUrl: `${base}/user/${user.id}/orders/${order.id}`,
    };
    if (recipient?.email) {
      await this.mailer.send({ to: recipient.email, template: 'order-customer', scope: 'commerce-free-checkout', context, trx });
    }
    for (const to of await this.userDirectory().operatorEmails()) {
      await this.mailer.send({ to, template: 'order-operators', scope: 'commerce-free-checkout', context, trx });
    }
  }
}
