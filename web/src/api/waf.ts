/** What AWS WAF's challenge script puts on `window`: a `fetch` that solves the challenge and sends its token. */
declare global {
  interface Window {
    AwsWafIntegration?: { fetch: typeof fetch };
  }
}

/**
 * The fetch the citizen's page sends through: in AWS the registration route needs a solved WAF challenge, so the
 * web ACL's script (`<integration URL>/challenge.js`) is loaded and its `fetch` used; locally there is no WAF.
 */
export const wafFetch = (integrationUrl: string | undefined): Promise<typeof fetch> => {
  if (!integrationUrl) return Promise.resolve(globalThis.fetch.bind(globalThis));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${integrationUrl.replace(/\/+$/, '')}/challenge.js`;
    script.defer = true;
    script.onload = () =>
      window.AwsWafIntegration
        ? resolve(window.AwsWafIntegration.fetch.bind(window.AwsWafIntegration))
        : reject(new Error('the WAF challenge script did not load its integration'));
    script.onerror = () => reject(new Error('the WAF challenge script could not be loaded'));
    document.head.append(script);
  });
};
