import { createRoot } from 'react-dom/client';
import { PrintPreview } from '../../renderer/print/index';
import { PROOFS } from './proofs';

// One print per page load: #<proof name> (see proofs.ts). The list of names is #, for the test's
// "every print has a proof" check.
// A new #name is a new page: each proof starts from a fresh document.
window.addEventListener('hashchange', () => location.reload());
const name = decodeURIComponent(location.hash.slice(1));
const root = createRoot(document.getElementById('root')!);
if (!name) {
  root.render(<pre id="proof-names">{JSON.stringify(Object.keys(PROOFS))}</pre>);
} else {
  const make = PROOFS[name];
  if (!make) throw new Error(`no print proof named ${name}`);
  root.render(<PrintPreview>{make()}</PrintPreview>);
}
