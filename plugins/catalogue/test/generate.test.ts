import { expect } from 'chai';
import { bootSite, type TestSite } from '../../../test/helpers/site.js';
import { generateProducts } from '../generate.js';

describe('catalogue: generating products for benchmarks', () => {
  let site: TestSite;

  before(async () => { site = await bootSite({ env: { DEMO_CONTENT: 'false' } }); });
  after(() => site.close());

  it('inserts N products in batches with topics and packages, reporting progress', async () => {
    const seen: number[] = [];
    const container = site.kernel.container;
    await generateProducts(container.resolve('catalogue'), container.resolve('catalogueRepository'), 1205, (done) => seen.push(done));
    expect(seen).to.deep.equal([1000, 1205]);
    const page = (await site.agent().get('/data?sort=title&page=2').expect(200)).text;
    expect(page).to.include('Products found: 1205');
    expect(page).to.include('Page 2 of 25');
    const db = container.resolve('db');
    const packages = await db('geography_packages').count<{ n: string }[]>('* as n').first();
    expect(Number(packages?.n)).to.be.greaterThan(2 * 1205 - 1);
    const product = await container.resolve('catalogue').findProductBySlug(String((await db('products').first('slug') as { slug: string }).slug));
    expect(product?.packages[0]?.fileName).to.match(/^sc_generated_\d+_PT_CD_CSD_DA\.zip$/);
  });
});
