import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { deploymentEnded } from '../domain/annual-counters';
import type { AuditAct } from '../domain/audit';
import { Conflict } from '../domain/errors';
import type { Deployment } from '../schemas/deployment';
import { counterUpdates } from './annual-counter-repository';
import { withAudit } from './audit-log';
import { documentClient, transactOrConflict } from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { registryKeys } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

/**
 * Check-ins and check-outs: each opens or closes an insurance coverage period, moves the request's `checkedIn`
 * count and adds a timeline entry, all in one transaction, conditional on the volunteer being off or on site.
 */
export class DeploymentRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  async get(requestId: string, volunteerId: string): Promise<Deployment | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: operationsKeys.deployment(requestId, volunteerId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Deployment>(Item) : undefined;
  }

  async listForRequest(requestId: string): Promise<Deployment[]> {
    const deployments: Deployment[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :deploy)',
      ExpressionAttributeValues: {
        ':pk': operationsKeys.request(requestId).pk,
        ':deploy': operationsPrefixes.deployment,
      },
      ConsistentRead: true,
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) deployments.push(stripKeys<Deployment>(item));
    }
    return deployments;
  }

  async checkIn(
    requestId: string,
    volunteerId: string,
    now: string,
    by: string,
    /** Where the help is given, for the yearly report; a spontaneous volunteer has no corps profile to mark. */
    options: { municipality: string; spontaneous: boolean; exercise?: boolean },
    audit?: AuditAct,
  ): Promise<Deployment> {
    await transactOrConflict(
      this.db,
      [
        {
          Update: {
            TableName: this.table,
            Key: operationsKeys.deployment(requestId, volunteerId),
            UpdateExpression:
              'SET onSiteSince = :now, requestId = :req, volunteerId = :vol, municipality = :muni, spontaneous = :spont, exercise = :exercise, gsi1pk = :gpk, gsi1sk = :gsk, minutes = if_not_exists(minutes, :zero), periods = if_not_exists(periods, :none)',
            ConditionExpression: 'attribute_not_exists(onSiteSince)',
            ExpressionAttributeValues: {
              ':now': now,
              ':req': requestId,
              ':vol': volunteerId,
              ':muni': options.municipality,
              ':spont': options.spontaneous,
              ':exercise': options.exercise === true,
              ':gpk': operationsKeys.deploymentIndex(volunteerId, requestId).gsi1pk,
              ':gsk': operationsKeys.deploymentIndex(volunteerId, requestId).gsi1sk,
              ':zero': 0,
              ':none': [],
            },
          },
        },
        this.count(requestId, 1),
        this.timeline(requestId, now, 'checked-in', volunteerId, by),
        // On the profile too, so a mobilisation elsewhere skips this volunteer and ranks by recent deployments
        // without extra reads; a member is on site for one request at a time.
        ...(!options.spontaneous
          ? [
              {
                Update: {
                  TableName: tableNames.registry(),
                  Key: registryKeys.volunteer(volunteerId),
                  UpdateExpression:
                    'SET onSiteFor = :req, checkIns = list_append(if_not_exists(checkIns, :none), :checkIn)',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(onSiteFor)',
                  ExpressionAttributeValues: { ':req': requestId, ':none': [], ':checkIn': [now] },
                },
              },
            ]
          : []),
        ...withAudit(audit),
      ],
      'the volunteer is checked in already, on this or another help request',
    );
    return (await this.get(requestId, volunteerId)) as Deployment;
  }

  async checkOut(deployment: Deployment, now: string, by: string, audit?: AuditAct): Promise<Deployment> {
    const since = deployment.onSiteSince;
    if (!since) throw new Conflict('the volunteer is not checked in');
    const minutes = Math.max(0, Math.round((Date.parse(now) - Date.parse(since)) / 60_000));
    await transactOrConflict(
      this.db,
      [
        {
          Update: {
            TableName: this.table,
            Key: operationsKeys.deployment(deployment.requestId, deployment.volunteerId),
            UpdateExpression:
              'REMOVE onSiteSince SET minutes = minutes + :minutes, periods = list_append(periods, :period)',
            ConditionExpression: 'onSiteSince = :since',
            ExpressionAttributeValues: {
              ':minutes': minutes,
              ':period': [{ from: since, to: now }],
              ':since': since,
            },
          },
        },
        this.count(deployment.requestId, -1),
        this.timeline(deployment.requestId, now, 'checked-out', deployment.volunteerId, by),
        ...(deployment.municipality
          ? counterUpdates(
              this.table,
              deployment.municipality,
              deploymentEnded({ from: since, to: now }, deployment.spontaneous === true, deployment),
            )
          : []),
        // An erased volunteer has no profile left to update; the deployment closes all the same.
        ...((await this.profileOnSiteFor(deployment.volunteerId)) === deployment.requestId
          ? [
              {
                Update: {
                  TableName: tableNames.registry(),
                  Key: registryKeys.volunteer(deployment.volunteerId),
                  UpdateExpression: 'REMOVE onSiteFor',
                  ConditionExpression: 'onSiteFor = :req',
                  ExpressionAttributeValues: { ':req': deployment.requestId },
                },
              },
            ]
          : []),
        ...withAudit(audit),
      ],
      'the volunteer was checked out meanwhile',
    );
    return (await this.get(deployment.requestId, deployment.volunteerId)) as Deployment;
  }

  private async profileOnSiteFor(volunteerId: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: tableNames.registry(),
        Key: registryKeys.volunteer(volunteerId),
        ProjectionExpression: 'onSiteFor',
        ConsistentRead: true,
      }),
    );
    return Item?.onSiteFor as string | undefined;
  }

  private count(requestId: string, delta: number) {
    return {
      Update: {
        TableName: this.table,
        Key: operationsKeys.request(requestId),
        UpdateExpression: 'ADD counts.checkedIn :delta',
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }

  private timeline(requestId: string, at: string, type: string, volunteerId: string, by: string) {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...operationsKeys.timeline(requestId, at, `${volunteerId}#${type}`),
          at,
          type,
          volunteerId,
          by,
        },
      },
    };
  }
}
