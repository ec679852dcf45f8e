/**
 * Which built file answers a page path: the citizen's registration link `/r/<code>` is `r.html`, a path that names a
 * file is that file, and every other path is the console (`index.html`, which routes in the browser). CloudFront's
 * viewer-request function and the local runtime both follow this rule.
 */
export const REGISTRATION_PAGE_PREFIX = '/r/';

export const pageFileFor = (pathname: string): string => {
  if (pathname.startsWith(REGISTRATION_PAGE_PREFIX)) return '/r.html';
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last.includes('.') ? pathname : '/index.html';
};

/** The link a spontaneous call hands out: the citizen's page for this call's code. */
export const registrationPageUrl = (publicBaseUrl: string, code: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}${REGISTRATION_PAGE_PREFIX}${encodeURIComponent(code)}`;
