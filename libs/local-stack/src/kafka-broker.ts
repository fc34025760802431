import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveKafkaJars } from './kafka-jars';

export interface KafkaBrokerOptions {
  /** Where the resolved jars are cached (ignored by git). */
  readonly cacheDir: string;
  /** Broker data, configuration and log. */
  readonly dataDir: string;
  readonly port: number;
  readonly controllerPort: number;
  /** Partitions of auto-created and internal topics; contract topics are created explicitly. */
  readonly heapMb?: number;
  /** Start the JVM in its own process group, to outlive this process (scripts/kafka start). */
  readonly detached?: boolean;
  readonly log: (line: string) => void;
}

export interface RunningKafkaBroker {
  readonly brokers: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

export class KafkaBrokerError extends Error {
  readonly code = 'kafka-broker-failed';
}

/** A single-node Apache Kafka in KRaft mode on loopback, run on the machine's JDK. */
export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<RunningKafkaBroker> {
  const libs = await resolveKafkaJars(options.cacheDir, options.log);
  const logDir = join(options.dataDir, 'kraft-logs');
  await mkdir(logDir, { recursive: true });
  const properties = join(options.dataDir, 'server.properties');
  const log4j = join(options.dataDir, 'log4j.properties');
  await writeFile(properties, serverProperties(options, logDir));
  await writeFile(log4j, LOG4J);
  const classpath = `${libs}/*`;

  if (!existsSync(join(logDir, 'meta.properties'))) {
    const clusterId = randomBytes(16).toString('base64url');
    // `--cluster-id=<id>`, one argument: an id starting with '-' must not read as an option.
    await runJava(classpath, ['kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', properties, '--ignore-formatted']);
  }

  const logFile = join(options.dataDir, 'broker.log');
  const out = openSync(logFile, 'a');
  const heap = options.heapMb ?? 768;
  const child = spawn(
    'java',
    [
      `-Xms${Math.min(256, heap)}m`,
      `-Xmx${heap}m`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      // C1 only: this broker lives for a test run or a dev session, and C2's compiling took a third
      // of its CPU in the first minute on 2 cores (6,000 events/s: 3.7 CPU s in the first 10 s
      // against 6.4 with C2), for no gain later (about 2 s per 10 s either way, at 6,000 or 25,000/s).
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      properties,
    ],
    { stdio: ['ignore', out, out], detached: options.detached ?? false },
  );
  if (options.detached) child.unref();
  else {
    // An attached broker ends with the process that started it, however that process ends.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.removeListener('exit', orphanGuard));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new KafkaBrokerError(`cannot start java: ${error.message}; install a JDK 17`))),
  );
  await Promise.race([
    waitForPort(options.port, 60_000),
    spawnError,
    exited.then((code) => {
      throw new KafkaBrokerError(`the broker exited with ${code} while starting; see ${logFile}`);
    }),
  ]);
  if (child.pid === undefined) throw new KafkaBrokerError('the broker has no pid');
  await writeFile(join(options.dataDir, 'broker.pid'), String(child.pid));
  return {
    brokers: `127.0.0.1:${options.port}`,
    pid: child.pid,
    logFile,
    stop: () => stopProcess(child, exited),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function serverProperties(options: KafkaBrokerOptions, logDir: string): string {
  return `# written by Parity's local stack; regenerated at every start
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${options.controllerPort}
listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDir}
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
log.retention.hours=168
message.max.bytes=2097152
# The controller writes a no-op record to the metadata log when it has been idle this long (default
# 500 ms, each one a raft append and flush): a third of an idle single-node broker's CPU here.
metadata.max.idle.interval.ms=5000
`;
}

const LOG4J = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.BrokerServer=INFO
`;

function runJava(classpath: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-cp', classpath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new KafkaBrokerError(`cannot run java: ${error.message}; install a JDK 17`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new KafkaBrokerError(`java ${args[0]} exited with ${code}: ${output.slice(-2000)}`))));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new KafkaBrokerError(`the broker did not open port ${port} within ${timeoutMs} ms`);
}

