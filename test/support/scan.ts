import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { expect, inject, vi } from 'vitest';
import { localClient } from '../../local/runtime/dynamodb';
import { logger } from '../../shared/observability/logger';

/** Every item of every table of one runtime (all six tables, by their prefix), for proofs that data is gone. */
export const everyItem = async (prefix: string): Promise<Record<string, unknown>[]> => {
  const client = localClient(inject('dynamoEndpoint'));
  const db = DynamoDBDocumentClient.from(client);
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const items: Record<string, unknown>[] = [];
  for (const table of TableNames.filter((name) => name.startsWith(prefix))) {
    for await (const page of paginateScan({ client: db }, { TableName: table }))
      items.push(...(page.Items ?? []));
  }
  expect(TableNames.filter((name) => name.startsWith(prefix))).toHaveLength(6);
  return items;
};

/**
 * Captures every log line the handlers write from now on (stdout, stderr and the console Powertools uses in dev
 * mode), at DEBUG level so not only warnings are inspected; `vi.restoreAllMocks()` ends it.
 */
export const captureLogs = (): string[] => {
  const logged: string[] = [];
  const capture = (stream: NodeJS.WriteStream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  logger.setLogLevel('DEBUG');
  // Powertools' middleware sets the configured level again at every invocation (for debug sampling): keep DEBUG.
  vi.spyOn(logger, 'refreshSampleRateCalculation').mockImplementation(() => {});
  capture(process.stdout);
  capture(process.stderr);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
  return logged;
};
