import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ASSETS_PATH_PATTERN, PAGE_FILES, PAGE_REWRITE_CODE } from '../../infra/constructs/web-hosting';
import { checkedWebConfig } from '../../infra/stacks/web-stack';
import { CONSOLE_REQUEST_HEADERS } from '../../shared/http/cors';
import { FUNCTIONS } from '../../shared/manifest/functions';
import { pageFileFor } from '../../shared/web/page-paths';
import { webConfigSchema } from '../../shared/web/web-config';
import {
  asList,
  dev,
  devTemplate,
  type Json,
  logicalIdOf,
  projectFunctions,
  render,
  stageWith,
} from './synth';
import { matches } from './waf';

const api = devTemplate('api');
const web = devTemplate('web');
const hosting = dev.api.web;

/** AWS's managed cache policies. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

/** One resource of a template by its logical id. */
const resourceIn = (template: Template, type: string, logicalId: string): Json => {
  const found = template.findResources(type)[logicalId];
  if (!found) throw new Error(`no ${type} ${logicalId}`);
  return found;
};

const only = (template: Template, type: string): [string, Json] => {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Json];
};
const distribution = () => only(api, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const distributionId = () => logicalIdOf(hosting.distribution);
/** The distribution's address as the API stack writes it. */
const WEB_ORIGIN = () => `https://\${${distributionId()}.DomainName}`;
const API_ORIGIN = () => `https://\${${logicalIdOf(dev.api.api)}}.execute-api.eu-west-1.\${AWS::URLSuffix}`;
const AUTH_ORIGIN = () => `https://\${${logicalIdOf(dev.api.authDomain)}}.auth.eu-west-1.amazoncognito.com`;

describe('the web pages’ bucket', () => {
  const bucket = () => resourceIn(api, 'AWS::S3::Bucket', logicalIdOf(hosting.bucket));

  it('is private, TLS only, encrypted by S3, and no website', () => {
    expect(bucket().Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    expect(bucket().Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('lets only this distribution read it (Origin Access Control), and refuses anything without TLS', () => {
    const policies = Object.values(api.findResources('AWS::S3::BucketPolicy')).filter(
      (policy: Json) => policy.Properties.Bucket.Ref === logicalIdOf(hosting.bucket),
    ) as Json[];
    expect(policies).toHaveLength(1);
    const statements: Json[] = policies[0].Properties.PolicyDocument.Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(render(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(`\${${distributionId()}}`);
    expect(statements.filter((s) => s.Effect === 'Deny')).toContainEqual(
      expect.objectContaining({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // No origin access identity, and only the TLS refusals name every principal.
    api.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    for (const statement of statements.filter((s) => s.Principal?.AWS === '*'))
      expect(statement.Effect).toBe('Deny');
    const [origin] = distribution().Origins;
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });
});

describe('the distribution', () => {
  it('answers over HTTPS only (HTTP redirected), HTTP/2 and 3, with access logs kept 90 days', () => {
    const config = distribution();
    expect(config.HttpVersion).toBe('http2and3');
    const behaviours = [config.DefaultCacheBehavior, ...config.CacheBehaviors];
    for (const behaviour of behaviours) expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging.Bucket).toEqual({
      'Fn::GetAtt': [logicalIdOf(hosting.logs), 'RegionalDomainName'],
    });
    const logs = resourceIn(api, 'AWS::S3::Bucket', logicalIdOf(hosting.logs));
    expect(logs.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' }),
    ]);
    expect(logs.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
  });

  it('caches the hashed assets for good and never the pages or /config.json', () => {
    const config = distribution();
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({
      PathPattern: ASSETS_PATH_PATTERN,
      CachePolicyId: CACHING_OPTIMIZED,
      ResponseHeadersPolicyId: { Ref: logicalIdOf(hosting.assetHeaders) },
    });
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: logicalIdOf(hosting.pageHeaders),
    });
    const cacheControl = (policy: typeof hosting.pageHeaders) =>
      resourceIn(api, 'AWS::CloudFront::ResponseHeadersPolicy', logicalIdOf(policy)).Properties
        .ResponseHeadersPolicyConfig.CustomHeadersConfig.Items;
    expect(cacheControl(hosting.pageHeaders)).toEqual([
      { Header: 'Cache-Control', Value: 'no-cache', Override: true },
    ]);
    expect(cacheControl(hosting.assetHeaders)).toEqual([
      { Header: 'Cache-Control', Value: 'public, max-age=31536000, immutable', Override: true },
    ]);
  });

  it('rewrites page paths to their file by a CloudFront function (JS 2.0) on viewer requests', () => {
    const [functionId, fn] = only(api, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionCode).toBe(PAGE_REWRITE_CODE);
    expect(distribution().DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
  });

  it('gives every answer the strict security headers, with the exact Content-Security-Policy', () => {
    // AWS WAF's challenge script and the endpoints it calls, where AWS documents them: any host of awswaf.com.
    const csp =
      "default-src 'none'; script-src 'self' https://*.awswaf.com; style-src 'self'; img-src 'self' data:; " +
      `connect-src 'self' ${API_ORIGIN()} https://cognito-idp.eu-west-1.\${AWS::URLSuffix} ${AUTH_ORIGIN()} ` +
      'https://*.awswaf.com; ' +
      "font-src 'self'; manifest-src 'self'; " +
      `form-action 'self' ${AUTH_ORIGIN()}; frame-ancestors 'none'; base-uri 'self'`;
    for (const policy of [hosting.pageHeaders, hosting.assetHeaders]) {
      const headers = resourceIn(api, 'AWS::CloudFront::ResponseHeadersPolicy', logicalIdOf(policy))
        .Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      expect(render(headers.ContentSecurityPolicy.ContentSecurityPolicy)).toBe(csp);
      expect(headers).toMatchObject({
        ContentSecurityPolicy: { Override: true },
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 730 * 24 * 3600,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
      });
    }
  });
});

describe('the page rewrite function', () => {
  /** Runs the function's code as CloudFront would, on one viewer request. */
  const rewritten = (uri: string): string =>
    runInNewContext(`${PAGE_REWRITE_CODE}\nhandler({ request: { uri: ${JSON.stringify(uri)} } }).uri`);

  it.each([
    '/',
    '/r/ABCDEFGHJK',
    '/r/ABCDEFGHJK/',
    '/r/',
    '/r',
    '/r.html',
    '/index.html',
    '/config.json',
    '/assets/index-3f2a1b.js',
    '/assets/style-77aa.css',
    '/favicon.ico',
    '/help-requests',
    '/help-requests/01JABCDEF',
    '/municipalities/44021/volunteers',
    '/auth/callback',
    '/a.b/page',
    '/reports/2025.csv',
    '/r/code.with.dot',
    '/.hidden',
  ])('sends %s where pageFileFor does', (uri) => {
    expect(rewritten(uri)).toBe(pageFileFor(uri));
  });
});

describe("the pages' content (Web stack)", () => {
  const [, deployment] = only(web, 'Custom::CDKBucketDeployment');

  it('deploys after the Api stack, whose API URL and app client its config.json names', () => {
    expect(dev.web.dependencies).toContain(dev.api);
    expect(dev.api.dependencies).not.toContain(dev.web);
  });

  it('puts the built pages and config.json in the bucket, keeps older assets, and invalidates the pages and settings', () => {
    const { Properties } = deployment;
    expect(render(Properties.DestinationBucketName)).toContain(logicalIdOf(hosting.bucket));
    expect(render(Properties.DistributionId)).toContain(distributionId());
    expect(Properties.DistributionPaths).toEqual(['/index.html', '/r.html', '/config.json']);
    expect(PAGE_FILES.map(pageFileFor)).toEqual(PAGE_FILES);
    expect(Properties.Prune).toBe(false);
    expect(Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('writes config.json with the API URL and the Cognito settings, back to the web origin', () => {
    // The generated file is an asset of the cloud assembly; its CDK tokens are markers the deployment fills in.
    const [, key] = deployment.Properties.SourceObjectKeys as string[];
    const markers: Record<string, Json> = deployment.Properties.SourceMarkers[1];
    const assetDir = path.join((dev.node.root as App).outdir, `asset.${key!.replace(/\.zip$/, '')}`);
    let text = readFileSync(path.join(assetDir, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.replaceAll(marker, render(value));
    const exported = (id: string) => `\${import:Dev-Api:ExportsOutputRef${id}`;
    const config = JSON.parse(text);
    expect(config).toEqual({
      apiUrl: expect.stringMatching(/^https:\/\/.*\.execute-api\.eu-west-1\..*\/v1$/),
      wafIntegrationUrl: expect.any(String),
      auth: {
        kind: 'cognito',
        authority: expect.stringMatching(/^https:\/\/cognito-idp\.eu-west-1\..+\/.+$/),
        clientId: expect.stringContaining(exported(logicalIdOf(dev.api.userClient))),
        domain: expect.stringMatching(/^https:\/\/.+\.auth\.eu-west-1\.amazoncognito\.com$/),
        redirectUri: expect.stringMatching(/\/$/),
        logoutUri: expect.stringMatching(/\/$/),
      },
    });
    expect(config.apiUrl).toContain(exported(logicalIdOf(dev.api.api)));
    expect(config.auth.authority).toContain(exported(logicalIdOf(dev.api.userPool)));
    expect(config.auth.domain).toContain(exported(logicalIdOf(dev.api.authDomain)));
    expect(config.auth.redirectUri).toContain(`${distributionId()}DomainName`);
    expect(config.auth.logoutUri).toBe(config.auth.redirectUri);
    // The web ACL's application integration URL, as the custom resource in the Api stack reads it when deploying.
    const reader = Object.entries(api.findResources('Custom::AWS')).find(([, resource]) =>
      JSON.stringify(resource.Properties.Create).includes('getWebACL'),
    );
    expect(reader).toBeDefined();
    expect(config.wafIntegrationUrl).toMatch(
      new RegExp(`^\\$\\{import:Dev-Api:ExportsOutputFnGetAtt${reader![0]}ApplicationIntegrationURL`),
    );
  });

  it('checks config.json against the pages’ contract at synth', () => {
    expect(() => checkedWebConfig(dev.api.webConfig)).not.toThrow();
    const broken = { ...dev.api.webConfig, apiUrl: 'not a url' };
    expect(() => checkedWebConfig(broken)).toThrow(/webConfigSchema/);
    expect(
      webConfigSchema.safeParse({ apiUrl: 'https://api.example', auth: { kind: 'cognito' } }).success,
    ).toBe(false);
  });

  it("exports the pages' address for the smoke test", () => {
    const outputs = Object.values(web.findOutputs(dev.web.getLogicalId(dev.web.url)));
    expect(outputs).toHaveLength(1);
    expect(render((outputs[0] as Json).Value)).toContain(distributionId());
  });
});

describe('the web origin in the API stack', () => {
  it("keeps the Api stack, with the distribution and a preflight per resource, well under CloudFormation's 500 resources (below 450)", () => {
    const count = Object.keys(api.toJSON().Resources).length;
    expect(count).toBeLessThan(450);
  });

  it('is the only origin the preflight of every resource admits, with the methods and headers the pages use', () => {
    const options = Object.values(api.findResources('AWS::ApiGateway::Method')).filter(
      (method: Json) => method.Properties.HttpMethod === 'OPTIONS',
    ) as Json[];
    const resources = Object.keys(api.findResources('AWS::ApiGateway::Resource'));
    expect(options).toHaveLength(resources.length + 1);
    for (const method of options) {
      expect(method.Properties.AuthorizationType).toBe('NONE');
      const [response] = method.Properties.Integration.IntegrationResponses;
      const headers = response.ResponseParameters;
      expect(render(headers['method.response.header.Access-Control-Allow-Origin'])).toBe(`'${WEB_ORIGIN()}'`);
      expect(headers['method.response.header.Access-Control-Allow-Headers']).toMatch(
        new RegExp(`^'${CONSOLE_REQUEST_HEADERS.join(',')}(,x-aws-waf-token)?'$`),
      );
      expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe(
        "'GET,POST,PUT,PATCH,DELETE'",
      );
      expect(headers['method.response.header.Access-Control-Allow-Credentials']).toBeUndefined();
    }
    expect(JSON.stringify(options)).not.toContain("'*'");
  });

  it('admits the WAF token header (AWS WAF’s fetch sends it cross-origin) on the preflight of exactly the routes the web ACL challenges', () => {
    const acl: Json = Object.values(api.findResources('AWS::WAFv2::WebACL'))[0];
    const challenge = acl.Properties.Rules.find((r: Json) => r.Action?.Challenge);
    const preflights = dev.api.api.methods.filter((method) => method.httpMethod === 'OPTIONS');
    const challenged: string[] = [];
    for (const preflight of preflights) {
      const path = preflight.resource.path;
      // The methods of the resource as the web ACL sees them: the stage in the path.
      const wafToken = dev.api.api.methods
        .filter((method) => method.resource === preflight.resource && method !== preflight)
        .some((method) =>
          matches(challenge.Statement, {
            method: method.httpMethod,
            path: `/v1${path.replace(/\{[^}]+\}/g, 'ABCDEFGHJK')}`,
            bodyBytes: 0,
          }),
        );
      if (wafToken) challenged.push(path);
      const [response] = resourceIn(api, 'AWS::ApiGateway::Method', logicalIdOf(preflight)).Properties
        .Integration.IntegrationResponses;
      expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Headers'], path).toBe(
        `'${[...CONSOLE_REQUEST_HEADERS, ...(wafToken ? ['x-aws-waf-token'] : [])].join(',')}'`,
      );
    }
    expect(challenged).toEqual(['/spontaneous/{code}/registrations']);
  });

  it("lets the console read API Gateway's own refusals (401, 403, 404, 429, and any other 4xx or 5xx)", () => {
    const responses = Object.values(api.findResources('AWS::ApiGateway::GatewayResponse')) as Json[];
    expect(responses.map((r) => r.Properties.ResponseType).sort()).toEqual([
      'ACCESS_DENIED',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
      'MISSING_AUTHENTICATION_TOKEN',
      'THROTTLED',
      'UNAUTHORIZED',
    ]);
    for (const response of responses)
      expect(
        render(response.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']),
      ).toBe(`'${WEB_ORIGIN()}'`);
  });

  it("tells every API function the console's origin, and no other function", () => {
    const routes = new Set(
      Object.entries(FUNCTIONS)
        .filter(([, spec]) => spec.trigger.kind === 'api')
        .map(([name]) => name),
    );
    const functions = projectFunctions(api);
    let told = 0;
    for (const [id, fn] of functions) {
      const origin = fn.Properties.Environment.Variables.CONSOLE_ORIGIN;
      if (origin === undefined) continue;
      told++;
      expect(render(origin), id).toBe(WEB_ORIGIN());
    }
    expect(told).toBe(routes.size);
    expect(functions.length).toBe(routes.size + 2);
  });

  it('sends people back to the web origin after signing in and out, beside the stage’s own sign-in addresses', () => {
    const client = (stage: typeof dev) =>
      resourceIn(
        Template.fromStack(stage.api),
        'AWS::Cognito::UserPoolClient',
        logicalIdOf(stage.api.userClient),
      ).Properties;
    const origin = (stage: typeof dev) =>
      `https://\${${logicalIdOf(stage.api.web.distribution)}.DomainName}/`;
    expect(asList(client(dev).CallbackURLs).map(render)).toEqual([origin(dev)]);
    expect(asList(client(dev).LogoutURLs).map(render)).toEqual([origin(dev)]);
    const signIn = {
      callbackUrls: ['https://console.vrijwilligerskorps.vlaanderen/auth/callback'],
      logoutUrls: ['https://console.vrijwilligerskorps.vlaanderen/'],
    };
    const custom = stageWith('WebSignIn', { signIn });
    expect(asList(client(custom).CallbackURLs).map(render)).toEqual([origin(custom), ...signIn.callbackUrls]);
    expect(asList(client(custom).LogoutURLs).map(render)).toEqual([origin(custom), ...signIn.logoutUrls]);
  });

  it("links citizens to the web origin's /r/<code> page, unless the stage names its own base URL", () => {
    const publicBaseUrl = (stage: typeof dev) => {
      const fn = stage.api.functions.get('POST /help-requests/{id}/spontaneous-call')!;
      return resourceIn(Template.fromStack(stage.api), 'AWS::Lambda::Function', logicalIdOf(fn)).Properties
        .Environment.Variables.PUBLIC_BASE_URL;
    };
    expect(render(publicBaseUrl(dev))).toBe(WEB_ORIGIN());
    const named = stageWith('NamedBase', { publicBaseUrl: 'https://vrijwilligerskorps.vlaanderen' });
    expect(publicBaseUrl(named)).toBe('https://vrijwilligerskorps.vlaanderen');
  });
});
