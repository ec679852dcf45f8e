export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'expiresAt',
] as const;

/** Drops the key attributes so only the domain record leaves the store. */
export const stripKeys = <T>(item: Record<string, unknown>): T => {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
};
