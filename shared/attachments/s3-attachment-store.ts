import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type AttachmentStore, type PresignedUpload, UPLOAD_URL_SECONDS } from './ports';

/** Presigned PUT URLs on the attachments bucket; type and length are signed, so the client cannot swap the file. */
export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: () => string,
  ) {}

  async presignUpload(
    key: string,
    file: { contentType: string; size: number },
    now: Date,
  ): Promise<PresignedUpload> {
    const command = new PutObjectCommand({
      Bucket: this.bucket(),
      Key: key,
      ContentType: file.contentType,
      ContentLength: file.size,
    });
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      signingDate: now,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return {
      url,
      headers: { 'content-type': file.contentType, 'content-length': String(file.size) },
      expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    };
  }
}
