import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  Function as PageFunction,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  type ContentSecurityPolicySources,
  contentSecurityPolicy,
} from '../../shared/web/content-security-policy';
import { REGISTRATION_PAGE_PREFIX } from '../../shared/web/page-paths';

/** Hashed build output: a name changes with its content, so a file there never changes. */
export const ASSETS_PATH_PATTERN = '/assets/*';
/** The files a viewer's page path can end up at, and the settings: what a deploy replaces in the caches. */
export const PAGE_FILES = ['/index.html', '/r.html', '/config.json'];

/** Days the distribution's access logs are kept: as long as the API's (three months). */
const ACCESS_LOG_DAYS = 90;

/**
 * The viewer-request function: the rule of `pageFileFor` (shared/web/page-paths.ts) in CloudFront's JavaScript
 * runtime. `test/infra/web.test.ts` runs it against `pageFileFor` over a table of paths.
 */
export const PAGE_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.startsWith(${JSON.stringify(REGISTRATION_PAGE_PREFIX)})) {
    request.uri = '/r.html';
    return request;
  }
  var last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
`;

/** Every origin the pages call in AWS, AWS WAF's script hosts included. */
export interface WebHostingProps extends Required<ContentSecurityPolicySources> {
  production: boolean;
}

/**
 * Where the web pages are served: a private bucket that only this distribution reads (Origin Access Control),
 * HTTPS only, the page paths rewritten to their file by a CloudFront function, hashed assets cached for good and
 * pages and `/config.json` never, strict security headers on every answer, access logs for 90 days.
 * The content itself is put in by the Web stack, after the API whose address it names.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly pageRewrite: PageFunction;
  /** The headers of pages and `/config.json`, and those of the hashed assets (the same, but for their caching). */
  readonly pageHeaders: ResponseHeadersPolicy;
  readonly assetHeaders: ResponseHeadersPolicy;
  /** `https://<distribution domain>`: the console's origin, the sign-in's return address, the citizens' links. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const removalPolicy = props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.bucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy,
    });
    // CloudFront's standard logs are written with an ACL, which the bucket must take (its owner still owns them).
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy,
    });
    this.pageRewrite = new PageFunction(this, 'PageRewrite', {
      comment: 'page paths to their file: /r/<code> is r.html, a path without a file name index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(PAGE_REWRITE_CODE),
    });
    const headersPolicy = (policyId: string, cacheControl: string) =>
      new ResponseHeadersPolicy(this, policyId, {
        comment: `the pages' security headers; Cache-Control: ${cacheControl}`,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props), override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          referrerPolicy: {
            referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
            override: true,
          },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [{ header: 'Cache-Control', value: cacheControl, override: true }],
        },
      });
    this.pageHeaders = headersPolicy('PageHeaders', 'no-cache');
    this.assetHeaders = headersPolicy('AssetHeaders', 'public, max-age=31536000, immutable');
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'the web pages: the console and the citizens registration page',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America: the citizens and officials are in Flanders.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // Pages and /config.json: every deploy shows at once.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: this.pageHeaders,
        functionAssociations: [{ function: this.pageRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [ASSETS_PATH_PATTERN]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.assetHeaders,
        },
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
  }
}
