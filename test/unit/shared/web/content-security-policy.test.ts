import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../shared/web/content-security-policy';

/** The policy's directives by name, each with its sources. */
const directives = (policy: string): Record<string, string[]> =>
  Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );

const AWS = {
  apiOrigin: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
  issuerOrigin: 'https://cognito-idp.eu-west-1.amazonaws.com',
  authOrigin: 'https://crisis-corps-dev.auth.eu-west-1.amazoncognito.com',
};

describe("the pages' Content-Security-Policy", () => {
  it('lets the pages load and call their own origin only when nothing else is named (the local runtime)', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
    );
  });

  it('lets them call the API and Cognito, and send the sign-in form to managed login only', () => {
    const policy = directives(contentSecurityPolicy(AWS));
    expect(policy['connect-src']).toEqual(["'self'", AWS.apiOrigin, AWS.issuerOrigin, AWS.authOrigin]);
    expect(policy['form-action']).toEqual(["'self'", AWS.authOrigin]);
    expect(policy['script-src']).toEqual(["'self'"]);
  });

  it("lets them load AWS WAF's challenge script and let it call its endpoints, and nothing more of it", () => {
    const wafSdk = 'https://*.awswaf.com';
    const policy = directives(contentSecurityPolicy({ ...AWS, wafSdk }));
    expect(policy['script-src']).toEqual(["'self'", wafSdk]);
    expect(policy['connect-src']).toEqual([
      "'self'",
      AWS.apiOrigin,
      AWS.issuerOrigin,
      AWS.authOrigin,
      wafSdk,
    ]);
    for (const name of ['default-src', 'style-src', 'img-src', 'form-action', 'frame-ancestors', 'base-uri'])
      expect(policy[name], name).not.toContain(wafSdk);
  });

  it('admits a configured integration origin on the local runtime too, beside its own origin only', () => {
    const policy = directives(contentSecurityPolicy({ wafSdk: 'http://127.0.0.1:4100' }));
    expect(policy['script-src']).toEqual(["'self'", 'http://127.0.0.1:4100']);
    expect(policy['connect-src']).toEqual(["'self'", 'http://127.0.0.1:4100']);
    expect(policy['form-action']).toEqual(["'self'"]);
  });
});
