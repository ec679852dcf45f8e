import official from './flemish-municipalities-2025.json';

export interface OfficialMunicipality {
  nis: string;
  name: string;
  nameFr: string;
  arrondissement: string;
  province: string;
}

let indexed: Map<string, OfficialMunicipality> | undefined;
// Indexed on first use: with no work at import, a bundle that never asks leaves the 29 KB list out.
const byNis = () =>
  (indexed ??= new Map(
    official.municipalities.map(({ nis, name, nameFr, arrondissement, province }) => [
      nis,
      { nis, name, nameFr, arrondissement, province },
    ]),
  ));

/** The official 2025 list of Flemish municipalities (Statbel REFNIS, mergers of 1 January 2025 applied). */
export const officialMunicipality = (nis: string): OfficialMunicipality | undefined => byNis().get(nis);

export const officialMunicipalityCount = (): number => byNis().size;

/** Every municipality of a province, for a province-wide activation. */
export const municipalitiesOfProvince = (province: string): string[] =>
  [...byNis().values()].filter((m) => m.province === province).map((m) => m.nis);

/** Every Flemish municipality, for a Flanders-wide activation. */
export const allMunicipalities = (): string[] => [...byNis().keys()];
