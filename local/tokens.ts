import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { ROLES } from '../shared/domain/identity';

const userTokenSchema = z
  .object({
    roles: z.array(z.enum(ROLES)).min(1),
    municipality: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    sub: z.string().min(1).max(128).optional(),
    volunteerId: z.string().optional(),
  })
  .strict();

/** A machine client's token (client credentials): the client is the subject, its scopes say what it may do. */
const machineTokenSchema = z
  .object({ clientId: z.string().min(1).max(128), scopes: z.array(z.string().min(1)).min(1) })
  .strict();

export const tokenRequestSchema = z.union([userTokenSchema, machineTokenSchema]);
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Locally signed JWTs standing in for Cognito's; the key lives only as long as the runtime. */
export class LocalTokens {
  private readonly key = randomBytes(32);

  async sign(request: TokenRequest): Promise<string> {
    if ('clientId' in request)
      return this.signed(request.clientId, { client_id: request.clientId, scope: request.scopes.join(' ') });
    const { sub, ...claims } = request;
    return this.signed(sub ?? `local-${request.roles.join('+')}-${request.municipality ?? 'all'}`, claims);
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
