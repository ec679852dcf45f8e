/**
 * A municipality's crisis software signs in as a Cognito app client whose name carries the municipality it acts for
 * (`m2m-44021-GentCrisis`): the token trigger reads it from there, so 285 municipalities need no scope each.
 */
const MACHINE_CLIENT_NAME = /^m2m-(\d{5})-[A-Za-z][A-Za-z0-9]*$/;

export const machineClientName = (municipality: string, name: string): string =>
  `m2m-${municipality}-${name}`;

/** The municipality a machine client acts for; undefined for a client whose name binds it to none. */
export const municipalityOfMachineClient = (clientName: string): string | undefined =>
  MACHINE_CLIENT_NAME.exec(clientName)?.[1];
