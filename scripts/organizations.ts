import type { Kernel } from '../core/kernel.js';
import type { DecisionResult } from '../plugins/consortia/consortia.js';
import { runCommand } from './cli.js';

/** The consortia plugin's wording, so the command says what the pages say. */
const say = (kernel: Kernel, key: string, params: Record<string, string | number> = {}): string =>
  kernel.container.resolve('translator').t(key, params, 'consortia');

async function listPending(kernel: Kernel): Promise<void> {
  const pending = await kernel.container.resolve('consortia').pendingOrganizations();
  if (pending.length === 0) {
    process.stdout.write(`${say(kernel, 'command.none')}\n`);
    return;
  }
  const rows = pending.map((o) => [String(o.id), o.name, o.consortium_name, o.contact_email || '-', o.created_at.toISOString().slice(0, 10)]);
  const header = ['ID', 'NAME', 'CONSORTIUM', 'CONTACT', 'SUBMITTED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
  }
}

/** Prints the outcome; a refused decision makes the command fail. */
function report(kernel: Kernel, id: number, result: DecisionResult, done: string): void {
  if (result.ok) {
    process.stdout.write(`${say(kernel, done, { name: result.organization.name, consortium: result.organization.consortium_name })}\n`);
    return;
  }
  process.stderr.write(`${say(kernel, result.reason === 'not-found' ? 'command.notFound' : 'command.notPending', { id })}\n`);
  process.exitCode = 1;
}

const USAGE = 'Usage: npm run organizations -- list-pending | approve ID | reject ID "REASON"';
const [command, rawId, reason] = process.argv.slice(2);
const id = rawId !== undefined && /^\d{1,9}$/.test(rawId) ? Number(rawId) : undefined;

if (command === 'list-pending' && rawId === undefined) {
  await runCommand(listPending);
} else if (command === 'approve' && id !== undefined && reason === undefined) {
  await runCommand(async (kernel) => report(kernel, id, await kernel.container.resolve('consortia').approve(id, null), 'command.approved'));
} else if (command === 'reject' && id !== undefined && reason !== undefined && reason.trim() !== '') {
  await runCommand(async (kernel) => report(kernel, id, await kernel.container.resolve('consortia').reject(id, reason, null), 'command.rejected'));
} else {
  // Before the site is reached, so the catalogue is not loaded: the usage line is the command's own.
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
