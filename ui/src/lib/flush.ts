// Pending edits that must be written before the app locks, the window closes or a view
// goes away: editors register a flush function; `flushAll` runs every one and waits.
type Flush = () => Promise<void>;

const pending = new Set<Flush>();

/** Registers `flush`; returns the function that unregisters it. */
export function registerFlush(flush: Flush): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

/** Writes every pending edit now. Never throws: a failed save shows in its editor. */
export async function flushAll(): Promise<void> {
  await Promise.all([...pending].map((f) => f().catch(() => {})));
}
