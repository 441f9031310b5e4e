import { createContext, useContext, type ReactNode } from 'react';
import { appDatabase, type WenshuDB } from './database';

const DbContext = createContext<WenshuDB | null>(null);

export function DbProvider({ db, children }: { db?: WenshuDB; children: ReactNode }) {
  return <DbContext.Provider value={db ?? appDatabase()}>{children}</DbContext.Provider>;
}

export function useDb(): WenshuDB {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}
