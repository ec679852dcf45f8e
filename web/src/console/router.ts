import { signal } from '@preact/signals';

/** The console's address bar as a signal: pages are paths, links change it without a reload. */
export const currentPath = signal(location.pathname);

export const navigate = (path: string) => {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  currentPath.value = path;
};
addEventListener('popstate', () => {
  currentPath.value = location.pathname;
});

/** The console's pages by path; `match` gives the parameters of the first route that fits. */
export type Route =
  | { page: 'requests' }
  | { page: 'new-request' }
  | { page: 'request'; id: string }
  | { page: 'roster'; nis: string }
  | { page: 'import'; nis: string }
  | { page: 'officials'; nis: string }
  | { page: 'municipalities' }
  | { page: 'not-found' };

export const routeOf = (path: string): Route => {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'requests')) return { page: 'requests' };
  if (parts.length === 1 && parts[0] === 'municipalities') return { page: 'municipalities' };
  if (parts[0] === 'requests' && parts[1] === 'new' && parts.length === 2) return { page: 'new-request' };
  if (parts[0] === 'requests' && parts.length === 2) return { page: 'request', id: parts[1]! };
  if (parts[0] === 'municipalities' && parts.length === 3) {
    const nis = parts[1]!;
    if (parts[2] === 'volunteers') return { page: 'roster', nis };
    if (parts[2] === 'import') return { page: 'import', nis };
    if (parts[2] === 'officials') return { page: 'officials', nis };
  }
  return { page: 'not-found' };
};

export const pathOf = {
  requests: () => '/requests',
  newRequest: () => '/requests/new',
  request: (id: string) => `/requests/${encodeURIComponent(id)}`,
  roster: (nis: string) => `/municipalities/${nis}/volunteers`,
  import: (nis: string) => `/municipalities/${nis}/import`,
  officials: (nis: string) => `/municipalities/${nis}/officials`,
  municipalities: () => '/municipalities',
};
