package io.netchat.bench.scenario;

import io.netchat.bench.load.BenchClock;
import io.netchat.bench.load.ConnectResult;
import io.netchat.bench.load.ConnectionPlan;
import io.netchat.bench.load.Protocol;
import io.netchat.bench.load.PublishPlan;
import io.netchat.bench.load.Publisher;
import io.netchat.bench.load.Tally;
import io.netchat.bench.load.irc.IrcCommands;
import io.netchat.bench.report.FanoutFigures;
import io.netchat.bench.report.FanoutRun;
import io.netchat.bench.report.IdleRun;
import io.netchat.bench.report.LatencyCurve;
import io.netchat.bench.report.MachineInfo;
import io.netchat.bench.report.Ratios;
import io.netchat.bench.report.RunReport;
import io.netchat.bench.report.Summaries;
import io.netchat.bench.report.SweepRun;
import io.netchat.bench.report.TargetRun;
import io.netchat.bench.server.CpuPinning;
import io.netchat.bench.server.HeapProbe;
import io.netchat.bench.server.ProcStats;
import io.netchat.codec.Transport;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each scenario against every target in turn — a fresh server process per target, pinned
 * to its own core — and assembles the {@link RunReport}. Summary lines go to {@code out}.
 */
public final class Scenarios {
  private static final Logger log = LoggerFactory.getLogger(Scenarios.class);
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final BenchSettings settings;
  private final CpuPinning pinning;
  private final HeapProbe heap;
  private final Transport transport;
  private final MachineInfo machine;
  private final String command;
  private final PrintStream out;
  private final List<LatencyCurve> pendingCurves = new ArrayList<>();
  private final Map<RunReport, List<LatencyCurve>> curves = new java.util.IdentityHashMap<>();

  public Scenarios(BenchSettings settings, CpuPinning pinning, HeapProbe heap, Transport transport,
      MachineInfo machine, String command, PrintStream out) {
    this.settings = settings;
    this.pinning = pinning;
    this.heap = heap;
    this.transport = transport;
    this.machine = machine;
    this.command = command;
    this.out = out;
  }

  /** These scenarios against {@code targets} instead of the settings' own. */
  public Scenarios on(List<Target> targets) {
    return new Scenarios(settings.withTargets(targets), pinning, heap, transport, machine, command, out);
  }

  /** The fanout scenario. */
  public RunReport fanout(FanoutSpec spec) {
    Map<String, Object> parameters = new LinkedHashMap<>(spec.describe());
    return run("fanout", parameters, target -> fanoutOn(target, spec));
  }

  /** The idle scenario. */
  public RunReport idle(IdleSpec spec) {
    return run("idle", spec.describe(), target -> idleOn(target, spec));
  }

  /** The sweep scenario. */
  public RunReport sweep(SweepSpec spec) {
    return run("sweep", spec.describe(), target -> sweepOn(target, spec));
  }

  /** The delivery latencies of each measured window of {@code report}, one curve per server (and sweep step). */
  public List<LatencyCurve> curves(RunReport report) {
    return curves.getOrDefault(report, List.of());
  }

  private interface TargetScenario {
    TargetRun on(Target target) throws Exception;
  }

