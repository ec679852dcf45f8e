import * as z from 'zod/mini';

/**
 * `/config.json`, served beside the pages: where the API is and how people sign in. The web stack writes it at
 * deploy time (the API's URL and the user pool's client are only known then); the local runtime serves its own.
 */
export const webConfigSchema = z.object({
  /** The API's base URL, no trailing slash. */
  apiUrl: z.url(),
  /**
   * AWS WAF's application integration URL, where the web ACL's challenge script lives: the public registration route
   * needs a solved challenge, so the citizen's page sends through the script's `fetch` when this is set.
   */
  wafIntegrationUrl: z.optional(z.url()),
  auth: z.discriminatedUnion('kind', [
    /** The local runtime: a sign-in page that offers `/_local/token`'s roles and municipalities. */
    z.object({ kind: z.literal('local') }),
    /** Cognito managed login, authorization-code flow with PKCE. */
    z.object({
      kind: z.literal('cognito'),
      /** The OIDC issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
      authority: z.url(),
      clientId: z.string().check(z.minLength(1)),
      /** The pool's managed-login domain, for sign-out (`/logout`). */
      domain: z.url(),
      redirectUri: z.url(),
      logoutUri: z.url(),
    }),
  ]),
});
export type WebConfig = z.infer<typeof webConfigSchema>;
