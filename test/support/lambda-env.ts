// The environment a Lambda function sees, for the code under test; table names are set per file by createTestTables.
Object.assign(process.env, {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  // The erasure ledger's salt, as the local runtime and the reapply command are given it (Secrets Manager in AWS).
  ERASURE_LEDGER_SALT: 'test-salt-of-the-erasure-ledger-0123456789abcdef',
});
