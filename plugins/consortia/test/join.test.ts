import { expect } from 'chai';
import { bootSite, type TestSite } from '../../../test/helpers/site.js';
import { consortiumId, FORM, inputValue, mailTo, submitOrganization } from './helpers.js';

describe('consortia: the Create Member Organization form', () => {
  let site: TestSite;
  let bowValley: number;
  let network: number;
  const operatorMail = 'admin@localhost';

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    bowValley = await consortiumId(site, 'Bow Valley');
    network = await consortiumId(site, 'Immigration Sector Network');
  });
  after(async () => site.close());

  const valid = () => ({
    name: 'Canmore Immigration Partnership',
    about: 'A Local Immigration Partnership in Canmore.',
    website: 'https://lip.example.org',
    consortium: String(network),
    program_year: '',
    contact_name: 'Ada Lovelace',
    contact_email: 'ada@example.org',
  });

  it('shows the guide\'s labels, breadcrumbs and the current program year selected', async () => {
    const res = await site.agent().get(FORM).expect(200);
    expect(res.text).to.include('<title>Create Member Organization');
    for (const label of ['Organization name', 'About this organization', 'Website', 'Consortium', 'Program year joined',
      'Organization contact name', 'Organization contact email', '- Select a value -', '>Save</button>']) {
      expect(res.text).to.include(label);
    }
    expect(res.text).to.match(/Node[\s\S]*Add content[\s\S]*Create Member Organization/);
    expect(res.text).to.include('>Immigration Sector Network</option>');
    expect(res.text).to.match(/<option value="\d+" selected>2019\/2020<\/option>/);
  });

  it('is in the Join menu', async () => {
    const res = await site.agent().get('/').expect(200);
    expect(res.text).to.include('href="/node/add/member-organization"');
    expect(res.text).to.include('Join an existing consortium as a member organization');
  });

  const refusals: [string, Record<string, string>, string, string][] = [
    ['a missing name', { name: '  ' }, 'name', 'Organization name field is required.'],
    ['a name over 255 characters', { name: 'x'.repeat(256) }, 'name', 'Organization name cannot be longer than 255 characters.'],
    ['a website that is not a web address', { website: 'not a site' }, 'website', 'Website must be a web address'],
    ['a website of another scheme', { website: 'javascript:alert(1)' }, 'website', 'Website must be a web address'],
    ['no consortium', { consortium: '' }, 'consortium', 'Consortium field is required.'],
    ['a consortium that does not exist', { consortium: '99999' }, 'consortium', 'An illegal choice has been detected in Consortium.'],
    ['a program year that does not exist', { program_year: '99999' }, 'program_year', 'An illegal choice has been detected in Program year joined.'],
    ['a contact e-mail that is not one', { contact_email: 'ada at example' }, 'contact_email', 'Organization contact email must be a valid e-mail address'],
  ];
  for (const [what, change, field, message] of refusals) {
    it(`refuses ${what}, beside the field, keeping what was typed`, async () => {
      const typed = { ...valid(), name: `Refused ${field} ${Object.keys(change).join()}`, ...change };
      const res = await submitOrganization(site.agent(), typed);
      expect(res.status).to.equal(400);
      expect(res.text).to.include(message);
      expect(res.text).to.match(new RegExp(`form-item has-error">\\s*<label for="edit-${field.replace('_', '-')}"`));
      if (field !== 'name') expect(inputValue(res.text, 'name')).to.equal(typed.name);
      if (field !== 'website') expect(inputValue(res.text, 'website')).to.equal(typed.website);
      expect(res.text).to.include('>A Local Immigration Partnership in Canmore.</textarea>');
      if (field === 'contact_email') expect(inputValue(res.text, 'contact_email')).to.equal('ada at example');
      const count = await site.kernel.container.resolve('db')('member_organizations').where({ name: typed.name }).count<{ n: string }[]>('id as n');
      expect(Number(count[0]?.n)).to.equal(0);
    });
  }

  it('escapes what was typed when showing it again', async () => {
    const res = await submitOrganization(site.agent(), { ...valid(), name: '<script>x</script>', consortium: '' });
    expect(res.status).to.equal(400);
    expect(res.text).not.to.include('<script>x</script>');
    expect(res.text).to.include('&lt;script&gt;x&lt;/script&gt;');
  });

  it('saves a pending organization, says approval may take two business days, and e-mails the contact and the operators', async () => {
    const agent = site.agent();
    const res = await submitOrganization(agent, { ...valid(), website: 'www.canmore-lip.example.org' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`${FORM}/received`);
    const page = await agent.get(res.headers.location as string).expect(200);
    expect(page.text).to.include('Member Organization Canmore Immigration Partnership has been created.');
    expect(page.text).to.include('up to two business days');
    expect(page.text).to.include('will be e-mailed');
    const row = await site.kernel.container.resolve('db')('member_organizations').where({ name: 'Canmore Immigration Partnership' }).first();
    expect(row).to.include({ status: 'pending', website: 'https://www.canmore-lip.example.org', slug: 'canmore-immigration-partnership', contact_email: 'ada@example.org' });
    const [received] = await mailTo(site, 'ada@example.org');
    expect(received?.subject).to.equal('Canmore Immigration Partnership: registration received by the Community Data Program');
    expect(received?.text_body).to.include('Hello Ada Lovelace,').and.include('up to two business days');
    const toOperators = (await mailTo(site, operatorMail)).find((m) => m.subject.includes('Canmore Immigration Partnership'));
    expect(toOperators?.subject).to.equal('Canmore Immigration Partnership is awaiting approval as a member organization');
    expect(toOperators?.text_body).to.include(`${site.config.PUBLIC_URL}/admin/organizations`).and.include('Ada Lovelace <ada@example.org>');
  });

  it('refuses the same name twice in one consortium, whatever the case, and allows it in another', async () => {
    await submitOrganization(site.agent(), { ...valid(), name: 'Banff Newcomers Network', consortium: String(bowValley) }).then((r) => expect(r.status).to.equal(303));
    const again = await submitOrganization(site.agent(), { ...valid(), name: 'banff newcomers NETWORK', consortium: String(bowValley) });
    expect(again.status).to.equal(409);
    expect(again.text).to.include('An organization named &quot;banff newcomers NETWORK&quot; is already registered in this consortium.');
    expect(again.text).to.match(/form-item has-error">\s*<label for="edit-name"/);
    expect(inputValue(again.text, 'name')).to.equal('banff newcomers NETWORK');
    const elsewhere = await submitOrganization(site.agent(), { ...valid(), name: 'Banff Newcomers Network', consortium: String(network) });
    expect(elsewhere.status).to.equal(303);
    const slugs = await site.kernel.container.resolve('db')('member_organizations').where({ name: 'Banff Newcomers Network' }).orderBy('id').pluck('slug');
    expect(slugs).to.deep.equal(['banff-newcomers-network', 'banff-newcomers-network-2']);
  });

  it('turns the unique index\'s refusal into the same message when two submissions race', async () => {
    const consortia = site.kernel.container.resolve('consortia');
    const input = { name: 'Racing Society', about: '', website: '', consortiumId: bowValley, programYearId: null, contactName: '', contactEmail: '' };
    const results = await Promise.all([consortia.submitOrganization(input), consortia.submitOrganization(input), consortia.submitOrganization(input)]);
    expect(results.filter((r) => r.ok)).to.have.length(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).to.deep.equal({ ok: false, errors: { name: 'organization.errors.nameTaken' } });
  });

  it('gives two different names with the same slug, sent at once, each its own slug', async () => {
    const consortia = site.kernel.container.resolve('consortia');
    const input = (name: string) => ({ name, about: '', website: '', consortiumId: bowValley, programYearId: null, contactName: '', contactEmail: '' });
    const results = await Promise.all(['Slug Race, Co', 'Slug-Race Co', 'Slug Race Co.'].map((n) => consortia.submitOrganization(input(n))));
    expect(results.every((r) => r.ok)).to.equal(true);
    const slugs = results.map((r) => (r.ok ? r.organization.slug : '')).sort();
    expect(slugs).to.deep.equal(['slug-race-co', 'slug-race-co-2', 'slug-race-co-3']);
  });

  it('keeps a pending organization off its consortium\'s page, and its page answers 404', async () => {
    const consortium = await site.agent().get('/consortia/immigration-sector-network').expect(200);
    expect(consortium.text).not.to.include('Canmore Immigration Partnership');
    await site.agent().get('/content/canmore-immigration-partnership').expect(404);
    const autocomplete = await site.agent().get('/member-organizations/autocomplete').query({ q: 'Canmore Immigration' }).expect(200);
    expect(autocomplete.body).to.deep.equal([]);
  });
});
