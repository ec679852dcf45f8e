import { GetCommand, paginateQuery, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SYSTEM_ACTOR } from '../domain/audit';
import type { ClaimStatus, ClaimTarget } from '../domain/claim';
import type { Identity } from '../domain/identity';
import type { Attachment, Claim } from '../schemas/claim';
import { auditPut } from './audit-log';
import { documentClient, transactLanded, transactOrConflict } from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

/** One change to a stored claim; every part is optional, the status it is read in is not. */
export interface ClaimChange {
  to?: ClaimTarget;
  reason?: string;
  information?: string;
  attachment?: Attachment;
  /** Refuses the attachment when the claim holds this many already. */
  maxAttachments?: number;
  /** A final status starts the retention: the day the claim may be deleted. */
  retainUntil?: string;
}

/**
 * Insurance claims, in Operations in partitions of their own, `operationsKeys.claim` (not under the request, whose partition the purge sweeps).
 * Every change is conditional on the status it was decided in, and writes its audit entry and, for a new status,
 * the claimant's SMS record in the same transaction, so the SMS is owed exactly once per status.
 */
export class ClaimRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  async create(claim: Claim, who: Identity): Promise<void> {
    await transactOrConflict(
      this.db,
      [
        {
          Put: {
            TableName: this.table,
            Item: {
              ...operationsKeys.claim(claim.id),
              ...operationsKeys.claimRequestIndex(claim.requestId, claim.filedAt, claim.id),
              ...claim,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(claim.volunteerId
          ? [
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...operationsKeys.claimVolunteerPointer(claim.id),
                    ...operationsKeys.claimVolunteerIndex(claim.volunteerId, claim.filedAt, claim.id),
                    claimId: claim.id,
                  },
                },
              },
            ]
          : []),
        this.smsRecord(claim, 'submitted', claim.filedAt),
        auditPut(who, 'claim.submitted', 'claim', claim.id, claim.filedAt),
      ],
      'the claim exists already',
    );
  }

  async get(id: string): Promise<Claim | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: operationsKeys.claim(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<Claim>(Item) : undefined;
  }

  async listForRequest(requestId: string): Promise<Claim[]> {
    const items = await this.queryIndex(operationsKeys.claimRequestIndex(requestId, '', '').gsi1pk);
    // The index is eventually consistent: read each claim itself for its current status.
    return this.getMany(items.map((item) => String(item.id)));
  }

  async listForVolunteer(volunteerId: string): Promise<Claim[]> {
    const pointers = await this.queryIndex(operationsKeys.claimVolunteerIndex(volunteerId, '', '').gsi1pk);
    return this.getMany(pointers.map((item) => String(item.claimId)));
  }

  /** Applies `change` if the claim is still in `claim.status`; Conflict when someone changed it first. */
  async update(claim: Claim, change: ClaimChange, who: Identity, at: string): Promise<Claim> {
    const sets: string[] = [];
    const values: Record<string, unknown> = { ':expected': claim.status };
    const conditions = ['#status = :expected'];
    if (change.to) {
      sets.push('#status = :to', 'history = list_append(history, :step)');
      values[':to'] = change.to;
      values[':step'] = [{ status: change.to, at, by: who.sub }];
      if (change.reason) {
        sets.push('statusReason = :reason');
        values[':reason'] = change.reason;
      }
      if (change.retainUntil) {
        sets.push('retainUntil = :retainUntil');
        values[':retainUntil'] = change.retainUntil;
      }
    }
    if (change.information) {
      sets.push('information = list_append(information, :information)');
      values[':information'] = [{ at, by: who.sub, text: change.information }];
    }
    if (change.attachment) {
      sets.push('attachments = list_append(attachments, :attachment)');
      values[':attachment'] = [change.attachment];
      if (change.maxAttachments !== undefined) {
        conditions.push('size(attachments) < :max');
        values[':max'] = change.maxAttachments;
      }
    }
    const action = change.to
      ? `claim.${change.to}`
      : change.attachment
        ? 'claim.attachment-added'
        : 'claim.information-added';
    await transactOrConflict(
      this.db,
      [
        {
          Update: {
            TableName: this.table,
            Key: operationsKeys.claim(claim.id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: values,
          },
        },
        ...(change.to ? [this.smsRecord(claim, change.to, at)] : []),
        ...(change.to && change.retainUntil ? [this.retentionMarker(claim.id, change.retainUntil)] : []),
        auditPut(who, action, 'claim', claim.id, at),
      ],
      `the claim changed meanwhile (it was ${claim.status}); read it again`,
    );
    return (await this.get(claim.id)) as Claim;
  }

  /**
   * An erased member's claims stay for the insurer (a legal obligation) with their name and the insurance facts only:
   * the phone, the link to the member and its pointer go, and the claim is marked erased. Each claim in one
   * transaction with its audit entry; a claim done before has no pointer left, so a retried erasure skips it.
   */
  async forgetClaimant(volunteerId: string, who: Identity, at: string): Promise<number> {
    const pointers = await this.queryIndex(operationsKeys.claimVolunteerIndex(volunteerId, '', '').gsi1pk);
    for (const pointer of pointers) {
      const claimId = String(pointer.claimId);
      await transactOrConflict(
        this.db,
        [
          {
            Update: {
              TableName: this.table,
              Key: operationsKeys.claim(claimId),
              UpdateExpression: 'SET #claimant.#erased = :erased REMOVE volunteerId, #claimant.#phone',
              ConditionExpression: 'volunteerId = :id',
              ExpressionAttributeNames: { '#claimant': 'claimant', '#erased': 'erased', '#phone': 'phone' },
              ExpressionAttributeValues: { ':erased': true, ':id': volunteerId },
            },
          },
          { Delete: { TableName: this.table, Key: operationsKeys.claimVolunteerPointer(claimId) } },
          auditPut(who, 'claim.claimant-erased', 'claim', claimId, at),
        ],
        'the claim changed meanwhile; erase the member again',
      );
    }
    return pointers.length;
  }

  /** The claims whose retention date lies before `now` (settled or rejected long enough ago). */
  async retentionExpiredBefore(now: Date): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :now',
        ExpressionAttributeValues: {
          ':pk': operationsKeys.claimRetentionIndex('', '').gsi1pk,
          ':now': now.toISOString(),
        },
      },
    )) {
      ids.push(...(page.Items ?? []).map((item) => String(item.claimId)));
    }
    return ids;
  }

  /**
   * Deletes a claim whose retention date passed: the claim, its member pointer, its SMS records and their sent-SMS
   * pointers, and its retention marker, with an audit entry (ids only), in one transaction. False when it is gone.
   */
  async deleteAfterRetention(claimId: string, at: string): Promise<boolean> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': operationsKeys.claim(claimId).pk },
        ConsistentRead: true,
      }),
    );
    if (!Items.some((item) => item.sk === operationsKeys.claim(claimId).sk)) return false;
    const messageIds = Items.flatMap((item) =>
      item.messageIds instanceof Set ? [...(item.messageIds as Set<string>)] : [],
    );
    return transactLanded(this.db, [
      ...Items.map((item) =>
        item.sk === operationsKeys.claim(claimId).sk
          ? {
              Delete: {
                TableName: this.table,
                Key: operationsKeys.claim(claimId),
                ConditionExpression: 'retainUntil < :at',
                ExpressionAttributeValues: { ':at': at },
              },
            }
          : { Delete: { TableName: this.table, Key: { pk: item.pk, sk: item.sk } } },
      ),
      ...messageIds.map((id) => ({ Delete: { TableName: this.table, Key: operationsKeys.sentSms(id) } })),
      auditPut(SYSTEM_ACTOR, 'claim.retention-expired', 'claim', claimId, at),
    ]);
  }

  private retentionMarker(claimId: string, retainUntil: string) {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...operationsKeys.claimRetention(claimId),
          ...operationsKeys.claimRetentionIndex(retainUntil, claimId),
          claimId,
          retainUntil,
        },
      },
    };
  }

  /**
   * The SMS owed to the claimant for reaching `status` (sent by the dispatcher, once); withheld from the start when
   * the claimant was erased and no phone is left.
   */
  private smsRecord(claim: Claim, status: ClaimStatus, at: string) {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...operationsKeys.claimSms(claim.id, status),
          claimId: claim.id,
          requestId: claim.requestId,
          status,
          smsStatus: claim.claimant.phone ? 'queued' : 'withheld',
          createdAt: at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private async queryIndex(gsi1pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :claim)',
        ExpressionAttributeValues: { ':pk': gsi1pk, ':claim': operationsPrefixes.claim },
      },
    )) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  private async getMany(ids: string[]): Promise<Claim[]> {
    const claims = await Promise.all(ids.map((id) => this.get(id)));
    return claims.filter((claim): claim is Claim => claim !== undefined);
  }
}
