import type { CurrentUser } from './permissions.js';

/**
 * How the core reaches accounts without knowing the plugin that stores them:
 * passport asks it to check credentials and to reload the user of a session.
 */
export interface UserDirectory {
  /** The user for a session, or undefined when the account is gone or no longer allowed in. */
  findSessionUser(id: number): Promise<CurrentUser | undefined>;
  /** Where the site's operators (and administrators) receive "awaiting approval" e-mails. */
  operatorEmails(): Promise<string[]>;
}
