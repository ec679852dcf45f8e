import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { USER_SCOPE } from '../../../../shared/http/oauth-scopes';
import type { WebConfig } from '../../../../shared/web/web-config';

/** The path Cognito sends the user back to after managed login (the web stack registers it as a callback URL). */
export const SIGNED_IN_PATH = '/signed-in';
const LOCAL_TOKEN_KEY = 'crisis-console-local-token';

/** How the console gets and drops the user's token: Cognito managed login in AWS, `/_local/token` on a laptop. */
export interface Auth {
  kind: WebConfig['auth']['kind'];
  /** The current access token, or undefined when nobody is signed in (or it expired). */
  token(): Promise<string | undefined>;
  /** Finishes a sign-in the browser came back from, if this page load is one. */
  completeSignIn(): Promise<void>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

const cognitoAuth = (config: Extract<WebConfig['auth'], { kind: 'cognito' }>): Auth => {
  // Authorization code with PKCE (oidc-client-ts's only flow); tokens live in this tab's session storage.
  const users = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.logoutUri,
    // The app client's scopes (infra/stacks/api-stack.ts): the API's methods accept the user scope's access token.
    scope: `openid ${USER_SCOPE}`,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
  return {
    kind: 'cognito',
    token: async () => {
      const user = await users.getUser();
      return user && !user.expired ? user.access_token : undefined;
    },
    completeSignIn: async () => {
      if (location.pathname !== SIGNED_IN_PATH) return;
      await users.signinRedirectCallback();
      history.replaceState(null, '', '/');
    },
    signIn: () => users.signinRedirect(),
    // Cognito's logout endpoint is not in its discovery document: sign out there, then drop the local user.
    signOut: async () => {
      await users.removeUser();
      const logout = new URL('/logout', config.domain);
      logout.searchParams.set('client_id', config.clientId);
      logout.searchParams.set('logout_uri', config.logoutUri);
      location.assign(logout.toString());
    },
  };
};

/** The local runtime: the sign-in page asks `/_local/token` for a token of the chosen role and municipality. */
export const localAuth = (): Auth & { keep(token: string): void } => ({
  kind: 'local',
  token: async () => sessionStorage.getItem(LOCAL_TOKEN_KEY) ?? undefined,
  completeSignIn: async () => {},
  signIn: async () => {},
  signOut: async () => {
    sessionStorage.removeItem(LOCAL_TOKEN_KEY);
    location.assign('/');
  },
  keep: (token) => sessionStorage.setItem(LOCAL_TOKEN_KEY, token),
});

export const authFor = (config: WebConfig): Auth =>
  config.auth.kind === 'cognito' ? cognitoAuth(config.auth) : localAuth();
