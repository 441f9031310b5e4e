import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/global.css';
import { DEFAULT_DB_NAME } from './db/database';
import { loadAppDatabaseName } from './db/pointer';
import { registerExternalAuditAnchor } from './db/audit';
import { platform } from './platform/index';
import { installChineseAriaLabels } from './ui/zh-aria';

// Which database holds the data (a restore switches it: db/pointer.ts), read once before rendering.
const dbName = await loadAppDatabaseName(DEFAULT_DB_NAME);

// The audit head's second anchor outside IndexedDB, where the platform has one (the desktop's
// sealed file); renderer/db never imports platform/, so the shell hands it over once.
registerExternalAuditAnchor(dbName, platform().auditAnchor ?? null);

// zh_CN is set on the ConfigProvider (app/App.tsx); the few labels antd writes in English whatever
// the locale ("Select row 3", "Increase Value", icon names) are put in Chinese for the whole page,
// portals and print previews included.
installChineseAriaLabels(document.body);

createRoot(document.getElementById('root')!).render(<App />);
