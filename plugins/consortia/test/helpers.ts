import type supertest from 'supertest';
import { csrfTokenIn, type TestSite } from '../../../test/helpers/site.js';

export type Agent = ReturnType<typeof supertest.agent>;

export interface OutboxMessage {
  recipient: string;
  subject: string;
  text_body: string;
}

export const FORM = '/node/add/member-organization';

/** The e-mails queued to this address, oldest first. */
export async function mailTo(site: TestSite, recipient: string): Promise<OutboxMessage[]> {
  return site.kernel.container.resolve('db')<OutboxMessage>('notification_outbox')
    .where({ recipient }).orderBy('id').select('recipient', 'subject', 'text_body');
}

export async function consortiumId(site: TestSite, name: string): Promise<number> {
  const found = (await site.kernel.container.resolve('consortia').listConsortia()).find((c) => c.name === name);
  if (!found) throw new Error(`No consortium ${name}`);
  return found.id;
}

/** Sends the Create Member Organization form as a visitor would, with the token of a freshly loaded form. */
export async function submitOrganization(agent: Agent, fields: Record<string, string>): Promise<supertest.Response> {
  const form = await agent.get(FORM);
  return agent.post(FORM).type('form').send({ _csrf: csrfTokenIn(form.text), ...fields });
}

/** The id of the organization of that name, from the database. */
export async function organizationId(site: TestSite, name: string): Promise<number> {
  const row = await site.kernel.container.resolve('db')('member_organizations').where({ name }).first<{ id: number } | undefined>('id');
  if (!row) throw new Error(`No organization ${name}`);
  return row.id;
}

/** A form's field value or the text of an element, to check what the page keeps. */
export function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}
