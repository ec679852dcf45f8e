import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { monthlySpendLimitUsd, parameterValuesOf, type StageConfig } from './config';
import { acceptStageFindings } from './nag-suppressions';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { MachineClientsStack } from './stacks/machine-clients-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { ObservabilityStack } from './stacks/observability-stack';
import { WebStack } from './stacks/web-stack';
import { WorkflowStack } from './stacks/workflow-stack';

/** One deployable copy of the system (dev, prod): stateful stacks first, stateless ones reach them by props. */
export class CrisisToolStage extends Stage {
  readonly data: DataStack;
  readonly messaging: MessagingStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  /** The web pages' content and settings (their distribution is in the Api stack). */
  readonly web: WebStack;
  /** Only in a stage whose config names machine clients. */
  readonly machineClients?: MachineClientsStack;
  readonly observability: ObservabilityStack;

  constructor(scope: Construct, id: string, config: StageConfig, props: StageProps = {}) {
    super(scope, id, { ...props, env: { account: config.account, region: config.region } });
    this.data = new DataStack(this, 'Data', { production: config.production });
    const parameters = parameterValuesOf(config);
    const tables = {
      registry: this.data.registry,
      operations: this.data.operations,
      adHoc: this.data.adHoc,
      audit: this.data.audit,
      idempotency: this.data.idempotency,
      erasureLedger: this.data.erasureLedger,
    };
    this.messaging = new MessagingStack(this, 'Messaging', {
      resources: { tables },
      parameters,
      sms: config.sms,
      allowedPhoneCountries: config.allowedPhoneCountries,
      production: config.production,
    });
    this.workflow = new WorkflowStack(this, 'Workflow', {
      resources: { tables, smsJobsTopic: this.messaging.smsJobsTopic },
      parameters,
    });
    this.api = new ApiStack(this, 'Api', {
      resources: {
        tables,
        smsJobsTopic: this.messaging.smsJobsTopic,
        stateMachineArn: this.workflow.stateMachine.stateMachineArn,
        activationStateMachineArn: this.workflow.activationStateMachine.stateMachineArn,
        attachments: this.data.attachments,
        erasureLedgerSalt: this.data.erasureLedgerSalt,
      },
      parameters,
      production: config.production,
      apiThrottle: config.apiThrottle,
      publicRegistrationThrottle: config.publicRegistrationThrottle,
      firewall: config.firewall,
      signIn: config.signIn,
      ...(config.authDomainPrefix ? { authDomainPrefix: config.authDomainPrefix } : {}),
    });
    // After the API: the pages' config.json names its URL and app client.
    this.web = new WebStack(this, 'Web', { hosting: this.api.web, config: this.api.webConfig });
    this.web.addStackDependency(this.api);
    if (config.machineClients.length > 0) {
      this.machineClients = new MachineClientsStack(this, 'MachineClients', {
        userPool: this.api.userPool,
        resourceServer: this.api.resourceServer,
        helpRequestScopes: this.api.helpRequestScopes,
        clients: config.machineClients,
      });
      this.machineClients.addStackDependency(this.api);
    }
    this.observability = new ObservabilityStack(this, 'Observability', {
      api: this.api.api,
      stateMachine: this.workflow.stateMachine,
      activationStateMachine: this.workflow.activationStateMachine,
      dispatchQueue: this.messaging.dispatchQueue,
      dispatchDeadLetters: this.messaging.dispatchDeadLetters,
      inboundFailures: this.messaging.inboundFailures,
      inboundUndelivered: this.messaging.inboundUndelivered,
      failedSmsDeliveries: this.messaging.failedDeliveries,
      alarmEmails: config.alarmEmails,
      smsMonthlySpendLimitUsd: monthlySpendLimitUsd(config.sms),
    });
    acceptStageFindings(this);
  }
}
