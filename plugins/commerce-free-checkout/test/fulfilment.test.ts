import { expect } from 'chai';
import type { Knex } from 'knex';
import type { PluginRegistry } from '../../../core/plugins/registry.js';
import { bootSite, type TestSite } from '../../../test/helpers/site.js';
import { FulfilmentError, OrderFulfilment, type CompletedOrder } from '../fulfilment.js';
import { addToCart, cartRows, insertProduct, member } from './helpers.js';

const ORDER: CompletedOrder = { id: 1, userId: 2, createdAt: new Date(), lines: [] };
const TRX = {} as Knex.Transaction;

/** A registry where only the named plugins are enabled. */
const registry = (enabled: string[]) => ({ isEnabled: (name: string) => enabled.includes(name) }) as unknown as PluginRegistry;

describe('commerce-free-checkout: the fulfilment hook', () => {
  it('runs the fulfillers of enabled plugins only, in the order they were added', async () => {
    const ran: string[] = [];
    const fulfilment = new OrderFulfilment({ plugins: registry(['a', 'c']) });
    for (const name of ['a', 'b', 'c']) fulfilment.add(name, { fulfil: async () => { ran.push(name); } });
    await fulfilment.fulfil(TRX, ORDER);
    expect(ran).to.deep.equal(['a', 'c']);
  });

  it('names the plugin whose fulfiller failed', async () => {
    const fulfilment = new OrderFulfilment({ plugins: registry(['grants']) });
    fulfilment.add('grants', { fulfil: async () => { throw new Error('no space'); } });
    const error = await fulfilment.fulfil(TRX, ORDER).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(FulfilmentError);
    expect((error as FulfilmentError).plugin).to.equal('grants');
  });

  it('gives the first refusal of an enabled plugin', async () => {
    const fulfilment = new OrderFulfilment({ plugins: registry(['a', 'b']) });
    fulfilment.add('off', { fulfil: async () => undefined, refuseAdd: async () => 'never shown' });
    fulfilment.add('a', { fulfil: async () => undefined });
    fulfilment.add('b', { fulfil: async () => undefined, refuseAdd: async (_user, ids) => (ids.includes(7) ? 'You already have privileges to download x.zip.' : undefined) });
    expect(await fulfilment.refuseAdd(1, [3])).to.equal(undefined);
    expect(await fulfilment.refuseAdd(1, [3, 7])).to.equal('You already have privileges to download x.zip.');
  });

  describe('over HTTP', () => {
    let site: TestSite;
    before(async () => { site = await bootSite({ env: { CAPTCHA: 'false' } }); });
    after(async () => site.close());

    it('shows a refusal beside the Geographies of the product page again (409), the boxes still ticked', async () => {
      const product = await insertProduct(site, { title: 'Refused Census Profile, 2016', geographies: ['CMA_CA_CT', 'ADA'] });
      const fulfilment = site.kernel.container.resolve('fulfilment');
      fulfilment.add('commerce-free-checkout', { fulfil: async () => undefined, refuseAdd: async () => 'You already have privileges to download refused.zip.' });
      try {
        const { agent, id } = await member(site, 'refused-buyer');
        const res = await addToCart(agent, product.id, ['ADA']);
        expect(res.status).to.equal(409);
        expect(res.text).to.match(/has-error[\s\S]*You already have privileges to download refused\.zip\./);
        expect(res.text).to.match(/value="ADA" checked/);
        expect(await cartRows(site, id)).to.deep.equal([]);
      } finally {
        fulfilment.add('commerce-free-checkout', { fulfil: async () => undefined });
      }
    });
  });
});
