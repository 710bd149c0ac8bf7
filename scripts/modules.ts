import type { Kernel } from '../core/kernel.js';
import { runCommand } from './cli.js';

const USAGE = 'Usage: npm run modules -- list | enable NAME | disable NAME';

function list({ plugins }: Kernel): void {
  const rows = plugins.all().map((m) => [
    m.name,
    plugins.isEnabled(m.name) ? 'enabled' : 'disabled',
    m.version,
    m.required ? 'required' : '',
    (m.dependsOn ?? []).join(', ') || '-',
    m.label,
  ]);
  const header = ['NAME', 'STATUS', 'VERSION', '', 'DEPENDS ON', 'LABEL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
  }
}

const [command, name] = process.argv.slice(2);
if (command === 'list' && !name) {
  await runCommand(async (kernel) => list(kernel));
} else if ((command === 'enable' || command === 'disable') && name) {
  await runCommand(async ({ plugins }) => {
    if (command === 'enable') {
      const enabled = await plugins.enable(name);
      process.stdout.write(enabled.length ? `Enabled: ${enabled.join(', ')}\n` : `${name} is already enabled.\n`);
      return;
    }
    if (!plugins.isEnabled(name)) {
      process.stdout.write(`${name} is already disabled.\n`);
      return;
    }
    const disabled = await plugins.disable(name);
    if (disabled.length > 1) process.stdout.write(`Disabling ${name} disables the modules that depend on it too.\n`);
    process.stdout.write(`Disabled: ${disabled.join(', ')} (their data is kept)\n`);
  });
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
