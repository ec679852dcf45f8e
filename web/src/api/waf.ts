/** What AWS WAF's challenge script puts on `window`: a `fetch` that solves the challenge and sends its token. */
declare global {
  interface Window {
    AwsWafIntegration?: { fetch: typeof fetch };
  }
}

/** The challenge script did not load (a content blocker, a dropped connection): no token, so nothing was sent. */
export class WafUnavailable extends Error {}

const loadIntegration = (integrationUrl: string): Promise<typeof fetch> => {
  const loaded = new Promise<typeof fetch>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${integrationUrl.replace(/\/+$/, '')}/challenge.js`;
    script.onload = () => {
      const integration = window.AwsWafIntegration;
      if (integration) resolve(integration.fetch.bind(integration));
      else reject(new WafUnavailable('the WAF challenge script did not set up its integration'));
    };
    script.onerror = () => {
      script.remove();
      reject(new WafUnavailable('the WAF challenge script could not be loaded'));
    };
    document.head.append(script);
  });
  // Nobody may be waiting yet: a failure is reported to the call that needs the script.
  loaded.catch(() => undefined);
  return loaded;
};

/**
 * The fetch the citizen's registration goes through. In AWS the route needs a solved WAF challenge: the web ACL's
 * script (`<integration URL>/challenge.js`) starts loading at once, so its token is ready by the time the form is
 * sent, and its `fetch` sends the registration with it. If the script cannot load, the call fails with
 * `WafUnavailable` and the next call loads it again. Locally, without an integration URL, the browser's own fetch.
 */
export const wafFetch = (integrationUrl: string | undefined): typeof fetch => {
  if (!integrationUrl) return globalThis.fetch.bind(globalThis);
  let integration: Promise<typeof fetch> | undefined = loadIntegration(integrationUrl);
  return async (input, init) => {
    integration ??= loadIntegration(integrationUrl);
    const loading = integration;
    const send = await loading.catch((error: unknown) => {
      if (integration === loading) integration = undefined;
      throw error;
    });
    return send(input, init);
  };
};
