import { Forbidden, NotFound } from './errors';
import { actsFor, hasRole, type Identity } from './identity';
import { assignmentMarker } from './user-assignment';

/** The roles a municipality's officials are invited with; each is a Cognito group of the same name. */
export const OFFICIAL_ROLES = ['municipal-admin', 'requester'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const OFFICIAL_LOCALES = ['nl', 'fr', 'en'] as const;
export type OfficialLocale = (typeof OFFICIAL_LOCALES)[number];

/** `invited` until the first sign-in, `active` after it, `disabled` once removed (the account stays, signed out). */
export type OfficialStatus = 'invited' | 'active' | 'disabled';

/** E-mail addresses compare without case: Cognito treats `An@Gent.be` and `an@gent.be` as one sign-in. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** What the official's account carries, as the runbook's command sets it: the municipality and its marker. */
export const officialAssignment = (municipality: string) => ({
  municipality,
  assignment: assignmentMarker({ municipality }),
});

/**
 * Who may invite whom: a coordinator invites a municipality's municipal-admins and requesters; a municipal-admin
 * invites requesters of their own municipality only. Making another municipal-admin stays with the Red Cross
 * coordination, so the power to name who launches is always handed out from the top, and one admin cannot lock
 * another out. Another municipality's admin gets 403: the NIS code names a public fact, nothing to probe.
 */
export const assertCanInviteOfficial = (who: Identity, nis: string, role: OfficialRole): void => {
  if (hasRole(who, 'coordinator')) return;
  if (!hasRole(who, 'municipal-admin'))
    throw new Forbidden('only a coordinator or a municipal-admin invites officials');
  if (who.municipality !== nis)
    throw new Forbidden('a municipal-admin invites officials of their own municipality only');
  if (role !== 'requester')
    throw new Forbidden('a municipality’s municipal-admins are invited by a Red Cross coordinator');
};

/** Removing follows inviting: who may invite an official of that role may remove one. */
export const assertCanRemoveOfficial = assertCanInviteOfficial;

/** The role half of inviting and removing, checked before the body or the official is read. */
export const assertMayManageOfficials = (who: Identity, nis: string): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, nis, 'municipal-admin')) return;
  if (hasRole(who, 'municipal-admin'))
    throw new Forbidden('a municipal-admin manages officials of their own municipality only');
  throw new Forbidden('only a coordinator or a municipal-admin manages officials');
};

/** The officials' list (names and e-mail addresses): the municipality's admin and the coordinators. */
export const assertCanListOfficials = (who: Identity, nis: string): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, nis, 'municipal-admin')) return;
  if (hasRole(who, 'municipal-admin')) throw new NotFound('municipality');
  throw new Forbidden('only the municipal-admin of the municipality or a coordinator lists its officials');
};

/** The requesters' list with names is read by whoever keeps it: the municipal-admin, and a coordinator. */
export const assertCanReadRequesters = assertCanListOfficials;

export interface InvitationMail {
  subject: string;
  text: string;
}

const ROLE_NAMES: Record<OfficialLocale, Record<OfficialRole, string>> = {
  nl: { 'municipal-admin': 'gemeentelijk beheerder', requester: 'aanvrager van hulpvragen' },
  fr: { 'municipal-admin': 'administrateur communal', requester: "demandeur d'aide" },
  en: { 'municipal-admin': 'municipal administrator', requester: 'help-request requester' },
};

/**
 * The invitation e-mail's text in the official's language. Cognito sends it in AWS with the pool's invitation
 * template (trilingual, infra/stacks/api-stack.ts), where `{username}` and `{####}` stand for the sign-in and the
 * temporary password; the local runtime puts this text in its mail outbox.
 */
export const invitationMail = (
  locale: OfficialLocale,
  facts: { name: string; role: OfficialRole; municipalityName: string },
): InvitationMail => {
  const role = ROLE_NAMES[locale][facts.role];
  switch (locale) {
    case 'nl':
      return {
        subject: 'Uitnodiging: crisistool vrijwilligerskorps',
        text: `Beste ${facts.name},\n\nU bent uitgenodigd als ${role} van ${facts.municipalityName} in de crisistool van het vrijwilligerskorps (Rode Kruis-Vlaanderen). Meld u aan met uw e-mailadres en het tijdelijke wachtwoord hieronder; u kiest daarna een eigen wachtwoord en stelt een authenticator-app in.`,
      };
    case 'fr':
      return {
        subject: 'Invitation : outil de crise du corps de volontaires',
        text: `Bonjour ${facts.name},\n\nVous êtes invité(e) comme ${role} de ${facts.municipalityName} dans l'outil de crise du corps de volontaires (Croix-Rouge de Flandre). Connectez-vous avec votre adresse e-mail et le mot de passe temporaire ci-dessous ; vous choisirez ensuite votre mot de passe et configurerez une application d'authentification.`,
      };
    case 'en':
      return {
        subject: 'Invitation: volunteer corps crisis tool',
        text: `Dear ${facts.name},\n\nYou are invited as ${role} of ${facts.municipalityName} in the volunteer corps crisis tool (Red Cross Flanders). Sign in with your e-mail address and the temporary password below; you then choose your own password and set up an authenticator app.`,
      };
  }
};

/**
 * The user pool's invitation template (Cognito sends it with AdminCreateUser): one text in Dutch, French and
 * English, since the pool has a single template; `{username}` and `{####}` are Cognito's placeholders for the
 * sign-in and the temporary password. Words it per language: a custom message trigger reading `locale` from the
 * ClientMetadata the invitation passes (not built).
 */
export const POOL_INVITATION_TEMPLATE = {
  emailSubject: 'Uitnodiging crisistool / Invitation outil de crise / Invitation crisis tool',
  emailBody: [
    'U bent uitgenodigd in de crisistool van het vrijwilligerskorps (Rode Kruis-Vlaanderen). Meld u aan met {username} en het tijdelijke wachtwoord {####}; daarna kiest u een eigen wachtwoord en stelt u een authenticator-app in.',
    "Vous êtes invité(e) dans l'outil de crise du corps de volontaires (Croix-Rouge de Flandre). Connectez-vous avec {username} et le mot de passe temporaire {####} ; choisissez ensuite votre mot de passe et configurez une application d'authentification.",
    'You are invited to the volunteer corps crisis tool (Red Cross Flanders). Sign in with {username} and the temporary password {####}; then choose your own password and set up an authenticator app.',
  ].join('<br><br>'),
} as const;
