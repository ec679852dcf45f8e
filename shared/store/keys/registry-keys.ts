import type { TrainingRecord } from '../../domain/training';
import { annualCounterKey } from './annual-counter-keys';

/** Sort-key prefixes of the Registry table, for the queries that read every item of one kind. */
export const registryPrefixes = {
  volunteer: 'VOL#',
  group: 'GROUP#',
  neighbour: 'NEIGHBOUR#',
  training: 'TRAINING#',
  official: 'OFFICIAL#',
} as const;

/** Key layout of the Registry table: every key string of it is built here and nowhere else. */
export const registryKeys = {
  municipality: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'PROFILE' }),
  volunteer: (id: string) => ({ pk: `${registryPrefixes.volunteer}${id}`, sk: 'PROFILE' }),
  phone: (e164: string) => ({ pk: `PHONE#${e164}`, sk: 'PHONE' }),
  /** Member and funded counts of a corps, versioned: every join and leave is a conditional write on it. */
  corps: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'CORPS' }),
  requesters: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'REQUESTERS' }),
  /** An invited official, under their municipality, by their account's sub. */
  official: (nis: string, sub: string) => ({ pk: `MUNI#${nis}`, sk: `${registryPrefixes.official}${sub}` }),
  /** One official per e-mail address (normalised), whichever municipality: the sign-in is pool-wide. */
  officialEmail: (email: string) => ({ pk: `OFFICIAL-EMAIL#${email}`, sk: 'OFFICIAL' }),
  neighbour: (nis: string, other: string) => ({
    pk: `MUNI#${nis}`,
    sk: `${registryPrefixes.neighbour}${other}`,
  }),
  /** What remains of an erased member: anonymous counts for the yearly report, under a key of its own. */
  formerMember: (nis: string, anonymousId: string) => ({ pk: `MUNI#${nis}`, sk: `FORMER#${anonymousId}` }),
  annualCounters: annualCounterKey,
  group: (id: string) => ({ pk: `${registryPrefixes.group}${id}`, sk: 'PROFILE' }),
  groupIndex: (nis: string, id: string) => ({
    gsi1pk: `MUNI#${nis}`,
    gsi1sk: `${registryPrefixes.group}${id}`,
  }),
  rosterIndex: (nis: string, volunteerId: string) => ({
    gsi1pk: `MUNI#${nis}`,
    gsi1sk: `${registryPrefixes.volunteer}${volunteerId}`,
  }),
  dutyRoster: () => ({ pk: 'DUTY-ROSTER', sk: 'CURRENT' }),
  /** All providers share one partition: the list is short (a few dozen) and is read whole, by a Query, not a Scan. */
  trainingProvider: (id: string) => ({ pk: 'PROVIDERS', sk: id }),
  /** Under the volunteer's own partition, sorted by date, so a volunteer's history is one Query. */
  training: (volunteerId: string, date: string, id: string) => ({
    pk: `${registryPrefixes.volunteer}${volunteerId}`,
    sk: `${registryPrefixes.training}${date}#${id}`,
  }),
  /** One funded training of a kind per member (per year for refreshers), beside the member's profile. */
  fundedMarker: (volunteerId: string, record: Pick<TrainingRecord, 'kind' | 'date'>) => ({
    pk: `${registryPrefixes.volunteer}${volunteerId}`,
    sk: `FUNDED#${record.kind}${record.kind === 'basic' ? '' : `#${record.date.slice(0, 4)}`}`,
  }),
};
