import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The typed client of the API, generated from docs/openapi.json; `fetch` may be the WAF integration's. */
export const apiClient = (apiUrl: string, fetchWith: typeof fetch = globalThis.fetch) =>
  createClient<paths>({ baseUrl: apiUrl, fetch: (request) => fetchWith(request) });
export type ApiClient = ReturnType<typeof apiClient>;

/** An error answer as API.md gives it: the kind, the rule broken or the fields refused. */
export interface ApiError {
  error?: string;
  rule?: string;
  message?: string;
  issues?: { path: string; message: string }[];
}
