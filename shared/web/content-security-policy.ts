/** The origins beside the pages' own that they call: the API, and Cognito's issuer and managed-login domain. */
export interface ContentSecurityPolicySources {
  /** The API's origin (scheme and host): the pages call it. */
  apiOrigin: string;
  /** The user pool's issuer origin (OIDC discovery and keys) and its managed-login domain (tokens, sign-out). */
  issuerOrigin: string;
  authOrigin: string;
}

/**
 * The pages' Content-Security-Policy: scripts, styles and everything else from the pages' own origin only; calls
 * to the API and Cognito; no framing, no foreign base or form target. CloudFront sends it with the AWS origins; the
 * local runtime, where pages and API share one origin and sign-in is local, with none.
 */
export const contentSecurityPolicy = (sources?: ContentSecurityPolicySources) => {
  const self = (...origins: string[]) => ["'self'", ...origins].join(' ');
  return [
    "default-src 'none'",
    `script-src ${self()}`,
    `style-src ${self()}`,
    `img-src ${self()} data:`,
    `connect-src ${self(...(sources ? [sources.apiOrigin, sources.issuerOrigin, sources.authOrigin] : []))}`,
    `font-src ${self()}`,
    `manifest-src ${self()}`,
    `form-action ${self(...(sources ? [sources.authOrigin] : []))}`,
    "frame-ancestors 'none'",
    `base-uri ${self()}`,
  ].join('; ');
};
