import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/global.css';
import { DEFAULT_DB_NAME } from './db/database';
import { registerExternalAuditAnchor } from './db/audit';
import { platform } from './platform/index';

// The audit head's second anchor outside IndexedDB, where the platform has one (the desktop's
// sealed file); renderer/db never imports platform/, so the shell hands it over once.
registerExternalAuditAnchor(DEFAULT_DB_NAME, platform().auditAnchor ?? null);

createRoot(document.getElementById('root')!).render(<App />);
