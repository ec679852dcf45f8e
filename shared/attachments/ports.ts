/** Where a client sends one file: a URL that accepts exactly one PUT of that file until `expiresAt`. */
export interface PresignedUpload {
  url: string;
  /** Headers the PUT must carry as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: string;
}

/**
 * Claim attachments (photos, medical certificates) go straight from the client to storage, never through a
 * Lambda: the API hands out a short-lived upload URL. S3 in AWS, a folder of the local runtime on one machine.
 */
export interface AttachmentStore {
  presignUpload(
    key: string,
    file: { contentType: string; size: number },
    now: Date,
  ): Promise<PresignedUpload>;
  /** Deletes every file of a claim (every version, in S3), at the end of its retention; answers how many went. */
  deleteClaimFiles(claimId: string): Promise<number>;
}

/** How long an upload URL stays valid: long enough for a phone on a poor connection, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;

/** The object key of one attachment: ids only, the file name stays in the claim. */
export const attachmentKey = (claimId: string, attachmentId: string): string =>
  `${claimFilesPrefix(claimId)}${attachmentId}`;

/** Where all files of one claim are: what its deletion empties. */
export const claimFilesPrefix = (claimId: string): string => `claims/${claimId}/`;
