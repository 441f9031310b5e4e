/** Stable random ids (records keep them across backups and transfers between installations). */
export function newId(): string {
  return crypto.randomUUID();
}
