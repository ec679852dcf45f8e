import type { Json } from './synth';

/** A request as the web ACL sees it: the path carries the stage (/v1/…). */
export interface WafRequest {
  method: string;
  path: string;
  bodyBytes: number;
}

/** What WAF reads of an API Gateway request's body when the ACL raises no limit (AWS's default for API Gateway). */
const DEFAULT_BODY_INSPECTION_BYTES = 16 * 1024;
/** The common rule set's SizeRestrictions_BODY: bodies over 8 KB, as AWS documents it. */
const MANAGED_BODY_LIMIT_BYTES = 8 * 1024;

const fieldOf = (field: Json, request: WafRequest): string => {
  if (field.Method) return request.method;
  if (field.UriPath) return request.path;
  throw new Error(`field ${JSON.stringify(field)} is not modelled`);
};

/** Whether a statement of the subset the ACL uses matches a request. */
export const matches = (statement: Json, request: WafRequest): boolean => {
  if (statement.AndStatement)
    return statement.AndStatement.Statements.every((s: Json) => matches(s, request));
  if (statement.OrStatement) return statement.OrStatement.Statements.some((s: Json) => matches(s, request));
  if (statement.NotStatement) return !matches(statement.NotStatement.Statement, request);
  if (statement.ByteMatchStatement) {
    const { FieldToMatch, PositionalConstraint, SearchString } = statement.ByteMatchStatement;
    const value = fieldOf(FieldToMatch, request);
    if (PositionalConstraint === 'EXACTLY') return value === SearchString;
    if (PositionalConstraint === 'CONTAINS') return value.includes(SearchString);
    if (PositionalConstraint === 'STARTS_WITH') return value.startsWith(SearchString);
    if (PositionalConstraint === 'ENDS_WITH') return value.endsWith(SearchString);
  }
  if (statement.RegexMatchStatement) {
    const { FieldToMatch, RegexString } = statement.RegexMatchStatement;
    return new RegExp(RegexString).test(fieldOf(FieldToMatch, request));
  }
  if (statement.SizeConstraintStatement?.FieldToMatch.Body) {
    const { ComparisonOperator, Size, FieldToMatch } = statement.SizeConstraintStatement;
    if (ComparisonOperator !== 'GT') throw new Error(`${ComparisonOperator} is not modelled`);
    // Past the inspection limit, the rule's oversize handling decides.
    if (request.bodyBytes > DEFAULT_BODY_INSPECTION_BYTES)
      return FieldToMatch.Body.OversizeHandling === 'MATCH';
    return request.bodyBytes > Size;
  }
  throw new Error(`statement ${JSON.stringify(statement)} is not modelled`);
};

/**
 * The rules of a web ACL that block a request for its body's size: its own rules with a block action (rate rules
 * left out: one request never reaches them), and the common rule set's SizeRestrictions_BODY unless overridden.
 */
export const blockingForSize = (acl: Json, request: WafRequest): string[] =>
  (acl.Properties.Rules as Json[])
    .filter((rule) => {
      const managed = rule.Statement.ManagedRuleGroupStatement;
      if (managed?.Name === 'AWSManagedRulesCommonRuleSet') {
        const override = (managed.RuleActionOverrides ?? []).find(
          (o: Json) => o.Name === 'SizeRestrictions_BODY',
        );
        return !override?.ActionToUse?.Count && request.bodyBytes > MANAGED_BODY_LIMIT_BYTES;
      }
      if (managed || rule.Statement.RateBasedStatement || !rule.Action?.Block) return false;
      return matches(rule.Statement, request);
    })
    .map((rule) => rule.Name);
