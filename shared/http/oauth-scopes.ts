/** The Cognito resource server of this API: machine clients (municipal crisis software) get its scopes. */
export const RESOURCE_SERVER_ID = 'crisis-api';

export const HELP_REQUESTS_WRITE = 'help-requests.write';
export const HELP_REQUESTS_READ = 'help-requests.read';

/** A scope as it appears in an access token: `crisis-api/help-requests.write`. */
export const fullScope = (name: string): string => `${RESOURCE_SERVER_ID}/${name}`;

/** What every signed-in user's access token carries; the methods that accept users require it. */
export const USER_SCOPE = 'aws.cognito.signin.user.admin';

/** The scopes a method accepts: every signed-in user's, and the route's machine scope if it has one. */
export const acceptedScopes = (machineScope: string | undefined): string[] => [
  USER_SCOPE,
  ...(machineScope ? [fullScope(machineScope)] : []),
];
