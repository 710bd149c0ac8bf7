import type { Consortia } from './consortia.js';
import type { ConsortiumKind } from './repository.js';

interface DemoConsortium {
  name: string;
  kind: ConsortiumKind;
  region: string;
  description: string;
  members: { name: string; about: string; website: string }[];
}

/** Plausible demo data: the sector network and eight local consortia, each with its lead organization named. */
const CONSORTIA: DemoConsortium[] = [
  {
    name: 'Immigration Sector Network', kind: 'sector-network', region: 'Canada',
    description: 'Settlement and immigrant-serving agencies across Canada sharing custom data on newcomers. Lead organization: the Canadian Council on Social Development.',
    members: [
      { name: 'Canadian Council on Social Development', about: 'Convenes the Community Data Program and the Immigration Sector Network.', website: 'https://www.ccsd.ca/' },
      { name: 'Immigrant Services Calgary', about: 'Settlement, language and employment services for newcomers in Calgary.', website: 'https://www.immigrantservicescalgary.ca/' },
    ],
  },
  {
    name: 'Bow Valley', kind: 'local', region: 'Alberta',
    description: 'The Bow Valley consortium brings together municipalities and non-profits in Banff, Canmore and the MD of Bighorn. Lead organization: the Biosphere Institute of the Bow Valley.',
    members: [
      { name: 'Biosphere Institute of the Bow Valley', about: 'A non-profit that connects people with nature and data in the Bow Valley; lead of the Bow Valley consortium.', website: 'https://www.biosphereinstitute.org/' },
      { name: 'Town of Canmore', about: 'The municipality of Canmore, Alberta.', website: 'https://canmore.ca/' },
      { name: 'Town of Banff', about: 'The municipality of Banff, Alberta.', website: 'https://banff.ca/' },
    ],
  },
  {
    name: 'Calgary', kind: 'local', region: 'Alberta',
    description: 'Data users in Calgary sharing census and custom tabulations. Lead organization: The City of Calgary.',
    members: [
      { name: 'The City of Calgary', about: 'Community strategies and social research; lead of the Calgary consortium.', website: 'https://www.calgary.ca/' },
      { name: 'United Way of Calgary and Area', about: 'Community investment and social research in Calgary and area.', website: 'https://calgaryunitedway.org/' },
      { name: 'Calgary Public Library', about: 'Library services across Calgary.', website: 'https://calgarylibrary.ca/' },
    ],
  },
  {
    name: 'Edmonton', kind: 'local', region: 'Alberta',
    description: 'Edmonton agencies and the municipality sharing neighbourhood data. Lead organization: Edmonton Social Planning Council.',
    members: [
      { name: 'Edmonton Social Planning Council', about: 'Independent social research and policy analysis; lead of the Edmonton consortium.', website: 'https://edmontonsocialplanning.ca/' },
      { name: 'City of Edmonton', about: 'The municipality of Edmonton.', website: 'https://www.edmonton.ca/' },
      { name: 'United Way of the Alberta Capital Region', about: 'Poverty reduction in the Alberta capital region.', website: 'https://www.myunitedway.ca/' },
    ],
  },
  {
    name: 'Waterloo Region', kind: 'local', region: 'Ontario',
    description: 'Municipal and community partners in Waterloo Region. Lead organization: Region of Waterloo.',
    members: [
      { name: 'Region of Waterloo', about: 'Regional government for Cambridge, Kitchener, Waterloo and four townships; lead of the consortium.', website: 'https://www.regionofwaterloo.ca/' },
      { name: 'Social Development Centre Waterloo Region', about: 'Community-based social planning in Waterloo Region.', website: 'https://www.waterlooregion.org/' },
    ],
  },
  {
    name: 'Peel', kind: 'local', region: 'Ontario',
    description: 'Brampton, Caledon and Mississauga partners sharing data on a fast-growing region. Lead organization: Region of Peel.',
    members: [
      { name: 'Region of Peel', about: 'Regional municipality serving Brampton, Caledon and Mississauga; lead of the Peel consortium.', website: 'https://www.peelregion.ca/' },
      { name: 'United Way Greater Toronto', about: 'Community services across Peel, Toronto and York Region.', website: 'https://www.unitedwaygt.org/' },
      { name: 'Brampton Library', about: 'Public library services in Brampton.', website: 'https://www.bramptonlibrary.ca/' },
    ],
  },
  {
    name: 'Ottawa', kind: 'local', region: 'Ontario',
    description: 'The municipality and community agencies of Ottawa. Lead organization: Social Planning Council of Ottawa.',
    members: [
      { name: 'Social Planning Council of Ottawa', about: 'Research and community development in Ottawa; lead of the Ottawa consortium.', website: 'https://www.spcottawa.on.ca/' },
      { name: 'City of Ottawa', about: 'The municipality of Ottawa.', website: 'https://ottawa.ca/' },
      { name: 'Ottawa Public Library', about: 'Library services across Ottawa.', website: 'https://biblioottawalibrary.ca/' },
      { name: 'United Way East Ontario', about: 'Community investment in Ottawa and eastern Ontario.', website: 'https://www.unitedwayeo.ca/' },
    ],
  },
  {
    name: 'Halifax', kind: 'local', region: 'Nova Scotia',
    description: 'Halifax Regional Municipality and partners. Lead organization: Halifax Regional Municipality.',
    members: [
      { name: 'Halifax Regional Municipality', about: 'The municipality of Halifax; lead of the Halifax consortium.', website: 'https://www.halifax.ca/' },
      { name: 'United Way Halifax', about: 'Community investment in Halifax.', website: 'https://www.unitedwayhalifax.ca/' },
    ],
  },
  {
    name: 'Winnipeg', kind: 'local', region: 'Manitoba',
    description: 'Winnipeg agencies working with community data. Lead organization: Social Planning Council of Winnipeg.',
    members: [
      { name: 'Social Planning Council of Winnipeg', about: 'Social policy and planning in Winnipeg; lead of the Winnipeg consortium.', website: 'https://spcw.mb.ca/' },
      { name: 'City of Winnipeg', about: 'The municipality of Winnipeg.', website: 'https://www.winnipeg.ca/' },
      { name: 'United Way Winnipeg', about: 'Community investment in Winnipeg.', website: 'https://www.unitedwaywinnipeg.ca/' },
    ],
  },
  {
    name: 'Greater Victoria', kind: 'local', region: 'British Columbia',
    description: 'Capital Regional District partners. Lead organization: Community Social Planning Council of Greater Victoria.',
    members: [
      { name: 'Community Social Planning Council of Greater Victoria', about: 'Social research and planning in the capital region; lead of the Greater Victoria consortium.', website: 'https://www.communitycouncil.ca/' },
      { name: 'Capital Regional District', about: 'Regional government for the Greater Victoria area.', website: 'https://www.crd.bc.ca/' },
      { name: 'Greater Victoria Public Library', about: 'Library services in Greater Victoria.', website: 'https://www.gvpl.ca/' },
    ],
  },
];

