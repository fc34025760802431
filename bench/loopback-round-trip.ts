import { fork } from 'node:child_process';
import { AddressInfo, createConnection, createServer } from 'node:net';

/** One byte there and back between two processes over loopback TCP: what every hop of the pipeline is made of. */
export interface LoopbackRoundTrip {
  readonly roundTrips: number;
  /** Wall time of one round trip, microseconds. */
  readonly microseconds: number;
  /** CPU both processes spent per round trip (user + system), microseconds. */
  readonly cpuMicroseconds: number;
}

/**
 * A raw baseline for latency on this machine: an echo between this process and a child over a
 * loopback socket, one byte at a time. A probe of the pipeline crosses dozens of such round trips
 * (Kafka requests, PostgreSQL statements); on a virtual machine whose cores sleep between them, each
 * costs a wake-up across cores, not the few microseconds of a loopback copy.
 */
export async function loopbackRoundTrip(roundTrips = 5_000): Promise<LoopbackRoundTrip> {
  // The echo runs in a child process, as the broker and the database do.
  const child = fork(__filename, ['--echo'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const echoPort = await new Promise<number>((resolve) => child.once('message', (message: { port: number }) => resolve(message.port)));
  const socket = createConnection({ port: echoPort, host: '127.0.0.1', noDelay: true });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const one = Buffer.from([1]);
  const once = () =>
    new Promise<void>((resolve) => {
      socket.once('data', () => resolve());
      socket.write(one);
    });
  for (let n = 0; n < 200; n += 1) await once(); // warm-up
  const childBefore = await childCpu(child);
  const before = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; n < roundTrips; n += 1) await once();
  const wall = performance.now() - started;
  const own = process.cpuUsage(before);
  const childUsed = (await childCpu(child)) - childBefore;
  socket.destroy();
  child.kill();
  return {
    roundTrips,
    microseconds: Math.round((wall * 1000) / roundTrips),
    cpuMicroseconds: Math.round((own.user + own.system + childUsed) / roundTrips),
  };
}

/** The child's CPU so far, microseconds, as it reports it. */
function childCpu(child: ReturnType<typeof fork>): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpu: number }) => resolve(message.cpu));
    child.send('cpu');
  });
}

// The child's side: an echo on a port of its own, and its CPU on request.
if (process.argv.includes('--echo') && process.send) {
  const send = process.send.bind(process);
  const echo = createServer((socket) => {
    socket.setNoDelay(true);
    socket.pipe(socket);
  });
  echo.listen(0, '127.0.0.1', () => send({ port: (echo.address() as AddressInfo).port }));
  process.on('message', () => {
    const used = process.cpuUsage();
    send({ cpu: used.user + used.system });
  });
  process.on('disconnect', () => process.exit(0));
}
