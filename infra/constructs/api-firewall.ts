import { Fn, Stage } from 'aws-cdk-lib';
import type { Stage as ApiStage } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  stage: ApiStage;
  /** Requests per client IP per 5 minutes, any path. */
  requestsPerIp: number;
  /** Public registrations (POST …/spontaneous/…) per client IP per 5 minutes before the address is blocked. */
  registrationsPerIp: number;
  /** Domains whose WAF tokens the web ACL accepts besides the API's own: the pages' (they call the API cross-origin). */
  tokenDomains: string[];
}

/** The web ACL's metric name, its WebACL dimension in CloudWatch: one per stage, so the dashboard can find it. */
export const webAclMetricName = (scope: Construct): string =>
  `CrisisApi-${Stage.of(scope)?.stageName ?? 'default'}`;

/** Rules' names, also their metric names (the Rule dimension). */
export const REGISTRATIONS_PER_IP = 'RegistrationsPerIp';
export const REGISTRATION_CHALLENGE = 'RegistrationChallenge';
export const REGISTRATION_BOT_CONTROL = 'RegistrationBotControl';

/**
 * Where the pages may load AWS WAF's challenge script from and let it call (their Content-Security-Policy). AWS
 * documents the SDK's hosts as `*.awswaf.com` (it calls several endpoints, not only the integration URL's), and the
 * integration URL itself cannot be put in the pages' headers: the web ACL reads the distribution's domain (token
 * domains), so a header policy reading the web ACL would make the distribution depend on itself.
 */
export const WAF_SDK_HOSTS = 'https://*.awswaf.com';

/**
 * Bot Control's rules that answer a CAPTCHA by default (AWS's documentation of the rule group). The page sends
 * through AWS WAF's `fetch`, which can solve a silent challenge but not a CAPTCHA (a 405 needing the separate
 * CAPTCHA API and an API key): each of these blocks instead, which the page explains as any refusal. The
 * machine-learning ones are off, and would block too if turned on.
 */
const BOT_CONTROL_CAPTCHA_RULES = [
  'TGT_VolumetricSession',
  'TGT_SignalAutomatedBrowser',
  'TGT_SignalBrowserAutomationExtension',
  'TGT_SignalBrowserInconsistency',
  'TGT_TokenReuseIpMedium',
  'TGT_TokenReuseCountryMedium',
  'TGT_TokenReuseAsnMedium',
  'TGT_ML_CoordinatedActivityMedium',
  'TGT_ML_CoordinatedActivityHigh',
];

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const managedRuleGroup = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  overrideAction: { none: {} },
  visibilityConfig: visibility(name),
});

const matches = (
  fieldToMatch: CfnWebACL.FieldToMatchProperty,
  positionalConstraint: string,
  searchString: string,
): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch,
    positionalConstraint,
    searchString,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/** Seconds a solved challenge counts for (the WAF token's immunity time). */
const IMMUNITY_SECONDS = 300;
const immunity = { immunityTimeProperty: { immunityTime: IMMUNITY_SECONDS } };

/** WAF sees the stage in the path (/v1/spontaneous/{code}/registrations). */
const publicRegistration: CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [
      matches({ method: {} }, 'EXACTLY', 'POST'),
      matches({ uriPath: {} }, 'CONTAINS', '/spontaneous/'),
    ],
  },
};

const BODY_OVER_8_KB = 'BodyOver8KB';

/** POST /municipalities/{nis}/groups, behind the stage's path segment. */
const GROUP_REGISTRATION: CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [
      matches({ method: {} }, 'EXACTLY', 'POST'),
      {
        regexMatchStatement: {
          fieldToMatch: { uriPath: {} },
          regexString: '^/[^/]+/municipalities/[0-9]{5}/groups$',
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
    ],
  },
};

