/**
 * The state partition a key belongs to: FNV-1a over the key, so every instance and every replay
 * agrees without coordination. Partitions are what reconciler instances divide between them.
 */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
