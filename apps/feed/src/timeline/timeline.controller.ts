import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { READERS, Roles } from '@parity/auth';
import { parseRfc3339 } from '@parity/contracts';
import { badRequest, storableText } from '@parity/http-errors';
import { ApiQueryFrom } from '../api/openapi';
import { validated } from '../api/validation';
import { buildTimeline } from './timeline';
import { TimelineRepository } from './timeline.repository';

export const TimelineQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'entries with event time at or after (RFC 3339)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'entries with event time before (RFC 3339)' })),
  },
  { additionalProperties: false },
);

const SKU = /^[^\s/?#]{1,200}$/;

@ApiTags('timeline')
@Controller('api/skus')
export class TimelineController {
  constructor(private readonly timelines: TimelineRepository) {}

  @Get(':sku/timeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'What every channel showed for a SKU over time (price, promotions, stock, returns policy), and which findings were open when' })
  @ApiParam({ name: 'sku' })
  @ApiQueryFrom(TimelineQuery)
  async timeline(@Param('sku') sku: string, @Query() rawQuery: unknown) {
    if (!SKU.test(sku)) throw badRequest('invalid-sku', 'a SKU is 1 to 200 characters without spaces, / ? or #');
    storableText('sku', sku);
    const query = validated(TimelineQuery, rawQuery, 'query');
    const from = query.from === undefined ? undefined : parseRfc3339(query.from);
    const to = query.to === undefined ? undefined : parseRfc3339(query.to);
    if (from !== undefined && to !== undefined && from >= to) throw badRequest('invalid-range', `from (${query.from}) must be before to (${query.to})`);
    const [events, changes] = await Promise.all([this.timelines.events(sku), this.timelines.findingChanges(sku)]);
    return buildTimeline(sku, events, changes, { from, to });
  }
}
