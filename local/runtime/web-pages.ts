import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { contentSecurityPolicy } from '../../shared/web/content-security-policy';
import { pageFileFor } from '../../shared/web/page-paths';
import type { WebConfig } from '../../shared/web/web-config';

/** What `npm run build:web` writes: the same files the web stack puts in its bucket. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The local stand-in for the distribution's headers (infra/constructs/web-hosting.ts): the pages call only their own
 * origin here, and the WAF integration's when the settings name one.
 */
const pageHeaders = ({ wafIntegrationUrl }: WebConfig) => ({
  'content-security-policy': contentSecurityPolicy(
    wafIntegrationUrl ? { wafSdk: new URL(wafIntegrationUrl).origin } : {},
  ),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
});

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built pages at `/` as CloudFront does: page paths by the shared rule, hashed assets cached for good,
 * pages and `/config.json` always fresh. Without a build it says how to make one.
 */
export const webPages = (config: () => WebConfig, dir = WEB_DIST): PageHandler => {
  const files = existsSync(dir)
    ? sirv(dir, {
        dev: false,
        etag: true,
        setHeaders: (res, pathname) => {
          for (const [name, value] of Object.entries(pageHeaders(config()))) res.setHeader(name, value);
          res.setHeader(
            'cache-control',
            pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      })
    : undefined;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(JSON.stringify(config()));
      return;
    }
    if (!files) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The pages are not built: run `npm run build:web` (npm start and npm test do it first).\n');
      return;
    }
    req.url = pageFileFor(url.pathname);
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
  };
};
