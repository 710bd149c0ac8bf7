import type { Knex } from 'knex';
import type { Translator } from '../../core/theme/translator.js';
import type { CompletedOrder, Fulfiller } from '../commerce-free-checkout/fulfilment.js';
import type { DownloadsRepository, LimitsRow, PurchasedFileRow } from './repository.js';

export const PAGE_SIZE = 50;

export interface FilesPage {
  files: PurchasedFileRow[];
  total: number;
  page: number;
  pages: number;
}

export type Limits = Pick<LimitsRow, 'download_limit' | 'address_limit' | 'expire_days'>;

/**
 * Purchased files: granted by orders (the Fulfiller the checkout calls inside the
 * order's transaction), listed for their owner and for operators, reset by
 * operators; and the download limits that orders grant.
 */
export class PurchasedFiles implements Fulfiller {
  private readonly repository: DownloadsRepository;
  private readonly translator: Translator;

  constructor({ downloadsRepository, translator }: { downloadsRepository: DownloadsRepository; translator: Translator }) {
    this.repository = downloadsRepository;
    this.translator = translator;
  }

  /** One purchased file per order line, with the limits of the line's product (or the global default). */
  async fulfil(trx: Knex.Transaction, order: CompletedOrder): Promise<void> {
    for (const line of order.lines) {
      const limits = await this.repository.limitsFor(trx, line.productId);
      await this.repository.grant(trx, {
        userId: order.userId,
        packageId: line.packageId,
        orderId: order.id,
        downloadLimit: limits?.download_limit ?? null,
        addressLimit: limits?.address_limit ?? null,
        expireDays: limits?.expire_days ?? null,
      });
    }
  }

  /** Buying again what one already owns without limits would add nothing. */
  async refuseAdd(userId: number, packageIds: number[]): Promise<string | undefined> {
    if (packageIds.length === 0) return undefined;
    const file = await this.repository.ownedUnlimited(userId, packageIds);
    return file === undefined ? undefined : this.translator.t('refuseAdd.owned', { file }, 'file-downloads');
  }

  /** A page of one user's files, or of everybody's (userId undefined), newest first. */
  async page(userId: number | undefined, requested: number): Promise<FilesPage> {
    const total = await this.repository.countForUser(userId);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(Math.max(1, requested), pages);
    const files = await this.repository.pageForUser(userId, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return { files, total, page, pages };
  }

  find(id: number): Promise<PurchasedFileRow | undefined> {
    return this.repository.findFile(id);
  }

  /** Operators give a user a fresh start on a file: no downloads, no addresses. */
  reset(id: number): Promise<boolean> {
    return this.repository.reset(id);
  }

  limits(): Promise<LimitsRow[]> {
    return this.repository.allLimits();
  }

  /** The global default (no slug) or a product's limits; false when there is no such product. */
  async saveLimits(productSlug: string | undefined, limits: Limits): Promise<boolean> {
    if (!productSlug) {
      await this.repository.saveLimits(null, limits);
      return true;
    }
    const productId = await this.repository.productIdBySlug(productSlug);
    if (productId === undefined) return false;
    await this.repository.saveLimits(productId, limits);
    return true;
  }

  removeProductLimits(productId: number): Promise<void> {
    return this.repository.removeProductLimits(productId);
  }
}
