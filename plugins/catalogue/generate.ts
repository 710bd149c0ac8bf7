import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Catalogue } from './catalogue.js';
import { GEOGRAPHIES } from './geographies.js';
import type { CatalogueRepository, PackageInput, ProductInput } from './repository.js';
import { sampleZip } from './samples.js';

const BATCH = 1000;
const SUBJECTS = ['Income', 'Labour force status', 'Housing tenure', 'Mother tongue', 'Mobility status', 'Family type', 'Commuting duration',
  'Occupation', 'Highest certificate', 'Visible minority', 'Period of immigration', 'Age groups', 'Dwelling condition', 'Low income status'];
const GROUPS = ['Census, 2016 - Data tables', 'Census, 2021 - Data tables', 'Census, 2016 - Target group profile', 'Census, 2021 - Target group profile', 'Taxfiler - Annual estimates'];
const TOPICS = ['Income', 'Work', 'Housing', 'Language', 'Mobility', 'Families', 'Immigration', 'Education', 'Cultural identity', 'Age, Sex and Population'];
const PROVIDERS = ['Statistics Canada', 'Statistics Canada', 'Statistics Canada', 'Canada Mortgage and Housing Corporation'];
const YEARS = ['2011', '2016', '2021', '2011-2016', '2016-2020'];

/** The i-th plausible product: cycles through subjects, groups and years so the filters have spread. */
function fakeProduct(i: number, run: string, providerIds: number[], groupIds: number[]): ProductInput {
  const subject = SUBJECTS[i % SUBJECTS.length] as string;
  const second = SUBJECTS[(i * 7 + 3) % SUBJECTS.length] as string;
  const years = YEARS[i % YEARS.length] as string;
  const day = new Date(Date.UTC(2012, 0, 1) + (i % 4000) * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `${subject} (${10 + (i % 90)}) by ${second.toLowerCase()} (${3 + (i % 20)}), table ${i + 1}, ${years}`,
    slug: `generated-${run}-${i + 1}`,
    data_provider_id: providerIds[i % providerIds.length] as number,
    product_group_id: groupIds[i % groupIds.length] as number,
    years_within_data: years, posted_at: day,
    description: `Generated for benchmarks: ${subject.toLowerCase()} cross-tabulated by ${second.toLowerCase()} for private households.`,
    notes: '', custom_geographies_url: null, in_idp: i % 10 === 0, published: true,
  };
}

/**
 * Inserts `count` products in batches, each with two topics and two or more
 * packages that all point at one shared sample file. Reports progress after
 * each batch.
 */
export async function generateProducts(catalogue: Catalogue, repository: CatalogueRepository, count: number,
  progress: (done: number) => void = () => undefined): Promise<void> {
  const provider = async (name: string) => (await repository.ensureNamed('data_providers', name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'))).id;
  const providerIds = await Promise.all([...new Set(PROVIDERS)].map(provider));
  const groupIds = await Promise.all(GROUPS.map(async (name) => (await repository.ensureNamed('product_groups', name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, ''))).id));
  const topicIds = await Promise.all(TOPICS.map(async (name) => (await repository.ensureNamed('topics', name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'))).id));

  const relative = path.join('generated', 'sample_generated_tables.zip');
  const zip = await sampleZip('sample_generated_tables.zip', 'Generated table (sample data)', 'CMA_CA_CT', 'Statistics Canada');
  await fs.mkdir(path.join(catalogue.filesDir, 'generated'), { recursive: true });
  await fs.writeFile(path.join(catalogue.filesDir, relative), zip);
  const sha256 = createHash('sha256').update(zip).digest('hex');

  const run = Date.now().toString(36);
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const rows = Array.from({ length: size }, (_, k) => fakeProduct(start + k, run, providerIds, groupIds));
    await repository.transaction(async (trx) => {
      const ids = await repository.insertProducts(rows, trx);
      await repository.insertProductTopics(ids.flatMap((id, k) => [
        { product_id: id, topic_id: topicIds[(start + k) % topicIds.length] as number },
        { product_id: id, topic_id: topicIds[(start + k * 3 + 1) % topicIds.length] as number },
      ]), trx);
      const packages: PackageInput[] = ids.flatMap((id, k) => GEOGRAPHIES.slice(0, 2 + ((start + k) % 3)).map((g) => ({
        product_id: id, geography: g.code, catalogue_number: `GEN-${run}-${start + k + 1}`, release_date: rows[k]?.posted_at ?? null,
        file_name: `sc_generated_${start + k + 1}_${g.fileSuffix}.zip`, file_size: zip.length, file_sha256: sha256, file_path: relative,
      })));
      await repository.insertPackages(packages, trx);
    });
    progress(start + size);
  }
}
