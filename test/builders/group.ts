import { SKILLS } from '../../shared/schemas/common';
import { MAX_GROUP_MEMBERS, type RegisterGroupBody } from '../../shared/schemas/group';

/** Free text at its longest, in a character that takes 3 bytes in UTF-8 (the most a character of one code unit takes). */
const longest = (length: number) => '€'.repeat(length);
/** An address of 254 characters, the longest the schema takes. */
const longestEmail = (n: number) =>
  `${String(n).padStart(2, '0')}${'a'.repeat(50)}@${'b'.repeat(61)}.${'c'.repeat(63)}.${'d'.repeat(63)}.be`;

/** The largest group registration the API accepts: 30 members, every field present and as long as allowed. */
export const theLargestGroupRegistration = (): RegisterGroupBody => ({
  name: longest(120),
  kind: 'youth-movement',
  contact: { name: longest(120), phone: '+32470000000', email: longestEmail(99) },
  members: Array.from({ length: MAX_GROUP_MEMBERS }, (_, i) => ({
    name: longest(120),
    birthDate: '2000-01-01',
    phone: `+324700001${String(i).padStart(2, '0')}`,
    email: longestEmail(i),
    language: 'nl',
    skills: [...SKILLS],
    priorFirstAidCertificate: { date: '2020-01-01' },
    homePostcode: '9000',
    availabilityNotes: longest(500),
    parentalConsent: { recordedOn: '2020-01-01' },
  })),
});
