import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, Principal, READERS, Roles } from '@parity/auth';
import { ApiError, badRequest, storableText, TakesNoQuery } from '@parity/http-errors';
import { AlertsRepository } from './alerts.repository';
import { silenceState, validateSilence } from './core/silence';

/** Silences: ops and pricing create and expire them, every reader sees them. */
@Controller('alerts/silences')
export class SilencesController {
  constructor(private readonly repository: AlertsRepository) {}

  @Roles(...READERS)
  @Get()
  @TakesNoQuery()
  async list() {
    const now = Date.now();
    return (await this.repository.silences()).map((silence) => view(silence, now));
  }

  @Roles('ops', 'pricing')
  @Post()
  @TakesNoQuery()
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const now = Date.now();
    const checked = validateSilence(body, now);
    if (!checked.ok) throw badRequest(checked.code, checked.reason);
    const silence = await this.repository.createSilence(`sil_${randomUUID()}`, checked.silence, principal.name, now);
    return view({ ...silence, expiredBy: null }, now);
  }

  @Roles('ops', 'pricing')
  @Delete(':id')
  @HttpCode(200)
  @TakesNoQuery()
  async expire(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const outcome = await this.repository.expireSilence(storableText('silence id', id), principal.name, Date.now());
    if (outcome === 'unknown') throw new ApiError(HttpStatus.NOT_FOUND, 'silence-not-found', `no silence ${id}`);
    return { id, status: outcome };
  }
}

function view(silence: Awaited<ReturnType<AlertsRepository['silences']>>[number], now: number) {
  return {
    id: silence.id,
    matchers: silence.matchers,
    createdBy: silence.createdBy,
    comment: silence.comment,
    startsAt: new Date(silence.startsAt).toISOString(),
    endsAt: new Date(silence.endsAt).toISOString(),
    state: silenceState(silence, now),
    expiredBy: silence.expiredBy,
  };
}
