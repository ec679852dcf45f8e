import { Stage } from 'aws-cdk-lib';
import type { Stage as ApiStage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  stage: ApiStage;
  /** Requests per client IP per 5 minutes, any path. */
  requestsPerIp: number;
  /** Public registrations (POST …/spontaneous/…) per client IP per 5 minutes before a CAPTCHA is asked. */
  registrationsPerIp: number;
}

/** The web ACL's metric name, its WebACL dimension in CloudWatch: one per stage, so the dashboard can find it. */
export const webAclMetricName = (scope: Construct): string =>
  `CrisisApi-${Stage.of(scope)?.stageName ?? 'default'}`;

/** Rules' names, also their metric names (the Rule dimension). */
export const REGISTRATIONS_PER_IP = 'RegistrationsPerIp';
export const REGISTRATION_CHALLENGE = 'RegistrationChallenge';

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

/** Seconds a solved challenge or CAPTCHA counts for (the WAF token's immunity time). */
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
 * every call may cost an SMS) is never blocked per IP — carrier NAT puts a whole town behind one address — but
 * needs a solved silent challenge (a browser proves itself, a script does not), and a CAPTCHA past a household's
 * rate per IP. Then a per-IP rate limit on everything, and AWS's common and known-bad-inputs rule groups.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

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
      ...(action.captcha ? { captchaConfig: immunity } : {}),
      visibilityConfig: visibility(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(webAclMetricName(this)),
      rules: [
        perIp(REGISTRATIONS_PER_IP, 0, props.registrationsPerIp, { captcha: {} }, publicRegistration),
        {
          name: REGISTRATION_CHALLENGE,
          priority: 1,
          statement: publicRegistration,
          action: { challenge: {} },
          challengeConfig: immunity,
          visibilityConfig: visibility(REGISTRATION_CHALLENGE),
        },
        perIp('RequestsPerIp', 2, props.requestsPerIp, { block: {} }),
        {
          // The common rule set's 8 KB body limit, kept for every route but one: a group registers up to 30
          // members in one body (77 KB at the schema's limits), which API Gateway (10 MB) and the schema bound.
          ...managedRuleGroup('AWSManagedRulesCommonRuleSet', 3),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
        },
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 4),
        {
          name: BODY_OVER_8_KB,
          priority: 5,
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
  }
}