/**
 * A regional WAF web ACL on the REST API stage. The public registration (anyone may call it without a token, and
 * every call may cost an SMS) is guarded by three rules in this order, none of which asks a CAPTCHA (the page's
 * `fetch` cannot show one):
 * - a per-IP block at a limit far above what carrier NAT explains (a whole town may share one IP on a flood day): a
 *   backstop for the SMS budget against one host minting fresh tokens;
 * - a silent challenge: a browser proves itself once per 5 minutes (the page's AWS WAF script solves it), a script
 *   gets the challenge's 202;
 * - AWS's Bot Control at the targeted level, on this route only (billed per request inspected): sessions that
 *   register abnormally often, automated or inconsistent browsers and one token reused across many addresses,
 *   networks or countries are blocked. It judges the token, not the address, which is what carrier NAT needs; it
 *   also gives the web ACL the application integration URL the page loads its script from. Its machine-learning
 *   rules stay off: a route silent for months that surges when a call opens is what they take for coordinated bots.
 * Then a per-IP rate limit on everything, and AWS's common and known-bad-inputs rule groups.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  /** Where the web ACL's challenge script lives (`<url>/challenge.js`): known once deployed, read from WAF. */
  readonly integrationUrl: string;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const perIp = (
      name: string,
      priority: number,
      limit: number,
      action: CfnWebACL.RuleActionProperty,
      scopeDown?: CfnWebACL.StatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
          ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
        },
      },
      action,
      visibilityConfig: visibility(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(webAclMetricName(this)),
      tokenDomains: props.tokenDomains,
      rules: [
        perIp(REGISTRATIONS_PER_IP, 0, props.registrationsPerIp, { block: {} }, publicRegistration),
        {
          name: REGISTRATION_CHALLENGE,
          priority: 1,
          statement: publicRegistration,
          action: { challenge: {} },
          challengeConfig: immunity,
          visibilityConfig: visibility(REGISTRATION_CHALLENGE),
        },
        {
          // After the challenge: a registration without a token is answered there and never billed here.
          name: REGISTRATION_BOT_CONTROL,
          priority: 2,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesBotControlRuleSet',
              managedRuleGroupConfigs: [
                {
                  awsManagedRulesBotControlRuleSet: {
                    inspectionLevel: 'TARGETED',
                    enableMachineLearning: false,
                  },
                },
              ],
              ruleActionOverrides: BOT_CONTROL_CAPTCHA_RULES.map((name) => ({
                name,
                actionToUse: { block: {} },
              })),
              scopeDownStatement: publicRegistration,
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility(REGISTRATION_BOT_CONTROL),
        },
        perIp('RequestsPerIp', 3, props.requestsPerIp, { block: {} }),
        {
          // The common rule set's 8 KB body limit, kept for every route but one: a group registers up to 30
          // members in one body (77 KB at the schema's limits), which API Gateway (10 MB) and the schema bound.
          ...managedRuleGroup('AWSManagedRulesCommonRuleSet', 4),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
        },
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 5),
        {
          name: BODY_OVER_8_KB,
          priority: 6,
          statement: {
            andStatement: {
              statements: [
                {
                  sizeConstraintStatement: {
                    // A body past what WAF inspects counts as over.
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: 8 * 1024,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                { notStatement: { statement: GROUP_REGISTRATION } },
              ],
            },
          },
          action: { block: {} },
          visibilityConfig: visibility(BODY_OVER_8_KB),
        },
      ],
    });
    const association = new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The ARN is built from the API id and stage name: the stage itself must exist first.
    association.node.addDependency(props.stage);
    this.integrationUrl = this.readIntegrationUrl();
  }

  /**
   * CloudFormation does not return a web ACL's application integration URL; WAF's GetWebACL does. Read on every
   * create and update of the web ACL reference (its name comes first in the `Ref`, `name|id|scope`), allowed to
   * read this web ACL only. Deleting the stack deletes nothing here.
   */
  private readIntegrationUrl(): string {
    const call: AwsSdkCall = {
      service: 'WAFV2',
      action: 'getWebACL',
      parameters: {
        Name: Fn.select(0, Fn.split('|', this.webAcl.ref)),
        Scope: 'REGIONAL',
        Id: this.webAcl.attrId,
      },
      // The whole answer (every rule) could pass the 4 KB a custom resource may return.
      outputPaths: ['ApplicationIntegrationURL'],
      physicalResourceId: PhysicalResourceId.of(this.webAcl.attrId),
    };
    const reader = new AwsCustomResource(this, 'IntegrationUrl', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['wafv2:GetWebACL'], resources: [this.webAcl.attrArn] }),
      ]),
    });
    return reader.getResponseField('ApplicationIntegrationURL');
  }
}
