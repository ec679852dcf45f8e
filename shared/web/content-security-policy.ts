/** The origins beside the pages' own that they call; the local runtime, where pages and API share one, has none. */
export interface ContentSecurityPolicySources {
  /** The API's origin (scheme and host): the pages call it. */
  apiOrigin?: string;
  /** The user pool's issuer origin (OIDC discovery and keys) and its managed-login domain (tokens, sign-out). */
  issuerOrigin?: string;
  authOrigin?: string;
  /** Where AWS WAF's JavaScript integration is loaded from and calls (a host source), when the pages use it. */
  wafSdk?: string;
}

/**
 * The pages' Content-Security-Policy: scripts, styles and everything else from the pages' own origin only (and AWS
 * WAF's challenge script); calls to the API, Cognito and WAF's endpoints; no framing, no foreign base or form target.
 * CloudFront sends it with the AWS origins; the local runtime with none, or only a configured WAF integration.
 */
export const contentSecurityPolicy = (sources: ContentSecurityPolicySources = {}) => {
  const { apiOrigin, issuerOrigin, authOrigin, wafSdk } = sources;
  const self = (...origins: (string | undefined)[]) =>
    ["'self'", ...origins.filter((origin) => origin !== undefined)].join(' ');
  return [
    "default-src 'none'",
    `script-src ${self(wafSdk)}`,
    `style-src ${self()}`,
    `img-src ${self()} data:`,
    `connect-src ${self(apiOrigin, issuerOrigin, authOrigin, wafSdk)}`,
    `font-src ${self()}`,
    `manifest-src ${self()}`,
    `form-action ${self(authOrigin)}`,
    "frame-ancestors 'none'",
    `base-uri ${self()}`,
  ].join('; ');
};
