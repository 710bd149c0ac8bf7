import type { Kernel } from '../core/kernel.js';
import { ASSIGNABLE_ROLES } from '../plugins/membership/validation.js';
import type { PeopleResult } from '../plugins/membership/people.js';
import { runCommand } from './cli.js';

const USAGE = `Usage: npm run users -- list-pending | activate NAME | block NAME | role NAME ROLE (ROLE: ${ASSIGNABLE_ROLES.join(', ')})`;

async function listPending({ container }: Kernel): Promise<void> {
  const rows = (await container.resolve('people').list({ pendingOnly: true })).map((p) => [
    p.username, p.email, p.organization_name ?? '-', p.consortium_name ?? '-', new Date(p.created_at).toISOString().slice(0, 16).replace('T', ' '),
  ]);
  if (!rows.length) {
    process.stdout.write('No accounts are awaiting activation.\n');
    return;
  }
  const header = ['USERNAME', 'E-MAIL', 'ORGANIZATION', 'CONSORTIUM', 'REGISTERED (UTC)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
}

/** Runs one change through the same service as /admin/people, so the same e-mails go out. */
async function change({ container }: Kernel, command: string, name: string, role?: string): Promise<void> {
  const people = container.resolve('people');
  const user = await people.findByName(name);
  if (!user) {
    process.stderr.write(`No account is named "${name}".\n`);
    process.exitCode = 1;
    return;
  }
  const result: PeopleResult = command === 'activate' ? await people.activate('command', user.id)
    : command === 'block' ? await people.block('command', user.id)
      : await people.setRole('command', user.id, role as (typeof ASSIGNABLE_ROLES)[number]);
  if (!result.ok) {
    process.stderr.write(`Could not ${command} "${name}": ${result.reason === 'last-administrator' ? 'it is the site\'s only active administrator' : result.reason}.\n`);
    process.exitCode = 1;
    return;
  }
  const what = command === 'activate' ? 'activated (the approval e-mail is queued)' : command === 'block' ? 'blocked' : `given the role ${result.user.role}`;
  process.stdout.write(result.changed ? `${result.user.username} ${what}.\n` : `Nothing to change for ${result.user.username}.\n`);
}

const [command, name, role] = process.argv.slice(2);
const isRole = (value: string | undefined) => (ASSIGNABLE_ROLES as readonly string[]).includes(value ?? '');
if (command === 'list-pending' && !name) {
  await runCommand(listPending);
} else if ((command === 'activate' || command === 'block') && name && !role) {
  await runCommand((kernel) => change(kernel, command, name));
} else if (command === 'role' && name && isRole(role)) {
  await runCommand((kernel) => change(kernel, command, name, role));
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
