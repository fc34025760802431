import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { Pool } from 'pg';
import { AsOfView, Seal, SUBJECT_KINDS, TIME_AXES, TimeAxis, rawPublicKey } from '@parity/audit';
import { Roles } from '@parity/auth';
import { unstorableCharacter } from '@parity/contracts';
import { asOf } from './as-of.query';
import { SealKeyring } from './seal-keys.config';
import { listSeals } from './seals.repository';
import { VerificationReport, verifyLogAndSeals } from './verification';

type AsOfParams = Partial<Record<'at' | 'axis' | (typeof SUBJECT_KINDS)[number], string>>;

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
  async asOf(@Query() params: AsOfParams): Promise<AsOfView> {
    const named = SUBJECT_KINDS.filter((kind) => params[kind] !== undefined && params[kind] !== '');
    if (named.length !== 1) throw badRequest('invalid-subject', `name exactly one of ${SUBJECT_KINDS.join(', ')}; got ${named.length}`);
    const kind = named[0]!;
    // No event can hold it, and PostgreSQL would fail the query on it.
    if (unstorableCharacter(params[kind]!)) throw badRequest('invalid-subject', `${kind} holds U+0000 or an unpaired surrogate, which no event in the log can hold`);
    const at = Date.parse(params.at ?? '');
    if (Number.isNaN(at)) throw badRequest('invalid-time', `at must be an RFC 3339 time, got ${JSON.stringify(params.at ?? null)}`);
    const axis = (params.axis ?? 'event') as TimeAxis;
    if (!TIME_AXES.includes(axis)) throw badRequest('invalid-axis', `axis must be one of ${TIME_AXES.join(', ')}, got ${JSON.stringify(params.axis)}`);
    return asOf(this.pool, { subject: { kind, id: params[kind]! }, at, axis });
  }

  /** GET /seals: every seal, with the public key that checks them: the exportable copy. */
  @Get('seals')
  @Roles('auditor')
  async seals(): Promise<{ format: 'parity-seals-v1'; keyId: string | undefined; publicKey: string | undefined; seals: Seal[] }> {
    return { format: 'parity-seals-v1', keyId: this.keyring.keys?.keyId, publicKey: this.keyring.keys ? rawPublicKey(this.keyring.keys) : undefined, seals: await listSeals(this.pool) };
  }

  /** GET /verify: the chain and the seals, as `parity verify --json`. */
  @Get('verify')
  @Roles('auditor')
  verify(): Promise<VerificationReport> {
    return verifyLogAndSeals(this.pool, { sealKeys: this.keyring.keys });
  }
}

function badRequest(code: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, code, reason });
}
