import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { seededRandom } from './random';
import { generateScenario, truthFileOf } from './scenario';
import { ScenarioName } from './scenarios';
import { TopicBatch, toTopicBatches } from './wire';

const BATCH = 1_000;

/** The part of a kafkajs producer a scenario run uses. */
export interface BatchSender {
  sendBatch(batch: { topicMessages: TopicBatch[] }): Promise<unknown>;
}

export interface ScenarioRun {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly skus: number;
  readonly stores: number;
  readonly binaryShare: number;
  readonly truthFile: string;
}

/**
 * Publishes a scenario live, as fast as the producer takes it, then writes its truth file. The
 * reconciler's clock is the wall clock at ingest, so the scenario ends now: it started its
 * duration ago and its sale lies ahead. The truth is written only once every event was sent.
 */
export async function publishScenario(
  producer: BatchSender,
  run: ScenarioRun,
  now: number,
  stopping: () => boolean,
  progress: (sent: number, total: number) => void,
): Promise<{ readonly sent: number; readonly truthFile: string; readonly expected: number }> {
  const scenario = generateScenario(run.scenario, {
    seed: run.seed,
    skus: run.skus,
    stores: run.stores,
    end: now,
    // The start time keeps ids unique across runs of the same scenario and seed.
    runId: `scn-${run.scenario}-${run.seed}-${now.toString(36)}`,
  });
  // Its own stream, as in the traffic run: the wire mode never shifts what a seed produces.
  const wireRandom = seededRandom(run.seed ^ 0x9e3779b9);
  const { events } = scenario;
  let sent = 0;
  for (let from = 0; from < events.length; from += BATCH) {
    if (stopping()) throw new Error(`scenario interrupted after ${sent} of ${events.length} events; no truth file written`);
    const batch = events.slice(from, from + BATCH);
    await producer.sendBatch({ topicMessages: toTopicBatches(batch, run.binaryShare, wireRandom) });
    sent += batch.length;
    progress(sent, events.length);
  }
  const truthFile = resolve(run.truthFile);
  await writeFile(truthFile, `${JSON.stringify(truthFileOf(scenario), null, 2)}\n`);
  return { sent, truthFile, expected: scenario.truth.length };
}
