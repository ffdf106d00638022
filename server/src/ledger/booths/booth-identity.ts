import type { PublicBooth } from '@dealboard/shared';

/** A booth as the server knows it after checking a token. */
export type BoothIdentity = PublicBooth & {
  revoked: boolean;
  /** The hash of the token it was found by: a batch refuses the deal if the booth's token has changed since. */
  tokenHash?: string;
};

/** What a tablet is told of its booth. */
export function toPublicBooth({ revoked: _revoked, tokenHash: _tokenHash, ...booth }: BoothIdentity): PublicBooth {
  return booth;
}
