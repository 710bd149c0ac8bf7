import { createHash } from 'node:crypto';
import yazl from 'yazl';
import type { GeographyCode } from './geographies.js';

interface Place { code: string; name: string; level: string }

/** Real geographic codes of each package's levels (the figures beside them are made up). */
const PLACES: Record<GeographyCode, Place[]> = {
  PT_CD_CSD_DA: [
    { code: '48', name: 'Alberta', level: 'PR' },
    { code: '4815', name: 'Division No. 15', level: 'CD' },
    { code: '4815023', name: 'Canmore', level: 'CSD' },
    { code: '4815035', name: 'Banff', level: 'CSD' },
    { code: '35', name: 'Ontario', level: 'PR' },
    { code: '3520', name: 'Toronto', level: 'CD' },
    { code: '3520005', name: 'Toronto', level: 'CSD' },
  ],
  CMA_CA_CT: [
    { code: '825', name: 'Calgary', level: 'CMA' },
    { code: '8250001.00', name: '0001.00', level: 'CT' },
    { code: '535', name: 'Toronto', level: 'CMA' },
    { code: '933', name: 'Vancouver', level: 'CMA' },
    { code: '805', name: 'Medicine Hat', level: 'CA' },
  ],
  ADA: [
    { code: '48150001', name: 'Division No. 15, ADA 0001', level: 'ADA' },
    { code: '35200001', name: 'Toronto, ADA 0001', level: 'ADA' },
  ],
  CUSTOM: [
    { code: 'LIP-AB-01', name: 'Bow Valley LIP service area (CSDs 4815023, 4815035)', level: 'Custom' },
    { code: 'LIP-ON-01', name: 'Toronto East LIP service area', level: 'Custom' },
  ],
};

const CHARACTERISTICS = ['Total - Population', 'Male', 'Female', 'Median age', 'Median total income ($)', 'In low income (LIM-AT)'];

/** Deterministic made-up figures, so a file's content depends only on its name. */
function figures(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32BE(0);
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (cells: (string | number)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

function dataCsv(title: string, code: GeographyCode, seed: string): string {
  const next = figures(seed);
  let csv = csvLine(['NOTE: SAMPLE DATA - made-up figures for demonstration, not Statistics Canada data']);
  csv += csvLine(['GEO_CODE', 'GEO_LEVEL', 'GEO_NAME', 'CHARACTERISTIC', 'TOTAL']);
  for (const place of PLACES[code]) {
    for (const characteristic of CHARACTERISTICS) csv += csvLine([place.code, place.level, place.name, characteristic, next() % 50000]);
  }
  return csvLine([title]) + csv;
}

function metadataCsv(title: string, code: GeographyCode, provider: string): string {
  return csvLine(['FIELD', 'VALUE'])
    + csvLine(['Title', title])
    + csvLine(['Data provider', provider])
    + csvLine(['Geography package', code])
    + csvLine(['Levels', [...new Set(PLACES[code].map((p) => p.level))].join(' ')])
    + csvLine(['Status', 'SAMPLE DATA: made-up figures for real geographic codes, for demonstration only']);
}

/** A small zip shaped like Statistics Canada's: a data CSV and a metadata CSV, named after the zip. */
export function sampleZip(fileName: string, title: string, code: GeographyCode, provider: string): Promise<Buffer> {
  const base = fileName.replace(/\.zip$/, '');
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(dataCsv(title, code, fileName)), `${base}_data.csv`);
  zip.addBuffer(Buffer.from(metadataCsv(title, code, provider)), `${base}_metadata.csv`);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
