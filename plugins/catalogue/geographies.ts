/** The geography packages a product may offer, in the order the product page lists them. */
export const GEOGRAPHY_CODES = ['PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA', 'CUSTOM'] as const;

export type GeographyCode = typeof GEOGRAPHY_CODES[number];

export interface Geography {
  code: GeographyCode;
  /** What users read on the checkboxes and in the cart ("CMA CA CT"). */
  label: string;
  /** The levels the package holds, as the catalogue's Geographies column names them. */
  description: string;
  /** The suffix of the provider's file names (sc_..._CMA_CA_CT.zip). */
  fileSuffix: string;
}

export const GEOGRAPHIES: readonly Geography[] = [
  { code: 'PT_CD_CSD_DA', label: 'PT CD CSD DA', description: 'Province and Territory, Census Division, Census Subdivision, Dissemination Area', fileSuffix: 'PT_CD_CSD_DA' },
  { code: 'CMA_CA_CT', label: 'CMA CA CT', description: 'Census Metropolitan Area, Census Agglomeration, Census Tract', fileSuffix: 'CMA_CA_CT' },
  { code: 'ADA', label: 'ADA', description: 'Aggregate Dissemination Area', fileSuffix: 'ADA' },
  { code: 'CUSTOM', label: 'Custom geos', description: 'Custom Geographies', fileSuffix: 'Custom' },
];

const byCode = new Map<string, Geography>(GEOGRAPHIES.map((g) => [g.code, g]));

export const isGeographyCode = (value: string): value is GeographyCode => byCode.has(value);

export function geography(code: GeographyCode): Geography {
  return byCode.get(code) as Geography;
}
