import { describe, expect, it } from 'vitest';
import { POINT_IN_TIME_RECOVERY_DAYS } from '../../shared/domain/retention';
import { MISSED_ALERT_ATTRIBUTES } from '../../shared/store/alert-item';
import {
  dev,
  devTemplate,
  expectFunctionConventions,
  type Json,
  logicalIdOf,
  prodStage,
  prodTemplate,
} from './synth';

const template = devTemplate('data');

const TABLE_NAMES = ['Registry', 'Operations', 'AdHoc', 'Audit', 'Idempotency', 'ErasureLedger'] as const;
type TableName = (typeof TABLE_NAMES)[number];
const TABLE_PROPERTY = {
  Registry: 'registry',
  Operations: 'operations',
  AdHoc: 'adHoc',
  Audit: 'audit',
  Idempotency: 'idempotency',
  ErasureLedger: 'erasureLedger',
} as const satisfies Record<TableName, string>;

/** The synthesized table resource of one of the stage's tables. */
const tableIn = (stage: typeof dev, name: TableName): Json => {
  const logicalId = logicalIdOf(stage.data[TABLE_PROPERTY[name]]);
  const table = (stage === dev ? template : prodTemplate('data')).findResources('AWS::DynamoDB::Table')[
    logicalId
  ];
  if (!table) throw new Error(`table ${name} (${logicalId}) is not in the template`);
  return table;
};

/** Tables that hold the system's records (everything but the Powertools idempotency store). */
const RECORD_TABLES = ['Registry', 'Operations', 'AdHoc', 'Audit', 'ErasureLedger'] as const;

describe('data stack', () => {
  it('holds exactly the six tables of the system', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', TABLE_NAMES.length);
    for (const name of TABLE_NAMES) expect(tableIn(dev, name).Type).toBe('AWS::DynamoDB::Table');
  });

  it.each(TABLE_NAMES)('bills the %s table per request', (name) => {
    expect(tableIn(dev, name).Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it.each(TABLE_NAMES)('encrypts the %s table with the customer-managed data key', (name) => {
    expect(tableIn(dev, name).Properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: { 'Fn::GetAtt': [logicalIdOf(dev.data.key), 'Arn'] },
    });
  });

  it.each(TABLE_NAMES)(
    'keeps point-in-time recovery on for the %s table, over the 35 days the purge receipt states',
    (name) => {
      expect(tableIn(dev, name).Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: POINT_IN_TIME_RECOVERY_DAYS,
      });
    },
  );

  it('rotates the data key every year', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  const gsi1 = expect.objectContaining({
    IndexName: 'gsi1',
    KeySchema: [
      { AttributeName: 'gsi1pk', KeyType: 'HASH' },
      { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
    ],
  });

  it.each(['Registry', 'AdHoc'] as const)('indexes the %s table with gsi1 on gsi1pk/gsi1sk only', (name) => {
    expect(tableIn(dev, name).Properties.GlobalSecondaryIndexes).toEqual([gsi1]);
  });

  it('indexes the Operations table with gsi1, gsi2 (the help requests of all of Flanders, a request’s answers) and gsi3 (its unreachable)', () => {
    expect(tableIn(dev, 'Operations').Properties.GlobalSecondaryIndexes).toEqual([
      gsi1,
      expect.objectContaining({
        IndexName: 'gsi2',
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      }),
      // The unreachable volunteers of a request, with only what their listing shows.
      expect.objectContaining({
        IndexName: 'gsi3',
        KeySchema: [
          { AttributeName: 'gsi3pk', KeyType: 'HASH' },
          { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...MISSED_ALERT_ATTRIBUTES] },
      }),
    ]);
    expect(tableIn(dev, 'Operations').Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'gsi2pk', AttributeType: 'S' },
        { AttributeName: 'gsi2sk', AttributeType: 'S' },
      ]),
    );
  });

  it.each(['Audit', 'Idempotency', 'ErasureLedger'] as const)(
    'gives the %s table no secondary index',
    (name) => {
      expect(tableIn(dev, name).Properties.GlobalSecondaryIndexes).toBeUndefined();
    },
  );

  it.each([
    ['Operations', 'expiresAt'],
    ['AdHoc', 'expiresAt'],
    ['Idempotency', 'expiration'],
  ] as const)('expires items of the %s table by their %s attribute', (name, attribute) => {
    expect(tableIn(dev, name).Properties.TimeToLiveSpecification).toEqual({
      AttributeName: attribute,
      Enabled: true,
    });
  });

  it.each(['Registry', 'Audit', 'ErasureLedger'] as const)('never expires items of the %s table', (name) => {
    expect(tableIn(dev, name).Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('keys the idempotency table by id, the Powertools default', () => {
    expect(tableIn(dev, 'Idempotency').Properties.KeySchema).toEqual([
      { AttributeName: 'id', KeyType: 'HASH' },
    ]);
  });

  it.each(RECORD_TABLES)('lets the dev stage delete the %s table', (name) => {
    const table = tableIn(dev, name);
    expect(table.Properties.DeletionProtectionEnabled).not.toBe(true);
    expect(table.DeletionPolicy).toBe('Delete');
  });

  it.each(RECORD_TABLES)('protects and retains the %s table in a production stage', (name) => {
    const table = tableIn(prodStage(), name);
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('retains the data key in a production stage, so retained tables stay readable', () => {
    prodTemplate('data').hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  it('keys the erasure ledger by pk alone: one entry per erased member or purged request', () => {
    expect(tableIn(dev, 'ErasureLedger').Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
    ]);
  });

  it("generates the erasure ledger's salt as a secret encrypted with the data key, retained in production", () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [logicalIdOf(dev.data.key), 'Arn'] },
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    prodTemplate('data').hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('runs no Lambda function of its own', () => {
    expectFunctionConventions(template, 0);
  });
});
