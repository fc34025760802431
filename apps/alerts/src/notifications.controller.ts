import { BadRequestException, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { READERS, Roles } from '@parity/auth';
import { AlertsRepository } from './alerts.repository';

const STATUSES = ['pending', 'sending', 'delivered', 'parked'];

/** What was sent to whom: the outbox and its attempts, per finding or by status (parked ones). */
@Controller('alerts')
export class NotificationsController {
  constructor(private readonly repository: AlertsRepository) {}

  @Roles(...READERS)
  @Get('notifications')
  list(@Query('status') status?: string, @Query('receiver') receiver?: string, @Query('limit') limit?: string) {
    if (status !== undefined && !STATUSES.includes(status)) {
      throw new BadRequestException({ statusCode: 400, code: 'invalid-query', reason: `status must be one of ${STATUSES.join(', ')}` });
    }
    return this.repository.notifications({ ...(status ? { status } : {}), ...(receiver ? { receiver } : {}), limit: parseLimit(limit) });
  }

  @Roles(...READERS)
  @Get('notifications/:id')
  async one(@Param('id') id: string) {
    const found = await this.repository.notification(id);
    if (!found) throw new NotFoundException({ statusCode: 404, code: 'notification-not-found', reason: `no notification ${id}` });
    return found;
  }

  /** A parked notification gets another round of attempts (after its receiver was fixed). */
  @Roles('ops', 'pricing')
  @Post('notifications/:id/retry')
  @HttpCode(202)
  async retry(@Param('id') id: string) {
    if (await this.repository.requeue(id, Date.now())) return { id, status: 'pending' };
    throw new NotFoundException({ statusCode: 404, code: 'notification-not-parked', reason: `no parked notification ${id}` });
  }

  /** Every notification that carried a finding: to which receiver, what kind, and how its delivery went. */
  @Roles(...READERS)
  @Get('findings/:id/notifications')
  history(@Param('id') id: string, @Query('limit') limit?: string) {
    return this.repository.notifications({ findingId: id, limit: parseLimit(limit) });
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new BadRequestException({ statusCode: 400, code: 'invalid-query', reason: 'limit must be an integer from 1 to 10000' });
  }
  return value;
}
