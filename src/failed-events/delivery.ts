// Delivery for one invocation: a FanoutSink per intake (its main endpoint and its additional ones), each
// destination spilling what it cannot deliver into the failed-event store, and the replay of that store on
// `{"retry": true}`. Destinations are remembered so a replay finds the one each stored batch was meant for.
import type { Clock } from '../clock.js';
import type { InvocationDeadline } from '../deadline.js';
import type { Logger } from '../log.js';
import type { FailedEventStore } from './failed-event-store.js';
import { functionScope } from './failed-event-store.js';
import { replayStored } from './replay.js';
import { spillFor, type SpillContext } from './spill.js';
import type { AdditionalEndpoint } from '../config/additional-endpoints.js';
import type { InvocationContext, ReplayReport } from '../types.js';
import { destinationsFor, FanoutSink, type Destination } from '../sinks/destinations.js';
import type { IntakeEndpoint, SinkRuntime } from '../sinks/intake-sink.js';

/** What delivery needs from the container (deps.ts). */
interface DeliveryDeps {
  readonly failedEvents?: FailedEventStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly deadline: Pick<InvocationDeadline, 'signal'>;
}

export class Delivery {
  private readonly destinations: Destination<unknown>[] = [];
  private readonly spill: SpillContext;

  constructor(
    private readonly deps: DeliveryDeps,
    context: InvocationContext,
    private readonly runtime: Omit<SinkRuntime, 'onUndeliverable'>,
  ) {
    this.spill = {
      store: deps.failedEvents,
      scope: functionScope(context.invokedFunctionArn),
      clock: deps.clock,
      logger: deps.logger,
      signal: () => deps.deadline.signal('store'),
    };
  }

  /** The sink for one intake: its main endpoint plus the additional ones configured for it. */
  sink<T>(main: IntakeEndpoint<T>, additional: readonly AdditionalEndpoint[]): FanoutSink<T> {
    const destinations = this.expect(main, additional);
    return new FanoutSink(destinations, (destination) => ({
      ...this.runtime,
      onUndeliverable: spillFor(destination, this.spill),
    }));
  }

  /**
   * Makes an intake's destinations known to a replay, before (or without) any sink for them: the trace
   * intake's sinks are made per env when the first trace of that env comes, and a bare `{"retry": true}` has none.
   */
  expect<T>(main: IntakeEndpoint<T>, additional: readonly AdditionalEndpoint[]): Destination<T>[] {
    const destinations = destinationsFor(main, additional);
    this.destinations.push(...(destinations as Destination<unknown>[]));
    return destinations;
  }

  /** Resends what the store holds for this function; undefined when storage is off. */
  async replay(): Promise<ReplayReport | undefined> {
    const { store, scope } = this.spill;
    if (!store) {
      this.deps.logger.warn('A retry was asked for, but DD_STORE_FAILED_EVENTS is off: there is nothing to replay.');
      return undefined;
    }
    return replayStored({
      store,
      scope,
      destinations: this.destinations,
      runtime: this.runtime,
      logger: this.deps.logger,
      signal: this.spill.signal,
    });
  }
}
