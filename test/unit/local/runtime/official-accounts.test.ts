import { describe, expect, it } from 'vitest';
import { InMemoryOfficialAccounts } from '../../../../local/runtime/official-accounts';
import { LocalTokens, TokenRefused } from '../../../../local/runtime/tokens';
import { identityFromClaims } from '../../../../shared/http/identity-from-claims';

const invitation = {
  email: 'els@gent.be',
  name: 'Els Vandamme',
  locale: 'nl' as const,
  role: 'requester' as const,
  municipality: '44021',
  municipalityName: 'Gent',
};

const setUp = async () => {
  const accounts = new InMemoryOfficialAccounts();
  const tokens = new LocalTokens([], accounts);
  const { sub } = (await accounts.invite(invitation)) as { sub: string };
  const identityOf = async (email: string) =>
    identityFromClaims(await tokens.verify(`Bearer ${await tokens.sign({ email })}`));
  return { accounts, tokens, sub, identityOf };
};

describe('the local user pool’s officials', () => {
  it('signs an invited official in as their sub, with their role and municipality, and marks them active', async () => {
    const { accounts, sub, identityOf } = await setUp();
    expect(await accounts.stateOf(sub)).toBe('invited');

    expect(await identityOf(' Els@Gent.be')).toEqual({ sub, roles: ['requester'], municipality: '44021' });
    expect(await accounts.stateOf(sub)).toBe('active');
  });

  it('refuses an address never invited and an official removed', async () => {
    const { accounts, tokens, sub } = await setUp();
    await expect(tokens.sign({ email: 'nobody@gent.be' })).rejects.toBeInstanceOf(TokenRefused);

    await accounts.remove(sub);
    await expect(tokens.sign({ email: 'els@gent.be' })).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await accounts.stateOf(sub)).toBe('disabled');
  });

  it('gives no token to an account whose municipality no administrator assigned, as the token trigger does', async () => {
    const { accounts, tokens } = await setUp();
    // A value that reached the account another way: the marker still says Gent.
    accounts.signIn('els@gent.be')!.attributes['custom:municipality'] = '41002';
    await expect(tokens.sign({ email: 'els@gent.be' })).rejects.toThrow(/administrator/);
  });

  it('keeps one account per address: a second invitation for the same municipality takes it over, another is refused', async () => {
    const { accounts, sub } = await setUp();
    expect(await accounts.invite(invitation)).toEqual({ sub, adopted: true });
    expect(
      await accounts.invite({ ...invitation, municipality: '41002', municipalityName: 'Aalst' }),
    ).toEqual({
      taken: true,
    });
    await accounts.remove(sub);
    expect(await accounts.invite(invitation)).toEqual({ taken: true });
    expect(accounts.outbox).toHaveLength(1);
  });
});
