import type { Pages } from '../pages/pages.js';

export const LANDING_PATH = '/resources/immigration-data-portal';

/** The landing page of the guide (step 1), as operators will go on editing it. */
const LANDING_MARKDOWN = `## Survey Participants (%)

| Group | Percentage (%) |
| --- | --- |
| Recent immigrants (0-1 years) | 40.4 |
| Mid-term immigrants (1-10 years) | 29.5 |
| Long-term immigrants (10+ years) | 29.9 |
| All immigrants | 31.4 |
| Non-immigrants | 48.4 |

This portal provides access to a selection of Community Data Program (CDP) resources for Local Immigration Partnerships (LIPs) that are not members of a community data consortium.

If your LIP is already a member of the CDP, you can start looking for data [here](/data).

If your LIP is not a member of the CDP but would like to join a data consortium in your local community, learn how to become a member [here](/about/become-a-member).

If your LIP cannot join a data consortium or there isn't one in your community, it can join the CDP's Immigration Sector Network. First, **[register your LIP here](/node/add/member-organization)**. Under "Consortium," please select **"Immigration Sector Network."** **Under the year, please select the current CDP program year. e.g. "2019/2020."**

A data catalogue accessible to Immigration Sector Network members is available [here](/idp-data).

Users may download products from the catalogue only when their user account has been **activated**.`;

export async function loadLandingPage(pages: Pages): Promise<void> {
  await pages.seed({ path: LANDING_PATH, title: 'Immigration Data Portal', body_markdown: LANDING_MARKDOWN });
}
