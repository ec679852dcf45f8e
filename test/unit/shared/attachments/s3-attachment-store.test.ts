import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
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
