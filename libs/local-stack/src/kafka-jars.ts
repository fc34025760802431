import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KAFKA_VERSION = '3.9.1';

/** What Maven resolves: the broker and its runtime dependencies, plus a log binding for slf4j. */
const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>parity.local</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

export class KafkaJarsError extends Error {
  readonly code = 'kafka-jars-unavailable';
}

/**
 * Resolves the Kafka broker jars from Maven Central with the machine's `mvn` into
 * `<cacheDir>/kafka-<version>/libs`, once; later calls find them there.
 */
export async function resolveKafkaJars(cacheDir: string, log: (line: string) => void): Promise<string> {
  const home = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  const libs = join(home, 'libs');
  const marker = join(home, '.resolved');
  if (existsSync(marker)) return libs;

  log(`resolving Apache Kafka ${KAFKA_VERSION} from Maven Central into ${libs} (first run only)`);
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'pom.xml'), POM);
  await run('mvn', ['-B', '-q', '-f', join(home, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}`]);
  const jars = (await readdir(libs)).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
    throw new KafkaJarsError(`mvn finished but ${libs} has no kafka_2.13-${KAFKA_VERSION}.jar`);
  }
  await writeFile(marker, `${jars.length} jars\n`);
  log(`resolved ${jars.length} jars`);
  return libs;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new KafkaJarsError(`cannot run ${command}: ${error.message}. Install Maven (apt-get install maven) and a JDK 17.`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new KafkaJarsError(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}