  private RunReport run(String scenario, Map<String, Object> parameters, TargetScenario body) {
    String date = Instant.now().toString();
    List<TargetRun> runs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Target target : settings.targets()) {
      try {
        TargetRun result = body.on(target);
        runs.add(result);
        out.println(Summaries.line(scenario, result));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add(target.label() + ": interrupted");
        break;
      } catch (Exception e) {
        log.error("{} against {} failed", scenario, target.label(), e);
        failures.add(target.label() + ": " + e.getMessage());
        out.println(scenario + " " + target.label() + " FAILED: " + e.getMessage());
      }
    }
    Map<String, Double> ratios = Ratios.of(runs);
    String ratioLine = Summaries.ratios(scenario, ratios);
    if (!ratioLine.isEmpty()) {
      out.println(ratioLine);
    }
    Map<String, Object> all = new LinkedHashMap<>(parameters);
    all.putAll(settings.describe());
    RunReport report = new RunReport(scenario, date, command, machine, all, runs, ratios, failures);
    curves.put(report, List.copyOf(pendingCurves));
    pendingCurves.clear();
    return report;
  }

  private TargetSession open(Target target, String scenario, int connections, int members)
      throws IOException, InterruptedException {
    Path config = settings.serverConfig();
    Path logs = settings.resultDir().resolve("logs");
    BenchCertificate certificate = target.tls() ? BenchCertificate.create(logs) : null;
    if (config == null && target.isNetchat()) {
      boolean irc = target.protocol() == Protocol.IRC;
      Map<String, String> sections = new LinkedHashMap<>(settings.configSections());
      sections.put("transport", settings.serverTransport());
      config = NetchatConfig.write(logs, scenario + (target.tls() ? "-tls" : irc ? "-irc" : ""),
          irc ? NetchatConfig.IRC : settings.framing(), irc ? NetchatConfig.IRC : settings.codec(), connections,
          members, certificate, sections);
    }
    return TargetSession.open(settings, target, scenario, config, pinning, transport, certificate);
  }

  private FanoutRun fanoutOn(Target target, FanoutSpec spec) throws Exception {
    checkFits(target, spec);
    try (TargetSession session = open(target, "fanout", spec.connections(), spec.members())) {
      ConnectResult connected = connectAll(session, FanoutLayout.plans(spec.connections(), spec.members(),
          settings.perSourceAddress()));
      List<Publisher> publishers = publishers(target, connected, spec);
      FanoutFigures window = measure(session, publishers, spec, false, target.label());
      return new FanoutRun(target.label(), session.server.startupMillis(), connected.connected(),
          connected.elapsedNanos() / 1e6, window);
    }
  }

  private IdleRun idleOn(Target target, IdleSpec spec) throws Exception {
    try (TargetSession session = open(target, "idle", Math.max(spec.connections(), spec.warmRamp()),
        spec.roomSize())) {
      long pid = session.server.pid();
      if (spec.warmRamp() > 0) {
        warmRamp(session, spec);
      }
      Optional<Long> heapBefore = heap.liveBytes(pid);
      Optional<Long> rssBefore = ProcStats.rssBytes(pid);
      double cpuBefore = ProcStats.cpuSeconds(pid).orElse(0.0);
      List<ConnectionPlan> plans = FanoutLayout.plans(spec.connections(), spec.roomSize(), settings.perSourceAddress());
      ConnectResult connected = session.client.connect(plans, settings.inFlight(),
          session.target.connectsAtOnce(settings.inFlight()), connectTimeout(plans.size()));
      double cpuAfter = ProcStats.cpuSeconds(pid).orElse(0.0);
      if (connected.failed() > 0) {
        log.warn("{} of {} connections failed; first: {}", connected.failed(), plans.size(), connected.firstFailure());
      }
      pause(session.clock, spec.settle());
      Optional<Long> heapAfter = heap.liveBytes(pid);
      Optional<Long> rssAfter = ProcStats.rssBytes(pid);
      Tally tally = session.client.tally();
      int n = Math.max(1, connected.connected());
      Long heapPer = heapBefore.isPresent() && heapAfter.isPresent() ? (heapAfter.get() - heapBefore.get()) / n : null;
      Long rssPer = rssBefore.isPresent() && rssAfter.isPresent() ? (rssAfter.get() - rssBefore.get()) / n : null;
      requireAlive(session);
      return new IdleRun(target.label(), session.server.startupMillis(), spec.connections(), connected.connected(),
          connected.elapsedNanos() / 1e6, millisAt(tally, 50), millisAt(tally, 99), heapBefore.orElse(null),
          heapAfter.orElse(null), heapPer, rssBefore.orElse(null), rssAfter.orElse(null), rssPer,
          cpuAfter - cpuBefore, session.client.errors().total(), session.client.errors().byKind());
    }
  }

  /**
   * Connects {@code spec.warmRamp()} clients (nicks {@code w<i>}, rooms {@code w<i / room size>}),
   * closes them all, and waits until the server has handled the closes (its CPU back under a tenth of
   * a core for half a second, or 30 s); then forgets their handshake times and errors.
   */
  private void warmRamp(TargetSession session, IdleSpec spec) throws InterruptedException {
    ConnectResult warm = session.client.connect(
        FanoutLayout.plans(spec.warmRamp(), spec.roomSize(), settings.perSourceAddress(), "w", "w"),
        settings.inFlight(), session.target.connectsAtOnce(settings.inFlight()), connectTimeout(spec.warmRamp()));
    for (Channel channel : warm.channels()) {
      if (channel != null) {
        channel.close();
      }
    }
    for (Channel channel : warm.channels()) {
      if (channel != null) {
        channel.closeFuture().await(10, TimeUnit.SECONDS);
      }
    }
    long pid = session.server.pid();
    long giveUp = session.clock.now() + TimeUnit.SECONDS.toNanos(30);
    double cpu = ProcStats.cpuSeconds(pid).orElse(0.0);
    while (session.clock.now() < giveUp) {
      pause(session.clock, Duration.ofMillis(500));
      double now = ProcStats.cpuSeconds(pid).orElse(0.0);
      if (now - cpu < 0.05) {
        break;
      }
      cpu = now;
    }
    session.client.forgetHandshakes();
    session.client.errors().clear();
    log.info("{}: warm ramp of {} connections ({} ms), all closed", session.target.label(), warm.connected(),
        Math.round(warm.elapsedNanos() / 1e6));
  }

  private SweepRun sweepOn(Target target, SweepSpec spec) throws Exception {
    FanoutSpec load = spec.load();
    checkFits(target, load);
    try (TargetSession session = open(target, "sweep", load.connections(), load.members())) {
      ConnectResult connected = connectAll(session, FanoutLayout.plans(load.connections(), load.members(),
          settings.perSourceAddress()));
      List<Publisher> publishers = publishers(target, connected, load);
      List<FanoutFigures> steps = new ArrayList<>();
      double held = 0;
      double notHeld = 0;
      double rate = spec.startRate();
      for (int step = 0; step < spec.maxSteps() && session.server.isAlive(); step++) {
        FanoutFigures window = measure(session, publishers, load.atRate(rate), true,
            String.format(java.util.Locale.ROOT, "%s %.0f/s", target.label(), rate));
        steps.add(window);
        out.println(String.format(java.util.Locale.ROOT, "sweep  %-8s step %d at %.0f/s: %s", target.label(),
            step + 1, rate, Summaries.window(window)));
        if (!window.held(spec.p99BoundMs(), spec.minDeliveredPercent())) {
          notHeld = rate;
          break;
        }
        held = rate;
        rate *= spec.factor();
      }
      FanoutFigures overload = null;
      if (notHeld > 0 && spec.overloadFactor() > 0 && session.server.isAlive()) {
        overload = measure(session, publishers, load.atRate(notHeld * spec.overloadFactor()), true,
            target.label() + " overload");
        out.println(String.format(java.util.Locale.ROOT, "sweep  %-8s overload at %.0f/s: %s", target.label(),
            notHeld * spec.overloadFactor(), Summaries.window(overload)));
      }
      return new SweepRun(target.label(), session.server.startupMillis(), spec.p99BoundMs(),
          spec.minDeliveredPercent(), held, steps, overload, session.server.isAlive());
    }
  }

  private ConnectResult connectAll(TargetSession session, List<ConnectionPlan> plans) throws InterruptedException {
    ConnectResult connected = session.client.connect(plans, settings.inFlight(),
        session.target.connectsAtOnce(settings.inFlight()), connectTimeout(plans.size()));
    if (connected.failed() > 0) {
      throw new IllegalStateException(connected.failed() + " of " + plans.size()
          + " connections failed to connect and join; first: " + connected.firstFailure());
    }
    return connected;
  }

  /** Publishers of {@code spec}; over IRC a message reaches every member but its sender. */
  private static List<Publisher> publishers(Target target, ConnectResult connected, FanoutSpec spec) {
    List<Publisher> publishers = new ArrayList<>();
    int recipients = target.protocol().recipients(spec.members());
    for (int index : FanoutLayout.publisherIndexes(spec.rooms(), spec.members(), spec.publishers())) {
      Channel channel = connected.channels().get(index);
      publishers.add(new Publisher(channel, "r" + index / spec.members(), recipients));
    }
    return publishers;
  }

  /** Refuses a text too long for one IRC line before any server starts. */
  private static void checkFits(Target target, FanoutSpec spec) {
    if (target.protocol() == Protocol.IRC && spec.textChars() > IrcCommands.MAX_TEXT) {
      throw new IllegalArgumentException("--text-bytes " + spec.textChars() + " does not fit one IRC line; at most "
          + IrcCommands.MAX_TEXT);
    }
  }

  /**
   * Publishes {@code spec}'s load from now: the warm-up ({@link #warmUp}), the measured window, then
   * waits up to the drain time for the window's deliveries. Stops publishing at the window's end.
   */
  private FanoutFigures measure(TargetSession session, List<Publisher> publishers, FanoutSpec spec, boolean probeHeap,
      String curveLabel) throws InterruptedException {
    BenchClock clock = session.clock;
    long pid = session.server.pid();
    session.client.errors().clear();
    long start = clock.now() + START_DELAY_NANOS;
    WarmUp warmUp = new WarmUp(spec.warmup(), spec.warmupMax());
    Window window = measureWindow(session, publishers, spec, warmUp(session, publishers, spec, warmUp, start));
    int windows = 1;
    while (warmUp.measureAgain(windows, spec.measure().toNanos(), window.serverJitSeconds())) {
      log.info("{}: the compilers used {} s of window {}: warming up further", session.target.label(),
          String.format(java.util.Locale.ROOT, "%.2f", window.serverJitSeconds()), windows);
      window = measureWindow(session, publishers, spec, warmUp(session, publishers, spec, warmUp, window.end()));
      windows++;
    }
    long drainEnd = window.end() + spec.drain().toNanos();
    Tally tally = session.client.tally().withPlanned(window.messages(), window.offered());
    while (tally.delivered() < tally.offered() && clock.now() < drainEnd) {
      waitUntil(clock, Math.min(drainEnd, clock.now() + TimeUnit.MILLISECONDS.toNanos(100)));
      tally = session.client.tally().withPlanned(window.messages(), window.offered());
    }
    requireAlive(session);
    double seconds = spec.measure().toNanos() / 1e9;
    Long heapUsed = probeHeap ? heap.usedBytes(pid).orElse(null) : null;
    pendingCurves.add(new LatencyCurve(curveLabel, tally.latencyMicros()));
    return new FanoutFigures(session.target.label(), spec.deliveriesPerSecond(), tally.offered() / seconds,
        tally.delivered() / seconds, tally.deliveredPercent(), tally.latencyMillis(50), tally.latencyMillis(99),
        tally.latencyMillis(99.9), tally.maxLatencyMillis(), tally.offered(), tally.delivered(), tally.messages(),
        tally.unsent(), session.client.errors().total(), session.client.errors().byKind(),
        100 * window.serverCpuSeconds() / seconds, 100 * window.serverJitSeconds() / seconds,
        100 * window.generatorCpuSeconds() / seconds, ProcStats.rssBytes(pid).orElse(null), heapUsed,
        (window.end() - spec.measure().toNanos() - start) / 1e9, windows, seconds);
  }

  /**
   * One measured window: its messages and deliveries as planned, and the CPU seconds the server, its
   * compilers and the generator used in it.
   */
  private record Window(long end, long messages, long offered, double serverCpuSeconds, double serverJitSeconds,
      double generatorCpuSeconds) {}

  /** Publishes the window's load from {@code windowStart} (now) and returns at its end. */
  private static Window measureWindow(TargetSession session, List<Publisher> publishers, FanoutSpec spec,
      long windowStart) throws InterruptedException {
    long pid = session.server.pid();
    long self = ProcessHandle.current().pid();
    long windowEnd = windowStart + spec.measure().toNanos();
    session.client.window(windowStart, windowEnd);
    PublishPlan plan = new PublishPlan(spec.messagesPerSecond(), publishers.size(), windowStart, windowEnd);
    session.client.publish(plan, publishers, spec.textChars());
    long offered = 0;
    for (long k = 0; k < plan.total(); k++) {
      offered += publishers.get(plan.publisherOf(k)).recipients();
    }
    double serverCpu0 = ProcStats.cpuSeconds(pid).orElse(0.0);
    double serverJit0 = ProcStats.compilerCpuSeconds(pid).orElse(0.0);
    double selfCpu0 = ProcStats.cpuSeconds(self).orElse(0.0);
    waitUntil(session.clock, windowEnd);
    return new Window(windowEnd, plan.total(), offered, ProcStats.cpuSeconds(pid).orElse(0.0) - serverCpu0,
        Math.max(0, ProcStats.compilerCpuSeconds(pid).orElse(0.0) - serverJit0),
        ProcStats.cpuSeconds(self).orElse(0.0) - selfCpu0);
  }

  /**
   * Publishes warm-up load from {@code start}, one plan per {@link WarmUp} step, each starting where
   * the last one ends so that the load never pauses, until the warm-up is over; returns when (the
   * intended time) it ended, where the measured window starts.
   */
  private static long warmUp(TargetSession session, List<Publisher> publishers, FanoutSpec spec, WarmUp warmUp,
      long start) throws InterruptedException {
    long pid = session.server.pid();
    long stepStart = start;
    for (long step; (step = warmUp.nextStepNanos()) > 0; stepStart += step) {
      double compiler0 = ProcStats.compilerCpuSeconds(pid).orElse(0.0);
      session.client.publish(new PublishPlan(spec.messagesPerSecond(), publishers.size(), stepStart, stepStart + step),
          publishers, spec.textChars());
      waitUntil(session.clock, stepStart + step);
      warmUp.stepped(step, ProcStats.compilerCpuSeconds(pid).orElse(0.0) - compiler0);
    }
    if (warmUp.elapsed().compareTo(spec.warmup()) > 0) {
      log.info("{}: warm-up {} s ({})", session.target.label(), warmUp.elapsed().toMillis() / 1000.0,
          warmUp.quiet() ? "until the compilers were quiet" : "its longest: the compilers were never quiet");
    }
    return stepStart;
  }

  private static void requireAlive(TargetSession session) {
    if (!session.server.isAlive()) {
      throw new IllegalStateException(session.server.name() + " server process died during the run");
    }
  }

  private static double millisAt(Tally tally, double percentile) {
    return tally.handshakeMicros().getTotalCount() == 0 ? 0
        : tally.handshakeMicros().getValueAtPercentile(percentile) / 1000.0;
  }

  /**
   * Generous but finite: 60 s plus 30 ms per connection (ngIRCd's flood penalty alone spaces each
   * client's five registration and join commands over about two seconds, and 1,000 joins into one
   * channel took it 35–66 s on a loaded machine, where it got 9–15 % of its core).
   */
  static Duration connectTimeout(int connections) {
    return Duration.ofSeconds(60).plusMillis(30L * connections);
  }

  private static void pause(BenchClock clock, Duration duration) {
    waitUntil(clock, clock.now() + duration.toNanos());
  }

  private static void waitUntil(BenchClock clock, long deadline) {
    long left;
    while ((left = deadline - clock.now()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
