import { randomUUID } from 'node:crypto';
import type {
  AccountState,
  InvitationOutcome,
  OfficialAccounts,
  OfficialInvitation,
} from '../../shared/accounts/ports';
import { invitationMail, officialAssignment } from '../../shared/domain/officials';

/** One e-mail the local user pool sent, as `/_local/mail/outbox` shows it. */
export interface MailEntry {
  at: string;
  to: string;
  subject: string;
  text: string;
  /** How to sign in locally: there is no password, `/_local/token` takes the invited address. */
  signIn: string;
}

/** An official's account in the local pool: what Cognito's would carry. */
export interface LocalOfficialAccount {
  sub: string;
  email: string;
  name: string;
  locale: string;
  group: OfficialInvitation['role'];
  attributes: Record<string, string>;
  enabled: boolean;
  /** Signed in at least once (Cognito's CONFIRMED). */
  confirmed: boolean;
  /** Global sign-outs so far: a signed-out account's refresh tokens stop working. */
  signOuts: number;
}

/**
 * The user pool's officials on one machine: invitations land in a mail outbox instead of a mailbox, and
 * `/_local/token { email }` signs an invited official in (refused once removed).
 */
export class InMemoryOfficialAccounts implements OfficialAccounts {
  readonly outbox: MailEntry[] = [];
  private readonly byEmail = new Map<string, LocalOfficialAccount>();

  async invite(invitation: OfficialInvitation): Promise<InvitationOutcome> {
    const { municipality, assignment } = officialAssignment(invitation.municipality);
    const existing = this.byEmail.get(invitation.email);
    if (existing) {
      const ours =
        existing.enabled &&
        existing.attributes['custom:municipality'] === municipality &&
        existing.attributes['custom:assignment'] === assignment;
      if (!ours) return { taken: true };
      existing.group = invitation.role;
      return { sub: existing.sub, adopted: true };
    }
    const sub = randomUUID();
    this.byEmail.set(invitation.email, {
      sub,
      email: invitation.email,
      name: invitation.name,
      locale: invitation.locale,
      group: invitation.role,
      attributes: {
        sub,
        email: invitation.email,
        name: invitation.name,
        locale: invitation.locale,
        'custom:municipality': municipality,
        'custom:assignment': assignment,
      },
      enabled: true,
      confirmed: false,
      signOuts: 0,
    });
    const mail = invitationMail(invitation.locale, {
      name: invitation.name,
      role: invitation.role,
      municipalityName: invitation.municipalityName,
    });
    this.outbox.push({
      at: new Date().toISOString(),
      to: invitation.email,
      ...mail,
      signIn: `POST /_local/token {"email":"${invitation.email}"}`,
    });
    return { sub, adopted: false };
  }

  async stateOf(sub: string): Promise<AccountState> {
    const account = this.bySub(sub);
    if (!account) return 'missing';
    if (!account.enabled) return 'disabled';
    return account.confirmed ? 'active' : 'invited';
  }

  async remove(sub: string): Promise<void> {
    const account = this.bySub(sub);
    if (!account) return;
    account.signOuts += 1;
    account.enabled = false;
  }

  /** The account behind a sign-in, confirmed by it; undefined for an address never invited or a removed official. */
  signIn(email: string): LocalOfficialAccount | undefined {
    const account = this.byEmail.get(email.trim().toLowerCase());
    if (!account?.enabled) return undefined;
    account.confirmed = true;
    return account;
  }

  private bySub(sub: string): LocalOfficialAccount | undefined {
    return [...this.byEmail.values()].find((account) => account.sub === sub);
  }
}
