import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { AwsAdapters } from '../aws-ports';
import { once, parseEnv } from '../config';
import { S3AttachmentStore } from './s3-attachment-store';

export const s3Ports: AwsAdapters<'attachments'> = {
  attachments: () =>
    new S3AttachmentStore(
      new S3Client({}),
      once(() => parseEnv({ ATTACHMENTS_BUCKET: z.string().min(1) }).ATTACHMENTS_BUCKET),
    ),
};
