import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HttpRequest as Request, HttpResponse as Response } from '../api/http';
import { READERS, Roles } from '@parity/auth';
import { validated } from '../api/validation';
import { ApiQueryFrom } from '../api/openapi';
import { FilterQuery, filterOf, FindingFilter } from '../findings/finding-query';
import { matches } from '../findings/finding-match';
import { ChangeFeed, StreamedChange, Subscriber } from './change-feed';
import { parsePosition, positionId, StreamPosition } from './stream-position';

/** A client further behind than this many bytes is cut off; it resumes from its Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1 << 20;

export class StreamSettings {
  constructor(readonly heartbeatMs: number) {}
}

@ApiTags('stream')
@Controller('api/stream')
export class StreamController {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly settings: StreamSettings,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Live finding changes (Server-Sent Events)',
    description:
      'Events `opened`, `updated`, `resolved`, each with id `<seq>` and data `{ change, findingId, version, committedAt, finding }`, ' +
      'within the same filters as the list. Reconnect with the `Last-Event-ID` header (EventSource does) to get every change after it, once.',
  })
  @ApiQueryFrom(FilterQuery)
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'text/event-stream' })
  async stream(@Query() rawQuery: unknown, @Headers('last-event-id') lastEventId: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    const query = validated(FilterQuery, rawQuery, 'query');
    const filter = filterOf(query, Date.now());
    // "now" and "upcoming" move with the clock: on a long-lived stream they are judged per change.
    const filterAt = query.when === undefined ? () => filter : (now: number) => filterOf(query, now);
    const resumeFrom = lastEventId === undefined || lastEventId === '' ? undefined : parsePosition(lastEventId);
    response.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    response.write('retry: 1000\n: connected\n\n');
    const client = new StreamClient(response, filterAt);
    const live = this.feed.subscribe(client);
    const heartbeat = setInterval(() => client.heartbeat(), this.settings.heartbeatMs);
    request.on('close', () => {
      clearInterval(heartbeat);
      client.close();
      this.feed.unsubscribe(client);
    });
    try {
      if (resumeFrom !== undefined && resumeFrom < live) await this.feed.between(resumeFrom, live, (changes) => changes.forEach((change) => client.send(change)));
      client.goLive(resumeFrom !== undefined && resumeFrom > live ? resumeFrom : live);
    } catch (error) {
      // Headers are sent: end the stream; the client reconnects with its Last-Event-ID.
      response.end();
      throw error;
    }
  }
}

/** One connection: catches up first, holding back live changes, then streams them as they come. */
class StreamClient implements Subscriber {
  private held: StreamedChange[] | undefined = [];
  private after: StreamPosition | undefined;
  private closed = false;

  constructor(
    private readonly response: Response,
    private readonly filterAt: (now: number) => FindingFilter,
  ) {}

  deliver(change: StreamedChange): void {
    if (this.held) this.held.push(change);
    else this.sendIfAfter(change);
  }

  goLive(after: StreamPosition): void {
    this.after = after;
    const held = this.held ?? [];
    this.held = undefined;
    for (const change of held) this.sendIfAfter(change);
  }

  /** The connection is gone: nothing more is written to it. */
  close(): void {
    this.closed = true;
  }

  heartbeat(): void {
    if (!this.closed) this.response.write(': keep-alive\n\n');
  }

  send(change: StreamedChange): void {
    if (this.closed || !matches(this.filterAt(Date.now()), change.finding)) return;
    const { position, ...data } = change;
    this.response.write(`id: ${positionId(position)}\nevent: ${change.change}\ndata: ${JSON.stringify(data)}\n\n`);
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.closed = true;
      this.response.destroy();
    }
  }

  private sendIfAfter(change: StreamedChange): void {
    if (this.after !== undefined && change.position <= this.after) return;
    this.send(change);
  }
}
