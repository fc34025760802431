import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { READERS, Roles } from '@parity/auth';
import { ApiError, badRequest, queryParameters, storableText, TakesNoQuery } from '@parity/http-errors';
import { findingIdIn } from '@parity/rules';
import { AlertsRepository } from './alerts.repository';

const STATUSES = ['pending', 'sending', 'delivered', 'parked'];

/** What was sent to whom: the outbox and its attempts, per finding or by status (parked ones). */
@Controller('alerts')
export class NotificationsController {
  constructor(private readonly repository: AlertsRepository) {}

  @Roles(...READERS)
  @Get('notifications')
  list(@Query() query: Record<string, unknown>) {
    const { status, receiver, limit } = queryParameters(query, ['status', 'receiver', 'limit']);
    if (status !== undefined && !STATUSES.includes(status)) throw badRequest('invalid-parameter', `status: must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(status.slice(0, 100))}`);
    return this.repository.notifications({ ...(status ? { status } : {}), ...(receiver ? { receiver } : {}), limit: parseLimit(limit) });
  }

  @Roles(...READERS)
  @Get('notifications/:id')
  @TakesNoQuery()
  async one(@Param('id') id: string) {
    const found = await this.repository.notification(storableText('notification id', id));
    if (!found) throw new ApiError(HttpStatus.NOT_FOUND, 'notification-not-found', `no notification ${id}`);
    return found;
  }

  /** A parked notification gets another round of attempts (after its receiver was fixed). */
  @Roles('ops', 'pricing')
  @Post('notifications/:id/retry')
  @HttpCode(202)
  @TakesNoQuery()
  async retry(@Param('id') id: string) {
    const outcome = await this.repository.requeue(storableText('notification id', id), Date.now());
    switch (outcome) {
      case 'requeued':
        return { id, status: 'pending' };
      case 'not-parked':
        throw new ApiError(HttpStatus.CONFLICT, 'notification-not-parked', `notification ${id} is not parked: only a parked notification is retried`);
      case 'unknown':
        throw new ApiError(HttpStatus.NOT_FOUND, 'notification-not-found', `no notification ${id}`);
      default: {
        const unhandled: never = outcome;
        throw new TypeError(`unknown requeue outcome ${String(unhandled)}`);
      }
    }
  }

  /** Every notification that carried a finding: to which receiver, what kind, and how its delivery went. */
  @Roles(...READERS)
  @Get('findings/:id/notifications')
  history(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    const { limit } = queryParameters(query, ['limit']);
    const findingId = findingIdIn(id);
    if (findingId === undefined) throw badRequest('invalid-finding-id', `a finding id is 32 hexadecimal digits, got ${JSON.stringify(id.slice(0, 100))}`);
    return this.repository.notifications({ findingId, limit: parseLimit(limit) });
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  // Digits only: Number() would also take 1e2, 0x10, " 5" and "+5".
  const value = /^[0-9]{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= 10_000)) throw badRequest('invalid-parameter', `limit: must be an integer from 1 to 10000, got ${JSON.stringify(raw.slice(0, 100))}`);
  return value;
}
