import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { POINT_IN_TIME_RECOVERY_DAYS } from '../../shared/domain/retention';
import { MISSED_ALERT_ATTRIBUTES } from '../../shared/store/alert-item';
import { AttachmentBucket } from '../constructs/attachment-bucket';

export interface DataStackProps extends StackProps {
  production: boolean;
}

/**
 * The stateful heart: every table lives here and nowhere else, so redeploying the functions, the state machine
 * or the API can never replace a table. Stateless stacks reach the tables through typed props.
 */
export class DataStack extends Stack {
  readonly key: Key;
  readonly registry: Table;
  readonly operations: Table;
  readonly adHoc: Table;
  readonly audit: Table;
  readonly idempotency: Table;
  readonly erasureLedger: Table;
  /** The erasure ledger's salt: without it the ledger's hashes cannot be matched to anyone. */
  readonly erasureLedgerSalt: Secret;
  readonly attachments: AttachmentBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'DataKey', {
      description: 'Customer-managed key of the crisis tool tables',
      enableKeyRotation: true,
      removalPolicy,
    });

    const table = (
      name: string,
      options: {
        gsi1?: boolean;
        /** A second index, on gsi2pk / gsi2sk (Operations: every help request by time). */
        gsi2?: boolean;
        /** A third, on gsi3pk / gsi3sk, with the attributes its listing shows (Operations: unreachable volunteers). */
        gsi3?: string[];
        ttl?: string;
        partitionKey?: string;
        sortKey?: boolean;
        /** Holds nothing worth keeping: destroyed with the stack, also in production. */
        disposable?: boolean;
      } = {},
    ) => {
      const created = new Table(this, name, {
        partitionKey: { name: options.partitionKey ?? 'pk', type: AttributeType.STRING },
        ...(options.sortKey === false ? {} : { sortKey: { name: 'sk', type: AttributeType.STRING } }),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.key,
        pointInTimeRecoverySpecification: {
          pointInTimeRecoveryEnabled: true,
          recoveryPeriodInDays: POINT_IN_TIME_RECOVERY_DAYS,
        },
        ...(options.disposable
          ? { removalPolicy: RemovalPolicy.DESTROY }
          : { deletionProtection: props.production, removalPolicy }),
        ...(options.ttl ? { timeToLiveAttribute: options.ttl } : {}),
      });
      if (options.gsi1) {
        created.addGlobalSecondaryIndex({
          indexName: 'gsi1',
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        });
      }
      if (options.gsi2) {
        created.addGlobalSecondaryIndex({
          indexName: 'gsi2',
          partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
        });
      }
      if (options.gsi3) {
        created.addGlobalSecondaryIndex({
          indexName: 'gsi3',
          partitionKey: { name: 'gsi3pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi3sk', type: AttributeType.STRING },
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: options.gsi3,
        });
      }
      return created;
    };

    // Municipalities, volunteers, phone-number claims, groups, trainings, providers.
    this.registry = table('Registry', { gsi1: true });
    // Help requests, alerts, stand-downs, timelines. gsi2 also lists a request's answers, gsi3 its unreachable and the open requests.
    this.operations = table('Operations', {
      gsi1: true,
      gsi2: true,
      gsi3: [...MISSED_ALERT_ATTRIBUTES],
      ttl: 'expiresAt',
    });
    // Spontaneous volunteers only: the purge deletes them, the TTL is a backstop.
    this.adHoc = table('AdHoc', { gsi1: true, ttl: 'expiresAt' });
    // Append-only audit trail, without personal data.
    this.audit = table('Audit');
    // Salted hashes of erased members and ids of purged requests: never restored with the others, so a restore of
    // those can be made to forget them again (npm run reapply-erasures).
    this.erasureLedger = table('ErasureLedger', { sortKey: false });
    this.erasureLedgerSalt = new Secret(this, 'ErasureLedgerSalt', {
      description:
        'Salt of the erasure ledger hashes; never rotate it: the ledger could no longer be matched',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });

    // Powertools idempotency records (its default key schema), expired by TTL after a day.
    this.idempotency = table('Idempotency', {
      partitionKey: 'id',
      sortKey: false,
      ttl: 'expiration',
      disposable: true,
    });

    // Claim attachments: stateful like the tables, so they live here too.
    this.attachments = new AttachmentBucket(this, 'ClaimAttachments', {
      encryptionKey: this.key,
      production: props.production,
    });
  }
}
