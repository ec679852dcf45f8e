import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound } from '../../../../shared/domain/errors';
import {
  assertCanInviteOfficial,
  assertCanListOfficials,
  assertMayManageOfficials,
  invitationMail,
  normaliseEmail,
  OFFICIAL_LOCALES,
  officialAssignment,
} from '../../../../shared/domain/officials';
import { isAssignedByAdministrator } from '../../../../shared/domain/user-assignment';
import { anIdentity } from '../../../builders/identity';

const GENT = '44021';
const AALST = '41002';

const callers = {
  coordinator: anIdentity(['coordinator']),
  'municipal-admin of Gent': anIdentity(['municipal-admin'], GENT),
  'municipal-admin of Aalst': anIdentity(['municipal-admin'], AALST),
  'requester of Gent': anIdentity(['requester'], GENT),
  'crisis-centre': anIdentity(['crisis-centre']),
  volunteer: anIdentity(['volunteer'], GENT),
};
type Caller = keyof typeof callers;

const outcome = (check: () => void) => {
  try {
    check();
    return 'allowed';
  } catch (error) {
    if (error instanceof Forbidden) return 403;
    if (error instanceof NotFound) return 404;
    throw error;
  }
};

describe('who invites whom into Gent', () => {
  it.each<[Caller, 'municipal-admin' | 'requester', 'allowed' | 403]>([
    ['coordinator', 'municipal-admin', 'allowed'],
    ['coordinator', 'requester', 'allowed'],
    ['municipal-admin of Gent', 'requester', 'allowed'],
    ['municipal-admin of Gent', 'municipal-admin', 403],
    ['municipal-admin of Aalst', 'requester', 403],
    ['municipal-admin of Aalst', 'municipal-admin', 403],
    ['requester of Gent', 'requester', 403],
    ['crisis-centre', 'requester', 403],
    ['volunteer', 'requester', 403],
  ])('%s inviting a %s: %s', (caller, role, expected) => {
    expect(outcome(() => assertCanInviteOfficial(callers[caller], GENT, role))).toBe(expected);
  });

  it.each<[Caller, 'allowed' | 403]>([
    ['coordinator', 'allowed'],
    ['municipal-admin of Gent', 'allowed'],
    ['municipal-admin of Aalst', 403],
    ['requester of Gent', 403],
    ['crisis-centre', 403],
  ])('%s may manage Gent’s officials at all: %s', (caller, expected) => {
    expect(outcome(() => assertMayManageOfficials(callers[caller], GENT))).toBe(expected);
  });

  it.each<[Caller, 'allowed' | 403 | 404]>([
    ['coordinator', 'allowed'],
    ['municipal-admin of Gent', 'allowed'],
    ['municipal-admin of Aalst', 404],
    ['requester of Gent', 403],
    ['crisis-centre', 403],
    ['volunteer', 403],
  ])('%s listing Gent’s officials: %s', (caller, expected) => {
    expect(outcome(() => assertCanListOfficials(callers[caller], GENT))).toBe(expected);
  });
});

describe('an official’s account', () => {
  it('carries the municipality with the marker the token trigger accepts', () => {
    const { municipality, assignment } = officialAssignment(GENT);
    expect({ municipality, assignment }).toEqual({ municipality: GENT, assignment: '44021/' });
    expect(isAssignedByAdministrator({ municipality }, assignment)).toBe(true);
  });

  it('is one per address, whatever its case or surrounding spaces', () => {
    expect(normaliseEmail('  Els.Vandamme@Gent.BE ')).toBe('els.vandamme@gent.be');
  });
});

describe('the invitation e-mail', () => {
  it.each(OFFICIAL_LOCALES)('in %s names the person, the role and the municipality', (locale) => {
    const mail = invitationMail(locale, {
      name: 'Els Vandamme',
      role: 'requester',
      municipalityName: 'Gent',
    });
    expect(mail.subject).not.toBe('');
    expect(mail.text).toContain('Els Vandamme');
    expect(mail.text).toContain('Gent');
  });

  it('says in Dutch that the person is invited as municipal administrator', () => {
    expect(
      invitationMail('nl', { name: 'Els', role: 'municipal-admin', municipalityName: 'Gent' }).text,
    ).toContain('uitgenodigd als gemeentelijk beheerder van Gent');
  });
});
