import { randomBytes } from 'node:crypto';
import type {
  PreTokenGenerationClientCredentialsV3TriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod/mini';
import { preTokenGeneration } from '../../functions/cognito/pre-token-generation';
import type { StageConfig } from '../../infra/config';
import { ROLES } from '../../shared/domain/identity';
import { machineClientName } from '../../shared/domain/machine-client';
import { fullScope, HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from '../../shared/http/oauth-scopes';
import type { InMemoryOfficialAccounts } from './official-accounts';

const userTokenSchema = z.strictObject({
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  municipality: z.optional(z.string().check(z.regex(/^\d{5}$/))),
  sub: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  volunteerId: z.optional(z.string()),
});

/**
 * A machine client's token (client credentials): the client is the subject. Locally its id is its app client's name
 * (`m2m-44021-GentCrisis`); without scopes it gets all its client's, as from Cognito.
 */
const machineTokenSchema = z.strictObject({
  clientId: z.string().check(z.minLength(1), z.maxLength(128)),
  scopes: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
});

/** An invited official signs in with the address the invitation went to (no password locally). */
const officialTokenSchema = z.strictObject({ email: z.email({ message: 'an invited e-mail address' }) });

export const tokenRequestSchema = z.union([userTokenSchema, machineTokenSchema, officialTokenSchema]);
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export type MachineClient = StageConfig['machineClients'][number];

/** Why Cognito's token endpoint would refuse a client-credentials request, in its OAuth error codes. */
export class TokenRefused extends Error {
  constructor(
    readonly error: 'invalid_client' | 'invalid_scope' | 'invalid_grant',
    readonly description?: string,
  ) {
    super(error);
  }
}

/** Locally signed JWTs standing in for Cognito's; the key lives only as long as the runtime. */
export class LocalTokens {
  private readonly key = randomBytes(32);
  /** The configured machine clients by their local id, the name Cognito would give their app client. */
  private readonly machineClients: Map<string, MachineClient>;
  /** The stack's own token trigger: it binds a machine token to the municipality its client's name carries. */
  private readonly trigger: ReturnType<typeof preTokenGeneration>;

  constructor(
    machineClients: readonly MachineClient[] = [],
    private readonly officials?: InMemoryOfficialAccounts,
  ) {
    this.machineClients = new Map(machineClients.map((c) => [machineClientName(c.municipality, c.name), c]));
    const names = new Map([...this.machineClients.keys()].map((id) => [id, id]));
    this.trigger = preTokenGeneration({ namesIn: async () => names });
  }

  async sign(request: TokenRequest): Promise<string> {
    if ('clientId' in request) return this.signedForMachine(request.clientId, request.scopes);
    if ('email' in request) return this.signedForOfficial(request.email);
    const { sub, ...claims } = request;
    return this.signed(sub ?? `local-${request.roles.join('+')}-${request.municipality ?? 'all'}`, claims);
  }

  /**
   * As Cognito signs in an invited official: refused for an address never invited or an account removed (disabled);
   * the group is the role and the token trigger adds the municipality it checks against the marker.
   */
  private async signedForOfficial(email: string): Promise<string> {
    const account = this.officials?.signIn(email);
    if (!account) throw new TokenRefused('invalid_grant', 'no enabled account for this e-mail address');
    const event = {
      version: '2',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'eu-west-1',
      userPoolId: 'local',
      userName: account.sub,
      callerContext: { awsSdkVersion: 'local', clientId: 'local-web' },
      request: {
        userAttributes: account.attributes,
        groupConfiguration: { groupsToOverride: [account.group], iamRolesToOverride: [] },
        scopes: [],
      },
      response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV2TriggerEvent;
    const { response } = await this.trigger(event);
    const claims = response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;
    return this.signed(account.sub, { 'cognito:groups': [account.group], ...claims });
  }

  /** As Cognito: the client's scopes (or the subset asked for), then the trigger's claims. */
  private async signedForMachine(clientId: string, requested: string[] | undefined): Promise<string> {
    const client = this.machineClients.get(clientId);
    if (!client) throw new TokenRefused('invalid_client');
    const allowed = [HELP_REQUESTS_READ, ...(client.access === 'write' ? [HELP_REQUESTS_WRITE] : [])].map(
      fullScope,
    );
    const scopes = requested ?? allowed;
    if (!scopes.every((scope) => allowed.includes(scope))) throw new TokenRefused('invalid_scope');
    const event: PreTokenGenerationClientCredentialsV3TriggerEvent = {
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      region: 'eu-west-1',
      userPoolId: 'local',
      userName: clientId,
      callerContext: { awsSdkVersion: 'local', clientId },
      request: { userAttributes: {}, groupConfiguration: {}, scopes },
      response: { claimsAndScopeOverrideDetails: {} },
    };
    const { response } = await this.trigger(event);
    const claims = response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    return this.signed(clientId, { client_id: clientId, scope: scopes.join(' '), ...claims });
  }

  private signed(sub: string, claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setIssuer('crisis-tool-local')
      .setExpirationTime('12h')
      .sign(this.key);
  }

  /**
   * The claims as API Gateway's Cognito authorizer hands them to Lambda: string values, lists comma-joined.
   * Undefined when the token is missing, forged or expired.
   */
  async verify(authorization: string | undefined): Promise<Record<string, string> | undefined> {
    const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'crisis-tool-local',
        algorithms: ['HS256'],
      });
      return Object.fromEntries(
        Object.entries(payload).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : String(value),
        ]),
      );
    } catch {
      return undefined;
    }
  }
}
