import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/http/routes';
import {
  actionsOf,
  allowing,
  dev,
  devTemplate,
  type Json,
  logicalIdOf,
  mentions,
  prodStage,
  prodTemplate,
  statementsOf,
} from './synth';

const data = devTemplate('data');
const api = devTemplate('api');
const bucketId = logicalIdOf(dev.data.attachments.bucket);
const bucketOf = (template = data): Json => template.findResources('AWS::S3::Bucket')[bucketId];

const UPLOAD_ROUTE = 'POST /claims/{id}/attachments';
const uploadFunction = () => dev.api.functions.get(UPLOAD_ROUTE)!;

describe('the claim attachments bucket', () => {
  it('is the data stack’s only bucket, encrypted with the data key', () => {
    data.resourceCountIs('AWS::S3::Bucket', 1);
    const encryption = bucketOf().Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(encryption.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(mentions(encryption.ServerSideEncryptionByDefault.KMSMasterKeyID, logicalIdOf(dev.data.key))).toBe(
      true,
    );
  });

  it('is private, versioned, and expires old versions and abandoned uploads', () => {
    const { Properties } = bucketOf();
    expect(Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
      ]),
    );
    expect(Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['PUT'] }),
    ]);
  });

  it('refuses every request that does not use TLS', () => {
    const policy = Object.values(data.findResources('AWS::S3::BucketPolicy')).find((p: Json) =>
      mentions(p.Properties.Bucket, bucketId),
    ) as Json;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    );
  });

  it('is kept when a production stack is deleted, and goes with a dev one', () => {
    expect(bucketOf().DeletionPolicy).toBe('Delete');
    const prodBucket = logicalIdOf(prodStage().data.attachments.bucket);
    const prodBuckets: Record<string, Json> = prodTemplate('data').findResources('AWS::S3::Bucket');
    expect(prodBuckets[prodBucket]?.DeletionPolicy).toBe('Retain');
  });
});

describe('access to the attachments', () => {
  it('lets the attachment route put objects under claims/ only, and tells it the bucket', () => {
    const statements = statementsOf(api, uploadFunction());
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/claims/*');
    expect(allowing(statements, 'kms:GenerateDataKey').length).toBeGreaterThan(0);
    const fn: Json = api.findResources('AWS::Lambda::Function')[logicalIdOf(uploadFunction())];
    expect(mentions(fn.Properties.Environment.Variables.ATTACHMENTS_BUCKET, bucketId)).toBe(true);
  });

  it('gives no other API function any S3 access, and no route a read or a delete', () => {
    for (const route of ROUTES) {
      const key = `${route.method} ${route.path}`;
      const actions = statementsOf(api, dev.api.functions.get(key)!)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('s3:') || a === '*');
      expect(actions, key).toEqual(key === UPLOAD_ROUTE ? ['s3:PutObject'] : []);
    }
  });
});

describe('the daily deletion of claims past their retention date', () => {
  const retention = () => {
    const fn = dev.api.claimRetention;
    expect(fn).toBeDefined();
    return fn;
  };

  it('runs every day on an EventBridge schedule', () => {
    const rules = Object.values(api.findResources('AWS::Events::Rule')).filter((rule: Json) =>
      (rule.Properties.Targets ?? []).some((t: Json) => mentions(t.Arn, logicalIdOf(retention()))),
    ) as Json[];
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties.ScheduleExpression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
    expect(rules[0].Properties.State).toBe('ENABLED');
  });

  it('may list and delete object versions under claims/ only, and never read them', () => {
    const statements = statementsOf(api, retention());
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual([
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:ListBucketVersions',
    ]);
    const list = allowing(s3, 's3:ListBucketVersions')[0]!;
    expect((list as Json).Condition).toEqual({ StringLike: { 's3:prefix': ['claims/*'] } });
    for (const statement of allowing(s3, 's3:DeleteObjectVersion'))
      expect(JSON.stringify(statement.Resource)).toContain('/claims/*');
    const fn: Json = api.findResources('AWS::Lambda::Function')[logicalIdOf(retention())];
    expect(mentions(fn.Properties.Environment.Variables.ATTACHMENTS_BUCKET, bucketId)).toBe(true);
    expect(fn.Properties.Environment.Variables.OPERATIONS_TABLE).toBeDefined();
    expect(fn.Properties.Environment.Variables.AUDIT_TABLE).toBeDefined();
  });

  it('tells the claim route the stage’s retention years, which start when a claim is settled or rejected', () => {
    const fn: Json =
      api.findResources('AWS::Lambda::Function')[logicalIdOf(dev.api.functions.get('PATCH /claims/{id}')!)];
    expect(fn.Properties.Environment.Variables.CLAIM_RETENTION_YEARS).toBe('5');
  });
});
