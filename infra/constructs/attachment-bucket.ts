import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Object keys the claim functions write to, and nothing else. */
export const CLAIM_ATTACHMENTS_PREFIX = 'claims/';

export interface AttachmentBucketProps {
  encryptionKey: IKey;
  production: boolean;
}

/**
 * The claim attachments (photos, medical certificates): private, KMS-encrypted with the data key, TLS only,
 * versioned (an overwrite or delete can be undone), with a lifecycle for old versions and abandoned uploads.
 * Clients PUT files straight to it through presigned URLs.
 */
export class AttachmentBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AttachmentBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { noncurrentVersionExpiration: Duration.days(90) },
      ],
      // Browsers upload with the presigned URL from any origin the app is served on; only PUT, only these headers.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: ['*'],
          allowedHeaders: ['content-type', 'content-length'],
          maxAge: 3000,
        },
      ],
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** May sign upload URLs: put objects under the claims prefix (encrypting with the key), never read or delete. */
  grantUpload(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${CLAIM_ATTACHMENTS_PREFIX}*`)],
      }),
    );
    this.bucket.encryptionKey?.grant(grantee, 'kms:GenerateDataKey');
  }

  /**
   * May delete a claim's files at the end of its retention: list versions and delete them under the claims prefix
   * only, never read an object (S3 needs no key to delete).
   */
  grantDeleteClaimFiles(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${CLAIM_ATTACHMENTS_PREFIX}*`] } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${CLAIM_ATTACHMENTS_PREFIX}*`)],
      }),
    );
  }
}
