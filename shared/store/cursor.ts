import type * as z from 'zod/mini';
import { InvalidInput } from '../domain/errors';

/** The last key of a page, handed to the client as an opaque cursor. */
export const encodeCursor = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor that is not one of ours (or of another listing) is a client error, never a crash in DynamoDB. */
export const decodeCursor = (
  cursor: string,
  cursorKey: z.ZodMiniType<Record<string, unknown>>,
): Record<string, unknown> => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  const parsed = cursorKey.safeParse(key);
  if (!parsed.success) throw new InvalidInput('cursor', 'the cursor is not one this API handed out');
  return parsed.data;
};
