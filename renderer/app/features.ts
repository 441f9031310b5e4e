import { archiveFeature } from '../features/archive/feature';
import { flowFeature } from '../features/flow/feature';
import { auditFeature } from '../features/audit/feature';
import { authFeature } from '../features/auth/feature';
import { backupFeature } from '../features/backup/feature';
import { classifiedFeature } from '../features/classified/feature';
import { dashboardFeature } from '../features/dashboard/feature';
import { filingFeature } from '../features/filing/feature';
import { incomingFeature } from '../features/incoming/feature';
import { meetingsFeature } from '../features/meetings/feature';
import { outgoingFeature } from '../features/outgoing/feature';
import { settingsFeature } from '../features/settings/feature';
import { supervisionFeature } from '../features/supervision/feature';
import { transferFeature } from '../features/transfer/feature';
import { can } from '@shared/domain/permissions';
import type { Actor } from '../db/types';
import type { Contribution, Contributions, FeatureDescriptor, NavEntry, Visibility } from '../ui/feature';

/** Every feature of the app; the shell is built from this list alone. */
export const FEATURES: readonly FeatureDescriptor[] = [
  dashboardFeature,
  incomingFeature,
  outgoingFeature,
  classifiedFeature,
  meetingsFeature,
  supervisionFeature,
  flowFeature,
  filingFeature,
  archiveFeature,
  transferFeature,
  auditFeature,
  settingsFeature,
  backupFeature,
  authFeature,
];

export function isVisible(v: Visibility | undefined, actor: Actor): boolean {
  if (v === undefined) return true;
  return typeof v === 'function' ? v(actor) : can(actor, v);
}

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

export function navEntries(features: readonly FeatureDescriptor[]): NavEntry[] {
  return features.flatMap((f) => (f.nav ? [f.nav] : [])).sort(byOrder);
}

/** What the features contribute to 工作台 and 设置, for this actor. */
export function contributionsFor(features: readonly FeatureDescriptor[], actor: Actor): Contributions {
  const pick = <T extends Contribution>(all: T[]) => all.filter((c) => isVisible(c.visible, actor)).sort(byOrder);
  return {
    dashboardCards: pick(features.flatMap((f) => f.dashboardCards ?? [])),
    settingsTabs: pick(features.flatMap((f) => f.settingsTabs ?? [])),
  };
}
