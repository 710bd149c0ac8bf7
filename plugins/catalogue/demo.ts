import type { Catalogue, ProductFields } from './catalogue.js';
import { geography, type GeographyCode } from './geographies.js';
import { sampleZip } from './samples.js';

interface DemoProduct extends Omit<ProductFields, 'published' | 'customGeographiesUrl' | 'notes'> {
  notes?: string;
  customGeographiesUrl?: string;
  /** The provider's file name stem: `<stem>_<geography>.zip`. */
  fileStem: string;
  catalogueNumber: string;
  geographies: GeographyCode[];
}

const STATCAN = 'Statistics Canada';
const TGP_2016 = 'Census, 2016 - Target group profile';
const TABLES_2016 = 'Census, 2016 - Data tables';
const TABLES_2021 = 'Census, 2021 - Data tables';
const TGP_2021 = 'Census, 2021 - Target group profile';
const TAXFILER = 'Taxfiler - Annual estimates';
const ALL: GeographyCode[] = ['PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA', 'CUSTOM'];
const STANDARD: GeographyCode[] = ['PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA'];
const CUSTOM_LIST = '/resources/how-to-use';

const TGP_NOTES = 'Target group profiles (TGPs) provide data for a specific group of persons (a "target group"). All variables in the target group profile relate to these persons: their age, their gender, their family status (e.g. are they in a census family), the languages they speak, and so on. Because TGPs deal with the universe of persons, they do not contain any family- or household-specific variables. For example, the number of census families in private households does not relate to a person, but to a family, and so it is not included in TGPs.';

/** The four products of the guide's IDP catalogue (step 4), first rows of the demo catalogue. */
const IDP_PRODUCTS: DemoProduct[] = [
  {
    title: 'Target group profile of the recent immigrant population, Census, 2016', dataProvider: STATCAN, productGroup: TGP_2016,
    topics: ['Immigration'], yearsWithinData: '2016', postedAt: '2019-03-24', inIdp: true, geographies: ALL,
    description: 'Target group profiles (TGP) provide Census Profile variables for a subset, or target group, of the population. This TGP is for the population of recent immigrants having immigrated between 2011 and 2016. N.B. when interpreting income statistics that immigrants arriving in 2015 and 2016 will not have a full year of 2015 income.',
    notes: TGP_NOTES, customGeographiesUrl: CUSTOM_LIST, fileStem: 'sc_cen-rec_2016_tgp-pgc_recent_immigrants', catalogueNumber: '98-510-X2016001',
  },
  {
    title: 'Target group profile of the immigrant population, Census, 2016', dataProvider: STATCAN, productGroup: TGP_2016,
    topics: ['Immigration'], yearsWithinData: '2016', postedAt: '2019-03-24', inIdp: true, geographies: ALL,
    description: 'Target group profiles (TGP) provide Census Profile variables for a subset, or target group, of the population. This TGP is for the population of immigrants, whatever their period of immigration.',
    notes: TGP_NOTES, customGeographiesUrl: CUSTOM_LIST, fileStem: 'sc_cen-rec_2016_tgp-pgc_immigrants', catalogueNumber: '98-510-X2016002',
  },
  {
    title: 'Selected Language, Labour Force, Education, Income and Mobility Status Characteristics (73), Admission Category and Applicant Type (13), Period of Immigration (15) and Sex (3), 2016 Census',
    dataProvider: STATCAN, productGroup: TABLES_2016, yearsWithinData: '2016', postedAt: '2019-03-03', inIdp: true, geographies: STANDARD,
    topics: ['Cultural identity', 'Immigration', 'Language', 'Age, Sex and Population', 'Education', 'Highest Certificate, Degree or Diploma',
      'Location of Study', 'Housing', 'Mobility', 'Work', 'Labour Force', 'Income', 'Individual Income', 'Low income'],
    description: 'Language, labour force, education, income and mobility characteristics of immigrants by admission category and applicant type, period of immigration and sex, for the population in private households.',
    fileStem: 'sc_cen-dt_2016_98-400-X2016364_admission_category', catalogueNumber: '98-400-X2016364',
  },
  {
    title: 'Income in 2015 (36), Highest certificate, diploma or degree (11), Age groups (11), Sex (3) and Immigrant status and period of immigration (6), for the Population 15 Years and Over in Private Households, 2016 Census',
    dataProvider: STATCAN, productGroup: TABLES_2016, yearsWithinData: '2016', postedAt: '2019-01-10', inIdp: true, geographies: STANDARD,
    topics: ['Cultural identity', 'Immigration', 'Demographics', 'Age, Sex and Population', 'Education', 'Income', 'Individual Income'],
    description: 'Income in 2015 by highest certificate, diploma or degree, age groups, sex and immigrant status and period of immigration, for the population aged 15 years and over in private households.',
    fileStem: 'sc_cen-dt_2016_98-400-X2016210_income_education_immigrant_status', catalogueNumber: '98-400-X2016210',
  },
];

