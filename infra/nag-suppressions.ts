import { type NagPackSuppression, NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ROUTES } from '../shared/http/routes';
import { HandlerFunction } from './constructs/handler-function';
import type { CrisisToolStage } from './stage';

const managedPolicy = (name: string) => `Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}`;
const BASIC_EXECUTION_ROLE = {
  id: 'AwsSolutions-IAM4',
  appliesTo: [managedPolicy('AWSLambdaBasicExecutionRole')],
  reason: "AWS's basic execution role: CloudWatch Logs writes only, which every function needs for its logs",
};
const TRACING = {
  id: 'AwsSolutions-IAM5',
  appliesTo: ['Resource::*'],
  reason:
    'Only X-Ray (and, for the state machine, CloudWatch Logs delivery) take `*`: they have no resource-level permissions',
};

/** Suppressions on a construct and everything under it (its role and that role's policy). */
const accept = (construct: IConstruct, ...suppressions: NagPackSuppression[]) =>
  NagSuppressions.addResourceSuppressions(construct, suppressions, true);

/** What every function of ours is granted beyond its own resources: `Resource::*` in its X-Ray policy only. */
export const acceptFunctionFindings = (fn: HandlerFunction) => {
  accept(fn.tracing, TRACING);
  accept(
    fn,
    BASIC_EXECUTION_ROLE,
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      reason:
        "CDK's grants on the stage's customer-managed keys, for table items and topic messages: on those keys only",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: [{ regex: '/^Resource::.+\\/index\\/\\*$/' }],
      reason:
        "Queries on the global secondary index (gsi1) of a table the function is granted: that table's indexes only",
    },
  );
};

/**
 * The cdk-nag AwsSolutions findings this system accepts, each with its reason, scoped to the constructs (and with
 * `appliesTo`, the very permissions) they concern. `test/infra/nag.test.ts` fails on any other finding.
 */
export const acceptStageFindings = (stage: CrisisToolStage): void => {
  for (const construct of stage.node.findAll()) {
    if (construct instanceof HandlerFunction) acceptFunctionFindings(construct);
  }

  for (const machine of [stage.workflow.stateMachine, stage.workflow.activationStateMachine]) {
    accept(
      machine,
      TRACING,
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: [{ regex: '/^Resource::<\\w+Function[0-9A-F]{8}\\.Arn>:\\*$/' }],
        reason: "Invoking the machine's own task functions in any version, as CDK's LambdaInvoke grants it",
      },
      {
        id: 'AwsSolutions-SF1',
        reason:
          'Errors only, without execution data (which holds request ids and timing): each transition is in the execution history',
      },
    );
  }

  const { messaging } = stage;
  accept(messaging.node.findChild('SmsSpendLimit'), {
    id: 'AwsSolutions-IAM5',
    appliesTo: ['Resource::*'],
    reason:
      'sms-voice:SetTextMessageSpendLimitOverride is an account-level action: it has no resource to scope it to',
  });
  for (const kept of [messaging.inboundFailures, messaging.inboundUndelivered]) {
    accept(kept, {
      id: 'AwsSolutions-SQS3',
      reason:
        'It is itself where failed inbound SMS are kept (Lambda on-failure destination, SNS subscription DLQ): a message that fails its replay stays on it',
    });
  }
  // The singleton function behind AwsCustomResource, created by CDK with a fixed id.
  accept(messaging.node.findChild('AWS679f53fac002430cb0da5b7982bd2287'), BASIC_EXECUTION_ROLE);

  accept(stage.data.attachments.bucket, {
    id: 'AwsSolutions-S1',
    reason:
      'Claim attachments arrive only through 15-minute presigned PUT URLs handed to an authorised claimant, each recorded on the claim and in the audit trail; no function reads objects, and access logs would add uploaders’ IP addresses to keep',
  });
  accept(stage.data.erasureLedgerSalt, {
    id: 'AwsSolutions-SMG4',
    reason:
      "The erasure ledger's salt is no credential: the ledger's hashes are made with it, and a rotated salt would match no erased member after a restore",
  });
  accept(stage.api.functions.get('POST /claims/{id}/attachments')!, {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::.+\\/claims\\/\\*$/' }],
    reason: 'Presigned uploads go to claims/<claimId>/<attachmentId>: PutObject under that prefix only',
  });
  accept(stage.api.claimRetention, {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::.+\\/claims\\/\\*$/' }],
    reason:
      'Claims past their retention date lose every file version under claims/<claimId>/: delete under that prefix only',
  });

  const { bucket: pages, logs, distribution } = stage.api.web;
  accept(pages, {
    id: 'AwsSolutions-S1',
    reason:
      'Only the distribution reads it (Origin Access Control) and only the Web stack’s deployment writes it: the distribution’s access logs record every request',
  });
  accept(logs, {
    id: 'AwsSolutions-S1',
    reason: 'It is itself the access log of the web distribution; logging its own writes would log the logs',
  });
  accept(
    distribution,
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'The pages are public static files without data; volunteers and citizens may open an SMS link from abroad (commuters, border towns)',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'Static files only: every call with data goes to the API, which has its own regional web ACL; a CloudFront web ACL would need a stack in us-east-1',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; a custom domain with its own certificate would set TLSv1.2_2021',
    },
  );
  // The singleton function behind BucketDeployment, created by CDK with a fixed id.
  accept(
    stage.web.node.findChild('Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB'),
    BASIC_EXECUTION_ROLE,
    {
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment handler: its runtime is CDK's to choose, and it runs only while deploying",
    },
    {
      id: 'AwsSolutions-IAM5',
      appliesTo: [
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
          (a) => `Action::${a}`,
        ),
        { regex: '/^Resource::.+\\/\\*$/' },
        'Resource::*',
      ],
      reason:
        "CDK's BucketDeployment grants: read the stage's asset objects, write and list the pages bucket's objects, and invalidate the distribution (CDK grants invalidations on every distribution)",
    },
  );

  // The singleton function behind AwsCustomResource (it reads the web ACL's integration URL), with CDK's fixed id.
  accept(stage.api.node.findChild('AWS679f53fac002430cb0da5b7982bd2287'), BASIC_EXECUTION_ROLE);

  const { api, userPool } = stage.api;
  accept(api.node.findChild('CloudWatchRole'), {
    id: 'AwsSolutions-IAM4',
    appliesTo: [managedPolicy('AmazonAPIGatewayPushToCloudWatchLogs')],
    reason:
      "API Gateway's account-wide logging role: AWS's managed policy is the one its documentation prescribes",
  });
  accept(api, {
    id: 'AwsSolutions-APIG2',
    reason:
      "Every handler validates its input with zod and answers API.md's 400 naming field and reason; a gateway validator would answer first, in another shape",
  });
  accept(userPool, {
    id: 'AwsSolutions-COG8',
    reason:
      'No self sign-up (admins create every account) and MFA is required: the Plus plan adds cost, not protection',
  });
  for (const method of api.methods) {
    const route = ROUTES.find((r) => r.path === method.resource.path && r.method === method.httpMethod);
    if (!route?.public) continue;
    accept(
      method,
      {
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design (${route.summary})`,
      },
      {
        id: 'AwsSolutions-COG4',
        reason: `${route.method} ${route.path} is public by design (${route.summary})`,
      },
    );
  }
};
