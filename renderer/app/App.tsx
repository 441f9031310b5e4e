import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter } from 'react-router';
import type { WenshuDB } from '../db/database';
import { AuthGate } from './AuthGate';
import { AuthProvider } from './AuthProvider';
import { platform as detectedPlatform } from '../platform/index';
import { PlatformProvider } from '../platform/context';
import type { Platform } from '../platform/types';
import { DbProvider } from '../db/DbContext';

dayjs.locale('zh-cn');

/** `platform`: where files and prints go; by default the one the app runs on (tests give a testing one). */
export function App({ db, platform = detectedPlatform() }: { db?: WenshuDB; platform?: Platform }) {
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", and button names are part of the UI contract.
    // motion off: an office tool answers at once; no dialog is half-visible while it zooms in.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#a8071a', borderRadius: 4, motion: false } }}>
      <AntApp>
        <PlatformProvider platform={platform}>
          <DbProvider {...(db ? { db } : {})}>
            <HashRouter>
              <AuthProvider>
                <AuthGate />
              </AuthProvider>
            </HashRouter>
          </DbProvider>
        </PlatformProvider>
      </AntApp>
    </ConfigProvider>
  );
}