/** Target groups of the census target group profiles, with a topic each. */
const TARGET_GROUPS: [string, string, string][] = [
  ['visible minority population', 'Cultural identity', 'visible_minority'],
  ['Indigenous population', 'Indigenous peoples', 'indigenous'],
  ['population in low income', 'Low income', 'low_income'],
  ['seniors population (65 years and over)', 'Age, Sex and Population', 'seniors'],
  ['youth population (15 to 24 years)', 'Age, Sex and Population', 'youth'],
  ['lone-parent population', 'Families', 'lone_parents'],
  ['non-permanent resident population', 'Immigration', 'non_permanent_residents'],
  ['population with a disability', 'Health', 'disability'],
];

const TABLE_SUBJECTS: [string, string[], string][] = [
  ['Housing Tenure (4), Shelter-cost-to-income Ratio (5) and Household Type (10) for Private Households', ['Housing', 'Income'], 'housing_tenure_stir'],
  ['Labour Force Status (8), Visible Minority (15), Age (13) and Sex (3) for the Population Aged 15 Years and Over', ['Labour Force', 'Work', 'Cultural identity'], 'labour_force_visible_minority'],
  ['Mother Tongue (263), Knowledge of Official Languages (5) and Age (7) for the Population in Private Households', ['Language'], 'mother_tongue'],
  ['Mobility Status 1 Year Ago (9), Age (13) and Sex (3) for the Population Aged 1 Year and Over', ['Mobility'], 'mobility_1yr'],
  ['Family Type (11), Number of Children (5) and Family Income Groups (16) for Census Families in Private Households', ['Families', 'Income'], 'family_income'],
  ['Commuting Duration (7), Main Mode of Commuting (10) and Time Leaving for Work (7) for Employed Labour Force', ['Work', 'Transportation'], 'commuting'],
  ['Occupation (National Occupational Classification) (693), Class of Worker (5) and Sex (3)', ['Work', 'Labour Force'], 'occupation_noc'],
  ['Dwelling Condition (4), Period of Construction (12) and Tenure (4) for Occupied Private Dwellings', ['Housing'], 'dwelling_condition'],
];

const TAXFILER_SUBJECTS: [string, string[], string][] = [
  ['Family data: census families by family type and income', ['Families', 'Income'], 'family_data'],
  ['Individual data: taxfilers by sex, age groups and sources of income', ['Individual Income', 'Income'], 'individual_data'],
  ['Low income measures (LIM) for families and persons not in census families', ['Low income'], 'lim'],
  ['Seniors: income and sources of income of persons aged 65 and over', ['Age, Sex and Population', 'Income'], 'seniors'],
  ['Immigrant taxfilers by admission category and years since landing (Longitudinal Immigration Database)', ['Immigration', 'Income'], 'imdb_admission_category'],
];

const OTHER_PROVIDERS: DemoProduct[] = [
  {
    title: 'Canadian Business Counts, with employees, by North American Industry Classification (NAICS), June 2022', dataProvider: STATCAN,
    productGroup: 'Business Register', topics: ['Business', 'Work'], yearsWithinData: '2022', postedAt: '2022-09-15', inIdp: false,
    geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT'], description: 'Counts of business locations with employees by industry and employment size range.',
    fileStem: 'sc_br_2022_business_counts_naics', catalogueNumber: '33-10-0568-01',
  },
  {
    title: 'Population projections by age and sex, 2021 to 2041', dataProvider: 'Alberta Treasury Board and Finance', productGroup: 'Population projections',
    topics: ['Age, Sex and Population', 'Demographics'], yearsWithinData: '2021-2041', postedAt: '2022-07-04', inIdp: false,
    geographies: ['PT_CD_CSD_DA'], description: 'Projected population by single year of age and sex under the medium-growth scenario.',
    fileStem: 'ab_tbf_2021-2041_population_projections', catalogueNumber: 'TBF-PP-2022',
  },
  {
    title: 'Ontario Marginalization Index, 2016', dataProvider: 'Public Health Ontario', productGroup: 'Health indicators',
    topics: ['Health', 'Low income', 'Demographics'], yearsWithinData: '2016', postedAt: '2018-11-20', inIdp: false,
    geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT', 'CUSTOM'], description: 'Four dimensions of marginalization (residential instability, material deprivation, dependency and ethnic concentration) built from census data.',
    fileStem: 'pho_on-marg_2016_index', catalogueNumber: 'ON-MARG-2016',
  },
  {
    title: 'Canadian Index of Multiple Deprivation, 2021', dataProvider: STATCAN, productGroup: 'Deprivation indices',
    topics: ['Low income', 'Housing', 'Cultural identity'], yearsWithinData: '2021', postedAt: '2023-06-12', inIdp: false,
    geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT'], description: 'Residential instability, economic dependency, ethno-cultural composition and situational vulnerability scores for dissemination areas.',
    fileStem: 'sc_cimd_2021_index', catalogueNumber: '45-20-0001',
  },
];

