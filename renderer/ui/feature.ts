import type { ReactNode } from 'react';
import type { Permission } from '@shared/domain/permissions';
import type { Actor } from '../db/types';

// What a feature offers the app shell. Each feature folder exports one descriptor (feature.tsx);
// app/ builds the navigation, routes, 工作台 cards and 设置 tabs from the list, so no feature
// imports another and the shell imports no page by hand.

/** Who may see a piece: a permission, or a rule over the actor. Absent: every signed-in user. */
export type Visibility = Permission | ((actor: Actor) => boolean);

export interface NavEntry {
  path: string;
  /** The menu text (UI contract: 工作台, 收文登记, 涉密载体, 会议纪要, 督办事项, 归档, 设置 …). */
  label: string;
  icon: ReactNode;
  /** Position in the menu (smaller first). */
  order: number;
  visible?: Visibility;
  /** The page; it receives what other features contribute (工作台 cards, 设置 tabs). */
  render(contributions: Contributions): ReactNode;
}

export interface Contribution {
  key: string;
  order: number;
  visible?: Visibility;
  element: ReactNode;
}

export interface SettingsTab extends Contribution {
  label: string;
}

export interface Contributions {
  /** Cards for 工作台, already filtered for the signed-in actor and ordered. */
  dashboardCards: Contribution[];
  /** Tabs for 设置, already filtered for the signed-in actor and ordered. */
  settingsTabs: SettingsTab[];
}

export interface FeatureDescriptor {
  id: string;
  nav?: NavEntry;
  /** Routes outside the feature's own page (e.g. full-page prints). */
  routes?: { path: string; element: ReactNode }[];
  dashboardCards?: Contribution[];
  settingsTabs?: SettingsTab[];
}
