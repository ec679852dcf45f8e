import official from '../../../shared/reference/flemish-municipalities-2025.json';

/** The 2025 Flemish municipalities by name, for choosing one by typing its name. */
export const OFFICIAL_MUNICIPALITIES = official.municipalities
  .map(({ nis, name, nameFr }) => ({ nis, name, nameFr }))
  .sort((a, b) => a.name.localeCompare(b.name, 'nl'));

/** Their names, as a field offers them while one types. */
export const MUNICIPALITY_NAMES = OFFICIAL_MUNICIPALITIES.map((m) => m.name);

/** The NIS code of a municipality typed by its Dutch or French name, or typed as its code. */
export const nisOfTyped = (typed: string): string | undefined => {
  const wanted = typed.trim().toLowerCase();
  return OFFICIAL_MUNICIPALITIES.find(
    (m) => m.nis === wanted || m.name.toLowerCase() === wanted || m.nameFr.toLowerCase() === wanted,
  )?.nis;
};
