import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ROLES } from '../shared/domain/identity';

export const tokenRequestSchema = z
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
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Locally signed JWTs standing in for Cognito's; the key lives only as long as the runtime. */
export class LocalTokens {
  private readonly key = randomBytes(32);

  async sign(request: TokenRequest): Promise<string> {
    const { sub, ...claims } = request;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub ?? `local-${request.roles.join('+')}-${request.municipality ?? 'all'}`)
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
