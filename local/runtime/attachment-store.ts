import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type AttachmentStore,
  claimFilesPrefix,
  type PresignedUpload,
  UPLOAD_URL_SECONDS,
} from '../../shared/attachments/ports';

export const LOCAL_ATTACHMENTS_PATH = '/_local/attachments/';

const KEY_PATTERN = /^claims\/[0-9A-Z]{26}\/[0-9A-Z]{26}$/;

/**
 * S3's presigned PUT on one machine: URLs to this runtime's `PUT /_local/attachments/<key>`, signed with a secret of
 * this process over key, type, length and expiry, and files in a folder of the local data dir.
 */
export class LocalAttachmentStore implements AttachmentStore {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly folder: string,
    private readonly baseUrl: () => string,
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {}

  async presignUpload(
    key: string,
    file: { contentType: string; size: number },
    now: Date,
  ): Promise<PresignedUpload> {
    const expires = Math.floor(now.getTime() / 1000) + UPLOAD_URL_SECONDS;
    const url = new URL(`${LOCAL_ATTACHMENTS_PATH}${key}`, this.baseUrl());
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.sign(key, file.contentType, file.size, expires));
    return {
      url: url.toString(),
      headers: { 'content-type': file.contentType, 'content-length': String(file.size) },
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** One PUT of a presigned URL: 200 once stored, 403 as S3 answers a bad or expired signature. */
  async receive(
    pathname: string,
    query: URLSearchParams,
    contentType: string | undefined,
    body: Buffer,
  ): Promise<{ statusCode: number; body: unknown }> {
    const key = decodeURIComponent(pathname.slice(LOCAL_ATTACHMENTS_PATH.length));
    const expires = Number(query.get('expires'));
    const given = Buffer.from(query.get('signature') ?? '', 'hex');
    const expected = Buffer.from(this.sign(key, contentType ?? '', body.length, expires), 'hex');
    const valid =
      KEY_PATTERN.test(key) &&
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      expires * 1000 >= this.clock.now().getTime();
    if (!valid) return { statusCode: 403, body: { error: 'SignatureDoesNotMatch' } };
    const file = path.join(this.folder, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    return { statusCode: 200, body: { stored: key } };
  }

  /** The stored file, for tests and the demo; undefined when nothing was uploaded under `key`. */
  async read(key: string): Promise<Buffer | undefined> {
    const file = path.join(this.folder, key);
    return existsSync(file) ? readFile(file) : undefined;
  }

  async deleteClaimFiles(claimId: string): Promise<number> {
    const folder = path.join(this.folder, claimFilesPrefix(claimId));
    if (!existsSync(folder)) return 0;
    const files = await readdir(folder);
    await rm(folder, { recursive: true, force: true });
    return files.length;
  }

  private sign(key: string, contentType: string, size: number, expires: number): string {
    return createHmac('sha256', this.secret)
      .update(`${key}\n${contentType}\n${size}\n${expires}`)
      .digest('hex');
  }
}
