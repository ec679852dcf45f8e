import type { Middleware } from 'openapi-fetch';
import { type ApiClient, type ApiError, apiClient } from '../api/client';
import type { Auth } from './auth/session';

/** The typed client with the user's token on every call; a 401 means the token is gone: sign in again. */
export const consoleClient = (apiUrl: string, auth: Auth, onSignedOut: () => void): ApiClient => {
  const client = apiClient(apiUrl);
  const bearer: Middleware = {
    onRequest: async ({ request }) => {
      const token = await auth.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse: ({ response }) => {
      if (response.status === 401) onSignedOut();
      return response;
    },
  };
  client.use(bearer);
  return client;
};

/** The reason an error answer gives, for a message next to the action that failed; its status when it gives none. */
export const reasonOf = (error: unknown, response: Response): string => {
  const answer = (error ?? {}) as ApiError;
  return (
    [answer.rule, answer.message, ...(answer.issues ?? []).map((i) => `${i.path}: ${i.message}`)]
      .filter(Boolean)
      .join(' · ') || String(response.status)
  );
};
