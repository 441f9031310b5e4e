// The one error a handler throws when it will not do what was asked: a foreign sender, a payload
// outside the contract, a write handle that is unknown or belongs to another window.

export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}