const day = (year: number, index: number): string => {
  const month = String(1 + (index * 5) % 12).padStart(2, '0');
  const dayOfMonth = String(1 + (index * 7) % 28).padStart(2, '0');
  return `${year}-${month}-${dayOfMonth}`;
};

/** About forty plausible CDP tables beside the guide's four. */
function moreProducts(): DemoProduct[] {
  const products: DemoProduct[] = [];
  TARGET_GROUPS.forEach(([group, topic, stem], i) => {
    for (const [year, productGroup, posted] of [[2016, TGP_2016, 2019], [2021, TGP_2021, 2023]] as const) {
      products.push({
        title: `Target group profile of the ${group}, Census, ${year}`, dataProvider: STATCAN, productGroup, topics: [topic],
        yearsWithinData: String(year), postedAt: day(posted, i + year), inIdp: false, geographies: ALL, notes: TGP_NOTES,
        customGeographiesUrl: CUSTOM_LIST,
        description: `Target group profiles (TGP) provide Census Profile variables for a subset, or target group, of the population. This TGP is for the ${group}.`,
        fileStem: `sc_cen-rec_${year}_tgp-pgc_${stem}`, catalogueNumber: `98-510-X${year}${String(10 + i).padStart(3, '0')}`,
      });
    }
  });
  TABLE_SUBJECTS.forEach(([subject, topics, stem], i) => {
    for (const [year, productGroup, posted] of [[2016, TABLES_2016, 2018], [2021, TABLES_2021, 2023]] as const) {
      products.push({
        title: `${subject}, ${year} Census`, dataProvider: STATCAN, productGroup, topics, yearsWithinData: String(year),
        postedAt: day(posted, i * 3 + year), inIdp: false, geographies: STANDARD,
        description: `${subject}, from the ${year} Census of Population long-form questionnaire.`,
        fileStem: `sc_cen-dt_${year}_98-400-X${year}${String(100 + i * 17)}_${stem}`, catalogueNumber: `98-400-X${year}${String(100 + i * 17)}`,
      });
    }
  });
  TAXFILER_SUBJECTS.forEach(([subject, topics, stem], i) => {
    products.push({
      title: `Taxfiler ${subject}, 2016-2020`, dataProvider: STATCAN, productGroup: TAXFILER, topics, yearsWithinData: '2016-2020',
      postedAt: day(2022, i), inIdp: false, geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT'],
      description: `Annual estimates from personal income tax returns (T1 Family File): ${subject.charAt(0).toLowerCase()}${subject.slice(1)}.`,
      fileStem: `sc_tf_2016-2020_${stem}`, catalogueNumber: `13C0016-${String(i + 1).padStart(2, '0')}`,
    });
  });
  return [...products, ...OTHER_PROVIDERS];
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [...IDP_PRODUCTS, ...moreProducts()];

export function demoFileName(product: Pick<DemoProduct, 'fileStem'>, code: GeographyCode): string {
  return `${product.fileStem}_${geography(code).fileSuffix}.zip`;
}

/** The demo catalogue, each package with a small generated sample zip in the files folder. */
export async function loadDemoCatalogue(catalogue: Catalogue): Promise<void> {
  for (const product of DEMO_PRODUCTS) {
    const id = await catalogue.createProduct({
      title: product.title, dataProvider: product.dataProvider, productGroup: product.productGroup, topics: product.topics,
      yearsWithinData: product.yearsWithinData, postedAt: product.postedAt, description: product.description,
      notes: product.notes ?? '', customGeographiesUrl: product.customGeographiesUrl ?? null, inIdp: product.inIdp, published: true,
    });
    for (const code of product.geographies) {
      const fileName = demoFileName(product, code);
      const zip = await sampleZip(fileName, product.title, code, product.dataProvider);
      await catalogue.storeBuffer(id, { geography: code, catalogueNumber: product.catalogueNumber, releaseDate: product.postedAt }, fileName, zip);
    }
  }
}