/** Organizations waiting for an operator, so the queue at /admin/organizations is not empty. */
const PENDING = [
  { consortium: 'Calgary', name: 'Calgary Catholic Immigration Society', about: 'Settlement and integration services for immigrants and refugees.', website: 'https://www.ccisab.ca/', contactName: 'Dana Lee', contactEmail: 'dana.lee@example.org' },
  { consortium: 'Halifax', name: 'Halifax Public Libraries', about: 'Library services across Halifax.', website: 'https://www.halifaxpubliclibraries.ca/', contactName: 'Sam Roy', contactEmail: 'sam.roy@example.org' },
];

const FIRST_YEAR = 2016;
const CURRENT_YEAR = 2019;

export async function loadDemoConsortia(consortia: Consortia): Promise<void> {
  let current: number | null = null;
  for (let year = FIRST_YEAR; year <= CURRENT_YEAR; year++) current = (await consortia.addProgramYear(year)).id;
  if (current !== null) await consortia.markProgramYearCurrent(current);
  const ids = new Map<string, number>();
  for (const { members, ...consortium } of CONSORTIA) {
    const { id } = await consortia.addConsortium(consortium);
    ids.set(consortium.name, id);
    for (const member of members) {
      await consortia.importOrganization({ ...member, consortiumId: id, programYearId: current, contactName: '', contactEmail: '' }, 'approved');
    }
  }
  for (const { consortium, ...organization } of PENDING) {
    const consortiumId = ids.get(consortium);
    if (consortiumId === undefined) continue;
    await consortia.importOrganization({ ...organization, consortiumId, programYearId: current }, 'pending');
  }
}
