import type { CurrentUser, PermissionRegistry } from '../../core/auth/permissions.js';
import { GEOGRAPHIES } from '../catalogue/geographies.js';
import type { CommerceRepository, OrderLineRow, OrderListRow, OrderRow } from './repository.js';

export const ORDERS_PER_PAGE = 50;
export const VIEW_ALL_ORDERS = 'view all orders';

export interface OrderPage {
  orders: OrderListRow[];
  page: number;
  pages: number;
  total: number;
  previous: number | undefined;
  next: number | undefined;
}

export interface OrderDetail extends OrderRow {
  lines: (OrderLineRow & { geographyLabel: string })[];
}

const labelOf = (code: string): string => GEOGRAPHIES.find((g) => g.code === code)?.label ?? code;

/** Order history: a user's own orders, and all orders for operators. */
export class Orders {
  private readonly repository: CommerceRepository;
  private readonly permissions: PermissionRegistry;

  constructor({ commerceRepository, permissions }: { commerceRepository: CommerceRepository; permissions: PermissionRegistry }) {
    this.repository = commerceRepository;
    this.permissions = permissions;
  }

  /** The owner and operators see a user's orders; to anybody else they do not exist. */
  mayView(viewer: CurrentUser | undefined, ownerId: number): boolean {
    return viewer !== undefined && (viewer.id === ownerId || this.permissions.allows(viewer, VIEW_ALL_ORDERS));
  }

  /** One page of orders, newest first: a user's, or everybody's when userId is undefined. */
  async page(userId: number | undefined, requested: number): Promise<OrderPage> {
    const total = await this.repository.countOrders(userId);
    const pages = Math.max(1, Math.ceil(total / ORDERS_PER_PAGE));
    const page = Math.min(Math.max(1, requested), pages);
    const orders = await this.repository.listOrders(userId, ORDERS_PER_PAGE, (page - 1) * ORDERS_PER_PAGE);
    return { orders, page, pages, total, previous: page > 1 ? page - 1 : undefined, next: page < pages ? page + 1 : undefined };
  }

  /** The order with its lines, when it is this user's. */
  async find(ownerId: number, orderId: number): Promise<OrderDetail | undefined> {
    const order = await this.repository.findOrder(orderId);
    if (!order || order.user_id !== ownerId) return undefined;
    const lines = await this.repository.orderLines(order.id);
    return { ...order, lines: lines.map((l) => ({ ...l, geographyLabel: labelOf(l.geography) })) };
  }
}
