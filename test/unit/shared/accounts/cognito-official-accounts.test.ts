import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  NotAuthorizedException,
  UserNotFoundException,
  UsernameExistsException,
  type UserStatusType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoOfficialAccounts } from '../../../../shared/accounts/cognito-official-accounts';
import type { OfficialInvitation } from '../../../../shared/accounts/ports';

const cognito = mockClient(CognitoIdentityProviderClient);
const officials = new CognitoOfficialAccounts(new CognitoIdentityProviderClient({}), () => 'eu-west-1_Pool');
const POOL = 'eu-west-1_Pool';
const SUB = '7d5e2c1a-0000-4000-8000-000000000001';

const invitation: OfficialInvitation = {
  email: 'els@gent.be',
  name: 'Els Vandamme',
  locale: 'fr',
  role: 'requester',
  municipality: '44021',
  municipalityName: 'Gent',
};

const exists = () => new UsernameExistsException({ message: 'exists', $metadata: {} });
const anAccount = (
  attributes: Record<string, string>,
  rest: { Enabled?: boolean; UserStatus?: UserStatusType } = {},
) => ({
  Username: SUB,
  Enabled: true,
  UserStatus: 'CONFIRMED' as UserStatusType,
  ...rest,
  UserAttributes: Object.entries({ sub: SUB, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
});

describe('inviting an official through Cognito', () => {
  afterEach(() => cognito.reset());

  it('creates the account with an e-mail invitation, the municipality and its marker, then adds it to the role’s group', async () => {
    cognito.on(AdminCreateUserCommand).resolves({
      User: { Username: SUB, Attributes: [{ Name: 'sub', Value: SUB }] },
    });
    cognito.on(AdminAddUserToGroupCommand).resolves({});

    expect(await officials.invite(invitation)).toEqual({ sub: SUB, adopted: false });

    expect(cognito.commandCalls(AdminCreateUserCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'els@gent.be',
        UserAttributes: [
          { Name: 'email', Value: 'els@gent.be' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Els Vandamme' },
          { Name: 'locale', Value: 'fr' },
          // As the runbook's admin-update-user-attributes sets them: the token trigger compares the two.
          { Name: 'custom:municipality', Value: '44021' },
          { Name: 'custom:assignment', Value: '44021/' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
        ClientMetadata: { locale: 'fr', role: 'requester' },
      },
    ]);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: SUB, GroupName: 'requester' },
    ]);
  });

  it('adopts the account an earlier try of the same invitation made, and still adds it to the group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(exists());
    cognito
      .on(AdminGetUserCommand)
      .resolves(
        anAccount(
          { 'custom:municipality': '44021', 'custom:assignment': '44021/' },
          { UserStatus: 'FORCE_CHANGE_PASSWORD' },
        ),
      );
    cognito.on(AdminAddUserToGroupCommand).resolves({});

    expect(await officials.invite(invitation)).toEqual({ sub: SUB, adopted: true });
    expect(cognito.commandCalls(AdminGetUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'els@gent.be',
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(1);
  });

  it.each([
    ['of another municipality', { 'custom:municipality': '41002', 'custom:assignment': '41002/' }, {}],
    [
      'of a volunteer',
      {
        'custom:volunteerId': '01JB0000000000000000000001',
        'custom:assignment': '/01JB0000000000000000000001',
      },
      {},
    ],
    ['without a marker', { 'custom:municipality': '44021' }, {}],
    [
      'that was disabled (a removed official)',
      { 'custom:municipality': '44021', 'custom:assignment': '44021/' },
      { Enabled: false },
    ],
  ])('says the address is taken by an account %s, and touches no group', async (_what, attributes, rest) => {
    cognito.on(AdminCreateUserCommand).rejects(exists());
    cognito.on(AdminGetUserCommand).resolves(anAccount(attributes, rest));

    expect(await officials.invite(invitation)).toEqual({ taken: true });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('lets any other Cognito failure through', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new InternalErrorException({ message: 'boom', $metadata: {} }));
    await expect(officials.invite(invitation)).rejects.toThrow('boom');
  });
});

describe('reading an official’s account', () => {
  afterEach(() => cognito.reset());

  it.each([
    ['CONFIRMED', true, 'active'],
    ['FORCE_CHANGE_PASSWORD', true, 'invited'],
    ['CONFIRMED', false, 'disabled'],
  ] as const)('reads %s, enabled %s, as %s', async (UserStatus, Enabled, state) => {
    cognito.on(AdminGetUserCommand).resolves(anAccount({}, { UserStatus, Enabled }));
    expect(await officials.stateOf(SUB)).toBe(state);
    expect(cognito.commandCalls(AdminGetUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: SUB,
    });
  });

  it('reads an account that no longer exists as missing', async () => {
    cognito.on(AdminGetUserCommand).rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));
    expect(await officials.stateOf(SUB)).toBe('missing');
  });
});

describe('removing an official’s account', () => {
  afterEach(() => cognito.reset());

  it('signs the account out everywhere, then disables it', async () => {
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    cognito.on(AdminDisableUserCommand).resolves({});

    await officials.remove(SUB);

    expect(cognito.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
      ['AdminUserGlobalSignOutCommand', { UserPoolId: POOL, Username: SUB }],
      ['AdminDisableUserCommand', { UserPoolId: POOL, Username: SUB }],
    ]);
  });

  it('disables again an account an earlier try disabled, which Cognito no longer signs out', async () => {
    cognito
      .on(AdminUserGlobalSignOutCommand)
      .rejects(new NotAuthorizedException({ message: 'User is disabled.', $metadata: {} }));
    cognito.on(AdminDisableUserCommand).resolves({});

    await officials.remove(SUB);
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(1);
  });

  it('is done when the account does not exist', async () => {
    cognito
      .on(AdminUserGlobalSignOutCommand)
      .rejects(new UserNotFoundException({ message: 'gone', $metadata: {} }));

    await officials.remove(SUB);
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(0);
  });

  it('lets any other Cognito failure through, so the removal is not recorded', async () => {
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    cognito
      .on(AdminDisableUserCommand)
      .rejects(new InternalErrorException({ message: 'boom', $metadata: {} }));
    await expect(officials.remove(SUB)).rejects.toThrow('boom');
  });
});
