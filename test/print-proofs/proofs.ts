import type { ReactElement } from 'react';
import { FILING_PROOFS } from './filing';
import { FLOW_PROOFS } from './flow';
import { CARRIER_PROOFS } from './carriers';
import { INCOMING_PROOFS } from './incoming';
import { MEETING_PROOFS } from './meetings';
import { OUTGOING_PROOFS } from './outgoing';
import { SUPERVISION_PROOFS } from './supervision';

// Every print proof by name. Each area keeps its own module (incoming, outgoing, carriers, meetings,
// supervision, filing); a proof is a print component given records with the longest values.
export const PROOFS: Record<string, () => ReactElement> = {
  ...INCOMING_PROOFS,
  ...MEETING_PROOFS,
  ...SUPERVISION_PROOFS,
  ...FILING_PROOFS,
  ...CARRIER_PROOFS,
  ...OUTGOING_PROOFS,
  ...FLOW_PROOFS,
};
