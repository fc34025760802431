import { Pool } from 'pg';
import { Seal, SealKeys, signSeal } from '@parity/audit';
import { logHead } from '@parity/event-store';
import { lastSealedPosition, storeSeal } from './seals.repository';

/**
 * Seals the head as it is now. `onlyIfMoved`: no new seal while the log has not grown since the
 * last one (the periodic sealer), so the table grows with the log, not with the clock.
 */
export async function sealHead(pool: Pool, keys: SealKeys, now: number, onlyIfMoved = false): Promise<Seal | undefined> {
  const head = await logHead(pool);
  if (onlyIfMoved && (await lastSealedPosition(pool)) === head.position) return undefined;
  const seal = signSeal(keys, head, now);
  await storeSeal(pool, seal);
  return seal;
}
