import { DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentKey } from '../../../../shared/attachments/ports';
import { S3AttachmentStore } from '../../../../shared/attachments/s3-attachment-store';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const store = new S3AttachmentStore(s3, () => 'claim-attachments-bucket');
const NOW = new Date('2026-03-02T10:00:00.000Z');
const KEY = attachmentKey('01JB0000000000000000000001', '01JB0000000000000000000002');

describe('S3 presigned uploads', () => {
  it('signs one PUT of the object key, valid 15 minutes from now', async () => {
    const upload = await store.presignUpload(KEY, { contentType: 'image/jpeg', size: 12345 }, NOW);

    const url = new URL(upload.url);
    expect(url.hostname).toBe('claim-attachments-bucket.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe(`/${KEY}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260302T100000Z');
    expect(upload.expiresAt).toBe('2026-03-02T10:15:00.000Z');
  });

  it('signs the type and the length, so only the file announced can be sent with it', async () => {
    const upload = await store.presignUpload(KEY, { contentType: 'application/pdf', size: 2048 }, NOW);

    const signed = new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')?.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(upload.headers).toEqual({ 'content-type': 'application/pdf', 'content-length': '2048' });
  });
});

describe('deleting a claim’s files at the end of its retention', () => {
  const s3Mock = mockClient(S3Client);
  afterEach(() => s3Mock.reset());
  const CLAIM = '01JB0000000000000000000001';

  it('deletes every version and delete marker under the claim’s prefix, page by page', async () => {
    s3Mock
      .on(ListObjectVersionsCommand, { Prefix: `claims/${CLAIM}/` })
      .resolvesOnce({
        Versions: [
          { Key: `claims/${CLAIM}/a`, VersionId: 'v2' },
          { Key: `claims/${CLAIM}/a`, VersionId: 'v1' },
        ],
        IsTruncated: true,
        NextKeyMarker: `claims/${CLAIM}/a`,
        NextVersionIdMarker: 'v1',
      })
      .resolvesOnce({ DeleteMarkers: [{ Key: `claims/${CLAIM}/b`, VersionId: 'm1' }], IsTruncated: false });
    s3Mock.on(DeleteObjectsCommand).resolves({});

    expect(await store.deleteClaimFiles(CLAIM)).toBe(3);

    const lists = s3Mock.commandCalls(ListObjectVersionsCommand).map((call) => call.args[0].input);
    expect(lists[1]).toMatchObject({ KeyMarker: `claims/${CLAIM}/a`, VersionIdMarker: 'v1' });
    const deletes = s3Mock.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
    expect(deletes.map((input) => input.Delete?.Objects)).toEqual([
      [
        { Key: `claims/${CLAIM}/a`, VersionId: 'v2' },
        { Key: `claims/${CLAIM}/a`, VersionId: 'v1' },
      ],
      [{ Key: `claims/${CLAIM}/b`, VersionId: 'm1' }],
    ]);
    expect(deletes.every((input) => input.Bucket === 'claim-attachments-bucket')).toBe(true);
  });

  it('does nothing for a claim without files, and fails when S3 could not delete a version', async () => {
    s3Mock.on(ListObjectVersionsCommand).resolves({ IsTruncated: false });
    expect(await store.deleteClaimFiles(CLAIM)).toBe(0);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)).toHaveLength(0);

    s3Mock
      .on(ListObjectVersionsCommand)
      .resolves({ Versions: [{ Key: `claims/${CLAIM}/a`, VersionId: 'v1' }] });
    s3Mock
      .on(DeleteObjectsCommand)
      .resolves({ Errors: [{ Key: `claims/${CLAIM}/a`, Code: 'AccessDenied' }] });
    await expect(store.deleteClaimFiles(CLAIM)).rejects.toThrow(/not deleted/);
  });
});
