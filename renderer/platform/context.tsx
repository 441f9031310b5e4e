import { createContext, useContext, type ReactNode } from 'react';
import { platform as detectedPlatform } from './index';
import type { Platform } from './types';

// Features get the platform from React context, never by importing an implementation: the app
// shell provides the detected one (Electron or browser), component tests a testing platform
// (./testing.ts), so no test has to mock a module path.

const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext value={platform}>{children}</PlatformContext>;
}

/** The platform provided above; without a provider, the one the app runs on (Electron or browser). */
export function usePlatform(): Platform {
  return useContext(PlatformContext) ?? detectedPlatform();
}
