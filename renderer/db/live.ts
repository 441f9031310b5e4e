// The one door to Dexie's live queries for the UI: features and kits import this, never Dexie
// (DESIGN.md arrows; ESLint enforces). A query re-runs when a table it read changes.
export { useLiveQuery } from 'dexie-react-hooks';
