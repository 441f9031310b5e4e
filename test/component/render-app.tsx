import { render } from '@testing-library/react';
import { App } from '../../renderer/app/App';
import { WenshuDB } from '../../renderer/db/database';

let n = 0;
export function freshDb(): WenshuDB {
  n += 1;
  return new WenshuDB(`component-${n}-${Math.random().toString(36).slice(2)}`);
}

export function renderApp(db: WenshuDB = freshDb()) {
  window.location.hash = '';
  return { db, ...render(<App db={db} />) };
}
