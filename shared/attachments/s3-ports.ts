import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { S3AttachmentStore } from './s3-attachment-store';

export const s3Ports: PortAdapters<'attachments'> = {
  attachments: () =>
    new S3AttachmentStore(
      new S3Client({}),
      once(() => readVariable(VARIABLES.attachmentsBucket, z.string().check(z.minLength(1)))),
    ),
};
