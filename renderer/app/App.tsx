import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { HashRouter } from 'react-router';
import type { WenshuDB } from '../db/database';
import { AuthGate } from './AuthGate';
import { AuthProvider } from './AuthProvider';
import { DbProvider } from '../db/DbContext';

dayjs.locale('zh-cn');

export function App({ db }: { db?: WenshuDB }) {
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", and button names are part of the UI contract.
    // motion off: an office tool answers at once; no dialog is half-visible while it zooms in.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#a8071a', borderRadius: 4, motion: false } }}>
      <AntApp>
        <DbProvider {...(db ? { db } : {})}>
          <HashRouter>
            <AuthProvider>
              <AuthGate />
            </AuthProvider>
          </HashRouter>
        </DbProvider>
      </AntApp>
    </ConfigProvider>
  );
}
