package io.downhill.gateway.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The server's meters in one Prometheus registry: what Vert.x measures itself (HTTP requests,
 * WebSockets, event loops), the JVM and the process, and Downhill's own (sessions in memory,
 * WebSocket clients and feeds, frames sent, lagging subscriptions, catch-ups, slow clients closed).
 * Lives as long as the server.
 */
public final class Meters {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong sessionsInMemory = new AtomicLong();

  public Meters() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("downhill.sessions.in.memory", sessionsInMemory, AtomicLong::get)
        .description("Sessions this node holds in memory (not passivated)")
        .register(registry);
  }

  /** A Vert.x whose HTTP and WebSocket meters go to this registry. */
  public Vertx vertx() {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Sessions in memory, read now and then (an ask to sharding), kept for the gauge. */
  public void sessionsInMemory(long count) {
    sessionsInMemory.set(count);
  }

  /** Times every journal write (what each acknowledged command waits for). */
  public void journalWrites(io.downhill.journal.JournalLatency latency) {
    io.micrometer.core.instrument.Timer timer =
        io.micrometer.core.instrument.Timer.builder("downhill.journal.persist")
            .description("Time the journal takes to store a batch of events")
            .publishPercentileHistogram()
            .register(registry);
    latency.onWrite(nanos -> timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
  }

  /** Steps made and sessions running on this node, as the sessions count them. */
  public void sessions(io.downhill.session.SessionMeters sessions) {
    FunctionCounter.builder(
            "downhill.session.steps", sessions, io.downhill.session.SessionMeters::steps)
        .description("Steps the sessions on this node made (rate() gives steps per second)")
        .register(registry);
    Gauge.builder("downhill.sessions.running", sessions, s -> s.running())
        .description("Sessions on this node with a run or step request under way")
        .register(registry);
  }

  /** Counts one refusal ({@code status} 400 and up) on {@code channel} (http or websocket). */
  public void refusal(String channel, int status) {
    io.micrometer.core.instrument.Counter.builder("downhill.refusals")
        .description("Requests and WebSocket commands refused, by channel and status")
        .tag("channel", channel)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  /** A gauge read from the server when scraped. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  /** A counter the server keeps itself, read when scraped. */
  public <T> void counter(String name, String description, T owner, ToLongFunction<T> value) {
    FunctionCounter.builder(name, owner, o -> value.applyAsLong(o))
        .description(description)
        .register(registry);
  }
}
