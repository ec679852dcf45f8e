import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type AttachmentStore, claimFilesPrefix, type PresignedUpload, UPLOAD_URL_SECONDS } from './ports';

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

  /**
   * The bucket is versioned: a plain delete would only hide the files behind a delete marker, so every version and
   * marker under the claim's prefix is deleted by its version id (a page of at most 1,000 per call, S3's limit).
   */
  async deleteClaimFiles(claimId: string): Promise<number> {
    const Bucket = this.bucket();
    let deleted = 0;
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket, Prefix: claimFilesPrefix(claimId), ...markers }),
      );
      const objects: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(
        ({ Key, VersionId }) => ({ Key: Key!, ...(VersionId ? { VersionId } : {}) }),
      );
      if (objects.length) {
        const { Errors = [] } = await this.s3.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: objects, Quiet: true } }),
        );
        if (Errors.length)
          throw new Error(`${Errors.length} attachment versions of claim ${claimId} not deleted`);
        deleted += objects.length;
      }
      if (!page.IsTruncated) return deleted;
      markers = {
        ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}),
        ...(page.NextVersionIdMarker ? { VersionIdMarker: page.NextVersionIdMarker } : {}),
      };
    }
  }
}
