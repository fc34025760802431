import { Controller, Get, Query } from '@nestjs/common';
import { Pool } from 'pg';
import { AsOfView, Seal, rawPublicKey } from '@parity/audit';
import { Roles } from '@parity/auth';
import { TakesNoQuery } from '@parity/http-errors';
import { asOfQueryOf } from './as-of-parameters';
import { asOf } from './as-of.query';
import { SealKeyring } from './seal-keys.config';
import { listSeals } from './seals.repository';
import { VerificationReport, verifyLogAndSeals } from './verification';

/** The auditor's read-only API: the same answers as the CLI, nothing that writes. */
@Controller()
export class AuditController {
  constructor(
    private readonly pool: Pool,
    private readonly keyring: SealKeyring,
  ) {}

  /** GET /as-of?sku=SKU-1&at=2026-11-28T10:00:00Z&axis=event|recorded */
  @Get('as-of')
  @Roles('auditor')
  async asOf(@Query() query: Record<string, unknown>): Promise<AsOfView> {
    return asOf(this.pool, asOfQueryOf(query));
  }

  /** GET /seals: every seal, with the public key that checks them: the exportable copy. */
  @Get('seals')
  @Roles('auditor')
  @TakesNoQuery()
  async seals(): Promise<{ format: 'parity-seals-v1'; keyId: string | undefined; publicKey: string | undefined; seals: Seal[] }> {
    return { format: 'parity-seals-v1', keyId: this.keyring.keys?.keyId, publicKey: this.keyring.keys ? rawPublicKey(this.keyring.keys) : undefined, seals: await listSeals(this.pool) };
  }

  /** GET /verify: the chain and the seals, as `parity verify --json`. */
  @Get('verify')
  @Roles('auditor')
  @TakesNoQuery()
  verify(): Promise<VerificationReport> {
    return verifyLogAndSeals(this.pool, { sealKeys: this.keyring.keys });
  }
}
