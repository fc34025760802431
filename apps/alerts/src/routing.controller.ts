import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { READERS, Roles } from '@parity/auth';
import { ApiError, TakesNoQuery } from '@parity/http-errors';
import { AlertsMetrics } from './alerts.metrics';
import { RoutingHolder } from './routing-holder';

@Controller('alerts/routing')
export class RoutingController {
  constructor(
    private readonly routing: RoutingHolder,
    private readonly metrics: AlertsMetrics,
  ) {}

  /** The routing in force: its file, when it was loaded, the receivers (names and kinds, never URLs or keys). */
  @Roles(...READERS)
  @Get()
  @TakesNoQuery()
  current() {
    const config = this.routing.current;
    return {
      file: this.routing.file,
      loadedAt: new Date(this.routing.since).toISOString(),
      receivers: [...config.receivers.values()].map((receiver) => ({ name: receiver.name, kind: receiver.kind })),
      inhibitRules: config.inhibitRules.length,
      escalations: config.escalations.map((e) => ({ receiver: e.receiver, afterMs: e.afterMs, severities: e.severities })),
    };
  }

  /** Re-reads the routing file (as SIGHUP does); a file with problems is refused and the old routing stays. */
  @Roles('admin')
  @Post('reload')
  @HttpCode(200)
  @TakesNoQuery()
  reload() {
    const result = this.routing.reload();
    this.metrics.reloads.inc({ outcome: result.ok ? 'applied' : 'refused' });
    if (!result.ok) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'invalid-routing-config',
        `${this.routing.file} has ${result.problems.length} problem(s); the previous routing stays in force`,
        { problems: result.problems },
      );
    }
    return { status: 'reloaded', loadedAt: new Date(result.loadedAt).toISOString() };
  }
}
