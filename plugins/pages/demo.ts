import type { Pages } from './pages.js';

/** The CDP's basic pages, worded after communitydata.ca. Operators edit them later. */
const DEMO_PAGES: { path: string; title: string; body_markdown: string; kind?: 'article' }[] = [
  {
    path: '/',
    title: 'Community Data Program',
    body_markdown: `The **Community Data Program (CDP)** is a gateway to custom data for community organizations across Canada. Local data consortia of municipalities, United Ways, social planning councils, school, library and police boards, health and settlement agencies share the cost of Statistics Canada and other data, and every member organization's staff can download it.

## Find data

Browse the [full data catalogue](/data): Census profiles and target group profiles, taxfiler tables and more than 800 other products for standard and custom geographies.

## Join

If your organization belongs to a [local data consortium](/consortia), [register as an individual user](/user/register). If a consortium exists in your community, your organization can [join it as a member organization](/node/add/member-organization).

## Learn

Our [resources](/resources) show how to find and use community data, from webinars to step-by-step guides.`,
  },
  {
    path: '/about',
    title: 'About the Community Data Program',
    body_markdown: `The Community Data Program is run by the Canadian Council on Social Development (CCSD). Over 30 local data consortia, each with a lead organization, bring together 350 to 400 member organizations and more than 1,500 users.

Members get custom tables that would cost each organization far more alone, and a network of people who use community data to plan services and tell their communities' stories.

- [Become a member](/about/become-a-member)
- [Local data consortia](/consortia)`,
  },
  {
    path: '/about/become-a-member',
    title: 'Become a member',
    body_markdown: `Member organizations are not-for-profit entities with a local (sub-provincial) mandate: municipal governments, United Ways, social planning councils, school boards, public libraries, police services, health and settlement agencies.

1. Check the [list of local data consortia](/consortia) for one in your community.
2. If there is one, [register your organization as a member](/node/add/member-organization) of that consortium. An operator approves it within two business days.
3. Your staff then [create their user accounts](/user/register) under your organization.

If there is no consortium in your area, write to information@communitydata.ca: we can help you start one.`,
  },
  {
    path: '/resources',
    title: 'Resources',
    body_markdown: `Guides and examples to help you find and use community data.

- [Webinars](/resources/webinars)
- ["How-to" find and use our data](/resources/how-to-use)
- [Create your own Community Report](/resources/community-report)
- [How CDP members use community data](/resources/member-stories)
- [CCSD Publications](https://www.ccsd.ca/)
- [External Data Resources](/resources/external-data)`,
  },
  {
    path: '/resources/how-to-use',
    title: '"How-to" find and use our data',
    body_markdown: `## Finding data

The [data catalogue](/data) lists every product. Search by title or description, then narrow the list by topic, product group, geography and year.

## Ordering

Each product offers one or more **geography packages** (for example \`PT CD CSD DA\` or \`CMA CA CT\`). Tick the ones you need, add them to your cart and check out: there is no cost to members.

## Downloading

Your files wait on your **File downloads** page, under My Account. Download each file once it has finished transferring, and do not use download accelerators.`,
  },
  {
    path: '/resources/webinars',
    title: 'Webinars',
    body_markdown: 'Recordings of CDP webinars: introductions to the catalogue, working with Census tables, mapping community data, and members showing their own work. New sessions are announced in the [news](/news).',
  },
  {
    path: '/resources/community-report',
    title: 'Create your own Community Report',
    body_markdown: 'Choose a geography and a set of indicators to build a report for your community from the target group profiles and Census tables in the catalogue.',
  },
  {
    path: '/resources/member-stories',
    title: 'How CDP members use community data',
    body_markdown: 'Member organizations use CDP data to plan services, write funding proposals, publish community profiles and track change over time. Their stories show what is possible.',
  },
  {
    path: '/resources/external-data',
    title: 'External Data Resources',
    body_markdown: 'Other sources of open and community data in Canada, including Statistics Canada\'s open data, provincial data portals and municipal open data sites.',
  },
  {
    path: '/news',
    title: 'News',
    body_markdown: 'News from the Community Data Program: new data in the catalogue, webinars and program announcements.',
  },
  {
    path: '/join',
    title: 'Join the Community Data Program',
    body_markdown: `Is your organization already part of a Data Consortium? [Register as an individual user and find out more about the CDP.](/user/register)

If a Consortium already exists in your community, you can [join an existing Consortium as a Member Organization](/node/add/member-organization).`,
  },
];

/** News articles, oldest first, so the newest is saved last. */
const DEMO_NEWS: { path: string; title: string; body_markdown: string; kind: 'article' }[] = [
  {
    kind: 'article',
    path: '/news/immigration-data-portal',
    title: 'Immigration Data Portal opens to Local Immigration Partnerships',
    body_markdown: `Local Immigration Partnerships (LIPs) that cannot join a local data consortium can now register with the CDP's **Immigration Sector Network** and order immigration tables from the Immigration Data Portal.

LIPs whose Contribution Agreement holder already belongs to a local data consortium can register under their CA holder and use the full catalogue.`,
  },
  {
    kind: 'article',
    path: '/news/webinar-target-group-profiles',
    title: 'Webinar: working with target group profiles',
    body_markdown: 'Join us for a one-hour introduction to the Census target group profiles: what they contain, how to choose a geography package, and how to open the tables in a spreadsheet.',
  },
  {
    kind: 'article',
    path: '/news/census-2021-target-group-profiles',
    title: '2021 Census target group profiles now available',
    body_markdown: 'Profiles of recent immigrants, visible minorities and Indigenous peoples for standard and custom geographies have been added to the catalogue.',
  },
];

export async function loadDemoPages(pages: Pages): Promise<void> {
  for (const page of [...DEMO_PAGES, ...DEMO_NEWS]) await pages.seed(page);
}
