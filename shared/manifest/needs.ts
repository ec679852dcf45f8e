/**
 * What a function may be granted: a table with an access mode, the SMS job topic, the lifecycle state machine, the
 * attachment bucket, the user pool, the ledger's salt, SMS from the stage's pool, or a parameter of the stage. The
 * manifest (functions.ts) lists each function's needs; infra grants exactly those and tells the function where each
 * is (environment.ts), and the ports a handler may use are derived from them (granted-ports.ts).
 */
export type TableName = 'registry' | 'operations' | 'adHoc' | 'audit' | 'idempotency' | 'erasureLedger';

/** Append-only is the audit trail and the erasure ledger: new items, never a read, an update or a delete. */
export type TableAccess = 'read' | 'write' | 'append';

/** Stage settings a function is told (environment.ts says how each travels as environment variables). */
export type ParameterName =
  | 'publicBaseUrl'
  | 'registrationPolicy'
  | 'reportPrices'
  | 'fundedPlaces'
  | 'claimRetentionYears'
  | 'lifecycleTiming'
  | 'alertWaves'
  | 'crisisCentrePhone'
  | 'smsPool'
  | 'consoleOrigin';

/** What a function may do in the user pool; each grants its own few Cognito actions (USER_POOL_ACTIONS). */
export type UserPoolAccess =
  | 'delete-accounts'
  | 'read-app-clients'
  | 'invite-officials'
  | 'read-officials'
  | 'remove-officials';

/** The Cognito actions each kind of user-pool access grants, on the stage's own pool only, and nothing else. */
export const USER_POOL_ACTIONS: Record<UserPoolAccess, { policy: string; actions: readonly string[] }> = {
  'delete-accounts': {
    policy: 'DeleteAccounts',
    actions: ['cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser'],
  },
  'read-app-clients': { policy: 'ReadAppClients', actions: ['cognito-idp:ListUserPoolClients'] },
  'invite-officials': {
    policy: 'InviteOfficials',
    // Get: a retried invitation finds the account its first try made.
    actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup'],
  },
  'read-officials': { policy: 'ReadOfficials', actions: ['cognito-idp:AdminGetUser'] },
  'remove-officials': {
    policy: 'RemoveOfficials',
    actions: ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut'],
  },
};

export type Need =
  | { readonly table: TableName; readonly access: TableAccess }
  | { readonly topic: 'smsJobs' }
  | { readonly stateMachine: 'lifecycle' | 'activation'; readonly access: 'start' | 'resume' }
  | { readonly bucket: 'attachments'; readonly access: 'upload' | 'delete' }
  | { readonly userPool: 'users'; readonly access: UserPoolAccess }
  | { readonly secret: 'erasureLedgerSalt' }
  | { readonly sms: 'pool' }
  | { readonly parameter: ParameterName };

export const reads = <T extends TableName>(table: T) => ({ table, access: 'read' }) as const;
export const writes = <T extends TableName>(table: T) => ({ table, access: 'write' }) as const;
export const appends = <T extends 'audit' | 'erasureLedger'>(table: T) =>
  ({ table, access: 'append' }) as const;
/** Publishes SMS jobs: the dispatcher sends them. */
export const queuesSms = { topic: 'smsJobs' } as const;
/**
 * Sends SMS through AWS End User Messaging SMS from the stage's pool (the dispatcher, and the inbound handler's
 * replies from the number texted).
 */
export const sendsSms = { sms: 'pool' } as const;
export const startsLifecycle = { stateMachine: 'lifecycle', access: 'start' } as const;
/** Starts an activation's mobilisation of the corps it adds. */
export const startsActivation = { stateMachine: 'activation', access: 'start' } as const;
/** Resumes a waiting lifecycle with its task token. */
export const resumesLifecycle = { stateMachine: 'lifecycle', access: 'resume' } as const;
/** Hands out presigned URLs to put claim files under `claims/`. */
export const uploadsClaimFiles = { bucket: 'attachments', access: 'upload' } as const;
export const deletesClaimFiles = { bucket: 'attachments', access: 'delete' } as const;
/** Finds and deletes an erased member's sign-in account. */
export const deletesAccounts = { userPool: 'users', access: 'delete-accounts' } as const;
/** Invites officials: creates their account (Cognito e-mails the invitation) and adds it to its role's group. */
export const invitesOfficials = { userPool: 'users', access: 'invite-officials' } as const;
/** Reads whether invited officials signed in yet. */
export const readsOfficialAccounts = { userPool: 'users', access: 'read-officials' } as const;
/** Removes officials: signs their account out everywhere and disables it. */
export const removesOfficials = { userPool: 'users', access: 'remove-officials' } as const;
/** Reads the app clients' names (a machine client's municipality is in its name). */
export const readsAppClients = { userPool: 'users', access: 'read-app-clients' } as const;
/** Reads the erasure ledger's salt from Secrets Manager, through the Parameters and Secrets extension. */
export const readsLedgerSalt = { secret: 'erasureLedgerSalt' } as const;
export const parameter = <P extends ParameterName>(name: P) => ({ parameter: name }) as const;

/** The resource a need is about, whatever the access: what a port requires (granted-ports.ts). */
export type ResourceOf<N> = N extends { table: infer T extends string }
  ? `table:${T}`
  : N extends { topic: infer T extends string }
    ? `topic:${T}`
    : N extends { stateMachine: infer S extends string }
      ? `stateMachine:${S}`
      : N extends { bucket: infer B extends string }
        ? `bucket:${B}`
        : N extends { userPool: infer U extends string }
          ? `userPool:${U}`
          : N extends { secret: infer S extends string }
            ? `secret:${S}`
            : N extends { sms: infer S extends string }
              ? `sms:${S}`
              : N extends { parameter: infer P extends string }
                ? `parameter:${P}`
                : never;

export type Resource = ResourceOf<Need>;

export const resourceOf = (need: Need): Resource => {
  if ('table' in need) return `table:${need.table}`;
  if ('topic' in need) return `topic:${need.topic}`;
  if ('stateMachine' in need) return `stateMachine:${need.stateMachine}`;
  if ('bucket' in need) return `bucket:${need.bucket}`;
  if ('userPool' in need) return `userPool:${need.userPool}`;
  if ('secret' in need) return `secret:${need.secret}`;
  if ('sms' in need) return `sms:${need.sms}`;
  return `parameter:${need.parameter}`;
};
