import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../infra/app';

type CfnValue = string | { 'Fn::GetAtt'?: [string, string]; Ref?: string; 'Fn::Join'?: [string, CfnValue[]] };

export interface TableDefinition {
  /** The construct id in the data stack (Registry, Operations, …), used as the local table name. */
  name: string;
  properties: Record<string, unknown>;
}

export interface SynthesizedSystem {
  tables: TableDefinition[];
  /** The lifecycle's ASL exactly as `cdk synth` produces it, Lambda ARNs replaced by local placeholders. */
  stateMachineDefinition: Record<string, unknown>;
  /** The activation's ASL, the same way. */
  activationDefinition: Record<string, unknown>;
}

const resolve = (value: CfnValue): string => {
  if (typeof value === 'string') return value;
  if (value['Fn::GetAtt']) return `arn:aws:lambda:eu-west-1:000000000000:function:${value['Fn::GetAtt'][0]}`;
  if (value.Ref === 'AWS::Partition') return 'aws';
  if (value['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
  throw new Error(`cannot resolve ${JSON.stringify(value)} locally`);
};

/** CDK appends an 8-character hash to logical ids: Registry0E3A1B2C → Registry. */
const constructIdOf = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

/** Synthesizes the real CDK app (without bundling) and reads back what the local runtime needs to mirror. */
export const synthesizeSystem = (): SynthesizedSystem => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'crisis-synth-'));
  try {
    const { dev } = buildApp(new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }));
    const assembly = dev.synth();
    const template = (stackName: string) =>
      assembly.getStackArtifact(stackName).template as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
    const resources = (stackName: string) => Object.entries(template(stackName).Resources);

    const tables = resources(dev.data.artifactId)
      .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
      .map(([logicalId, r]) => ({ name: constructIdOf(logicalId), properties: r.Properties }));
    const definitionOf = (name: string) => {
      const machine = resources(dev.workflow.artifactId).find(
        ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties.StateMachineName === name,
      );
      if (!machine) throw new Error(`the workflow stack has no state machine ${name}`);
      return JSON.parse(resolve(machine[1].Properties.DefinitionString as CfnValue));
    };
    return {
      tables,
      stateMachineDefinition: definitionOf(dev.workflow.stateMachineName),
      activationDefinition: definitionOf(dev.workflow.activationStateMachineName),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
