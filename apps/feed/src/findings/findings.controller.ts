import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Principal, READERS, Roles } from '@parity/auth';
import { Finding, FindingActionKind } from '@parity/rules';
import { ApiError, TakesNoQuery } from '@parity/http-errors';
import { ApiBodyFrom, ApiQueryFrom } from '../api/openapi';
import { validated } from '../api/validation';
import { FeedMetrics } from '../feed.metrics';
import { ActionLog } from './action-log';
import { ACTION_BODIES, decideAction } from './finding-action';
import { FilterQuery, filterOf, findingIdOf, listQueryOf, ListQuery } from './finding-query';
import { FindingRow, viewOf } from './finding-view';
import { FindingsRepository } from './findings.repository';

@ApiTags('findings')
@Controller('api/findings')
export class FindingsController {
  constructor(
    private readonly findings: FindingsRepository,
    private readonly actionLog: ActionLog,
    private readonly metrics: FeedMetrics,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Findings, filtered, sorted and paginated by cursor' })
  @ApiQueryFrom(ListQuery)
  @ApiResponse({ status: 200, description: '{ findings: Finding[], nextCursor: string | null }' })
  @ApiResponse({ status: 400, description: '{ statusCode, code, reason }: a parameter is unknown or invalid' })
  list(@Query() query: unknown) {
    return this.findings.list(listQueryOf(query, Date.now()));
  }

  @Get('counts')
  @Roles(...READERS)
  @ApiOperation({ summary: 'How many findings match, by rule, channel, store, category and severity' })
  @ApiQueryFrom(FilterQuery)
  counts(@Query() query: unknown) {
    return this.findings.counts(filterOf(validated(FilterQuery, query, 'query'), Date.now()));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One finding in full: channel values, parameters, evidence events, history, operator actions' })
  @ApiParam({ name: 'id', description: '32 hex digits, either case' })
  @TakesNoQuery()
  async one(@Param('id') rawId: string) {
    const id = findingIdOf(rawId);
    const row = await this.rowOf(id);
    const [evidence, history, actions] = await Promise.all([this.findings.evidence(row.evidence), this.findings.history(id), this.findings.actions(id)]);
    return { finding: viewOf(row), evidence, history, actions };
  }

  @Post(':id/acknowledge')
  @Roles('ops')
  @HttpCode(202)
  @ApiOperation({ summary: 'Acknowledge: recorded in the event log with who and when; the finding updates when the reconciler applies it' })
  @ApiBodyFrom(ACTION_BODIES.acknowledge)
  @TakesNoQuery()
  acknowledge(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    return this.act('acknowledge', id, body, by);
  }

  @Post(':id/assign')
  @Roles('ops')
  @HttpCode(202)
  @ApiOperation({ summary: 'Assign to a person or team' })
  @ApiBodyFrom(ACTION_BODIES.assign)
  @TakesNoQuery()
  assign(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    return this.act('assign', id, body, by);
  }

  @Post(':id/suppress')
  @Roles('ops')
  @HttpCode(202)
  @ApiOperation({ summary: 'Suppress with a mandatory reason until an expiry' })
  @ApiBodyFrom(ACTION_BODIES.suppress)
  @TakesNoQuery()
  suppress(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    return this.act('suppress', id, body, by);
  }

  @Post(':id/reopen')
  @Roles('ops')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reopen an acknowledged or suppressed finding' })
  @ApiBodyFrom(ACTION_BODIES.reopen)
  @TakesNoQuery()
  reopen(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() by: Principal) {
    return this.act('reopen', id, body, by);
  }

  private async act(kind: FindingActionKind, rawId: string, rawBody: unknown, by: Principal) {
    const id = findingIdOf(rawId);
    const body = validated(ACTION_BODIES[kind], rawBody === undefined ? {} : rawBody, 'body') as Record<string, unknown>;
    const decide = (finding: Finding | undefined, at: number) => decideAction(kind, body, finding ?? notFound(id), by, `action-${randomUUID()}`, at);
    const { event, position, recordedAt } = await this.actionLog.append(id, decide, Date.now());
    this.metrics.actions.inc({ type: kind });
    return {
      accepted: true,
      action: { id: event.id, type: event.type, findingId: id, by: by.name, role: by.role, at: new Date(recordedAt).toISOString(), logPosition: position, data: JSON.parse(event.dataJson) as unknown },
    };
  }

  private async rowOf(id: string): Promise<FindingRow> {
    return (await this.findings.row(id)) ?? notFound(id);
  }
}

function notFound(id: string): never {
  throw new ApiError(404, 'finding-not-found', `no finding ${id}`);
}
