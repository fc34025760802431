import { Matcher } from './matchers';

/** When a group tells its receiver (Prometheus Alertmanager's semantics). */
export interface GroupTiming {
  /** How long a new group waits for more findings before its first notification. */
  readonly groupWaitMs: number;
  /** How long after a notification the group waits before telling what changed. */
  readonly groupIntervalMs: number;
  /** How long after a notification the group repeats it when nothing changed. */
  readonly repeatIntervalMs: number;
}

/** A node of the routing tree; children inherit what they do not set. */
export interface Route {
  /** Its position in the tree (`0`, `0.1`, `0.1.0`): part of its groups' keys. */
  readonly id: string;
  readonly receiver: string;
  readonly matchers: readonly Matcher[];
  /** Keep looking at the following siblings after this route matched. */
  readonly continue: boolean;
  readonly groupBy: readonly string[];
  readonly timing: GroupTiming;
  readonly routes: readonly Route[];
  readonly line: number;
}

export type ReceiverConfig =
  | { readonly kind: 'log'; readonly name: string }
  | { readonly kind: 'webhook'; readonly name: string; readonly url: string; readonly secrets: readonly string[] }
  | { readonly kind: 'chat'; readonly name: string; readonly url: string; readonly secrets: readonly string[] }
  | {
      readonly kind: 'email';
      readonly name: string;
      readonly to: readonly string[];
      readonly from: string;
      readonly host: string;
      readonly port: number;
      readonly secure: boolean;
      readonly username: string | undefined;
      readonly password: string | undefined;
    };

/** A firing finding matching `source` mutes the findings matching `target` that share the `equal` labels. */
export interface InhibitRule {
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
}

/** A severe finding nobody acknowledged `afterMs` after it was detected goes to `receiver` too. */
export interface EscalationPolicy {
  readonly receiver: string;
  readonly afterMs: number;
  readonly severities: readonly string[];
  readonly matchers: readonly Matcher[];
}

export interface AlertsConfig {
  readonly route: Route;
  readonly receivers: ReadonlyMap<string, ReceiverConfig>;
  readonly inhibitRules: readonly InhibitRule[];
  readonly escalations: readonly EscalationPolicy[];
}
