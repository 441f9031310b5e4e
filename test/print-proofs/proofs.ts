import type { ReactElement } from 'react';
import { CARRIER_PROOFS } from './carriers';
import { INCOMING_PROOFS } from './incoming';

// Every print proof by name. Each area keeps its own module (incoming, carriers, meetings,
// supervision, filing); a proof is a print component given records with the longest values.
export const PROOFS: Record<string, () => ReactElement> = {
  ...INCOMING_PROOFS,
  ...CARRIER_PROOFS,
};
