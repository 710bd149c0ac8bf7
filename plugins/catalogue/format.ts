const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "12.3 KB", as Drupal's format_size shows file sizes (1 KB = 1024 bytes). */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${Number(value.toFixed(2))} ${UNITS[unit]}`;
}

/** MM/DD/YYYY, as the catalogue's Posted column shows dates. */
export function postedDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}
