import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { monthlySpendLimitUsd, type StageConfig } from './config';
import { acceptStageFindings } from './nag-suppressions';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { MachineClientsStack } from './stacks/machine-clients-stack';
import { MessagingStack } from './stacks/messaging-stack';
import { ObservabilityStack } from './stacks/observability-stack';
import { WorkflowStack } from './stacks/workflow-stack';

/** One deployable copy of the system (dev, prod): stateful stacks first, stateless ones reach them by props. */
export class CrisisToolStage extends Stage {
  readonly data: DataStack;
  readonly messaging: MessagingStack;
  readonly workflow: WorkflowStack;
  readonly api: ApiStack;
  /** Only in a stage whose config names machine clients. */
  readonly machineClients?: MachineClientsStack;
  readonly observability: ObservabilityStack;

  constructor(scope: Construct, id: string, config: StageConfig, props: StageProps = {}) {
    super(scope, id, { ...props, env: { account: config.account, region: config.region } });
    this.data = new DataStack(this, 'Data', { production: config.production });
    this.messaging = new MessagingStack(this, 'Messaging', {
      operations: this.data.operations,
      registry: this.data.registry,
      adHoc: this.data.adHoc,
      audit: this.data.audit,
      sms: config.sms,
      ...(config.corpsFundedPlaces ? { corpsFundedPlaces: config.corpsFundedPlaces } : {}),
    });
    this.workflow = new WorkflowStack(this, 'Workflow', {
      operations: this.data.operations,
      registry: this.data.registry,
      adHoc: this.data.adHoc,
      audit: this.data.audit,
      erasureLedger: this.data.erasureLedger,
      smsJobsTopic: this.messaging.smsJobsTopic,
      ...(config.crisisCentrePhone ? { crisisCentrePhone: config.crisisCentrePhone } : {}),
    });
    this.api = new ApiStack(this, 'Api', {
      registry: this.data.registry,
      operations: this.data.operations,
      adHoc: this.data.adHoc,
      idempotency: this.data.idempotency,
      audit: this.data.audit,
      attachments: this.data.attachments,
      erasureLedger: this.data.erasureLedger,
      erasureLedgerSalt: this.data.erasureLedgerSalt,
      smsJobsTopic: this.messaging.smsJobsTopic,
      stateMachine: this.workflow.stateMachine,
      production: config.production,
      lifecycleTiming: config.lifecycleTiming,
      apiThrottle: config.apiThrottle,
      publicRegistrationThrottle: config.publicRegistrationThrottle,
      firewall: config.firewall,
      allowedPhoneCountries: config.allowedPhoneCountries,
      spontaneousRegistrationCap: config.spontaneousRegistrationCap,
      claimRetentionYears: config.claimRetentionYears,
      machineClients: config.machineClients.length > 0,
      signIn: config.signIn,
      ...(config.authDomainPrefix ? { authDomainPrefix: config.authDomainPrefix } : {}),
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      ...(config.reportUnitPricesEur ? { reportUnitPricesEur: config.reportUnitPricesEur } : {}),
      ...(config.corpsFundedPlaces ? { corpsFundedPlaces: config.corpsFundedPlaces } : {}),
    });
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
