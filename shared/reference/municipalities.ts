import official from './flemish-municipalities-2025.json';

export interface OfficialMunicipality {
  nis: string;
  name: string;
  nameFr: string;
  arrondissement: string;
  province: string;
}

const byNis = new Map<string, OfficialMunicipality>(
  official.municipalities.map(({ nis, name, nameFr, arrondissement, province }) => [
    nis,
    { nis, name, nameFr, arrondissement, province },
  ]),
);

/** The official 2025 list of Flemish municipalities (Statbel REFNIS, mergers of 1 January 2025 applied). */
export const officialMunicipality = (nis: string): OfficialMunicipality | undefined => byNis.get(nis);

export const officialMunicipalityCount = (): number => byNis.size;

/** Every municipality of a province, for a province-wide activation. */
export const municipalitiesOfProvince = (province: string): string[] =>
  [...byNis.values()].filter((m) => m.province === province).map((m) => m.nis);

/** Every Flemish municipality, for a Flanders-wide activation. */
export const allMunicipalities = (): string[] => [...byNis.keys()];
