package io.netchat.bench;

import io.netchat.bench.baseline.BaselineServer;
import io.netchat.bench.report.LatencyCurve;
import io.netchat.bench.report.MachineInfo;
import io.netchat.bench.report.PercentilePlot;
import io.netchat.bench.report.ResultWriter;
import io.netchat.bench.report.RoundsReport;
import io.netchat.bench.report.RunReport;
import io.netchat.bench.report.StartupReport;
import io.netchat.bench.server.StartupProbe;
import io.netchat.bench.scenario.BenchSettings;
import io.netchat.bench.scenario.FanoutSpec;
import io.netchat.bench.scenario.FeatureVariants;
import io.netchat.bench.scenario.Rounds;
import io.netchat.bench.scenario.Variant;
import io.netchat.bench.scenario.IdleSpec;
import io.netchat.bench.scenario.Scenarios;
import io.netchat.bench.scenario.SmokeCheck;
import io.netchat.bench.scenario.SweepSpec;
import io.netchat.bench.scenario.Target;
import io.netchat.bench.server.CpuPinning;
import io.netchat.bench.server.HeapProbe;
import io.netchat.bench.server.NgircdConfig;
import io.netchat.codec.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netchat-bench}: one subcommand per scenario, plus the baseline server and the JMH runner. */
@Command(name = "netchat-bench", mixinStandardHelpOptions = true,
    description = "Measures netchat against a minimal Netty fan-out baseline on this machine.",
    subcommands = {BenchMain.Fanout.class, BenchMain.Features.class, BenchMain.Startup.class, BenchMain.Idle.class, BenchMain.Sweep.class, BenchMain.Smoke.class,
        BenchMain.BaselineServerCommand.class, BenchMain.Jmh.class})
public final class BenchMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  /** Runs {@code scenario} with the common settings, writes its JSON file; exit 1 when it failed. */
  static int runScenario(CommonOptions common, String commandLine, Function<Scenarios, List<RunReport>> scenario)
      throws Exception {
    Harness harness = Harness.prepare(common, common.settings());
    if (harness == null) {
      return 2;
    }
    Scenarios scenarios = harness.scenarios(harness.settings, commandLine);
    ResultWriter writer = new ResultWriter(harness.settings.resultDir());
    boolean failed = false;
    for (RunReport report : scenario.apply(scenarios)) {
      Path file = writer.write(report);
      System.out.println(report.scenario() + " result: " + file);
      writePlot(file, report.scenario() + " — " + report.command(), scenarios.curves(report));
      failed |= !report.failures().isEmpty();
    }
    return failed ? 1 : 0;
  }

  /**
   * Runs {@code spec} on {@code variants} in alternating rounds, writes the JSON file and the plot
   * of the pooled latencies; exit 1 when a run failed.
   *
   * @param beforeRun called with a variant's settings before each of its runs
   */
  static RoundsReport runRounds(CommonOptions common, BenchSettings settings, String commandLine, String name,
      List<Variant> variants, int rounds, FanoutSpec spec,
      java.util.function.Consumer<BenchSettings> beforeRun) throws Exception {
    Harness harness = Harness.prepare(common, settings);
    if (harness == null) {
      return null;
    }
    Rounds.Outcome outcome = Rounds.fanout(name, variants, rounds, spec, s -> {
      beforeRun.accept(s);
      return harness.scenarios(s, commandLine);
    }, harness.machine, commandLine, System.out);
    Path file = new ResultWriter(settings.resultDir()).write(name, outcome.report().date(), outcome.report());
    System.out.println(name + " result: " + file);
    writePlot(file, name + " — " + commandLine, outcome.curves());
    outcome.report().failures().forEach(f -> System.out.println(name + " FAILED: " + f));
    return outcome.report();
  }

  /** The exit code of a comparison: 2 when it could not start, 1 when a run failed. */
  static int exitCode(RoundsReport report) {
    return report == null ? 2 : report.failures().isEmpty() ? 0 : 1;
  }

  private static CpuPinning pinning;

  /**
   * The cores as this process found them before it pinned itself: detected once, since after
   * {@link CpuPinning#pinSelf} this process sees only the generator's core (smoke runs several
   * comparisons in one process).
   */
  static synchronized CpuPinning pinning() {
    if (pinning == null) {
      pinning = CpuPinning.detect();
    }
    return pinning;
  }

  /** What every run of one bench command shares: pinning, the generator's transport, the machine. */
  static final class Harness {
    final BenchSettings settings;
    final CpuPinning pinning;
    final Transport transport;
    final MachineInfo machine;

    private Harness(BenchSettings settings, CpuPinning pinning, Transport transport, MachineInfo machine) {
      this.settings = settings;
      this.pinning = pinning;
      this.transport = transport;
      this.machine = machine;
    }

    /** Checks the server jar, pins this process; null (after saying why) when it cannot run. */
    static Harness prepare(CommonOptions common, BenchSettings settings) {
      if (settings.targets().stream().anyMatch(Target::isNetchat) && !Files.isRegularFile(settings.serverJar())) {
        System.err.println("netchat-bench: no server jar at " + settings.serverJar()
            + " (build chat-server, or pass --server-jar, or --target baseline)");
        return null;
      }
      if (settings.targets().contains(Target.NGIRCD) && !NgircdConfig.installed(settings.ngircd())) {
        System.err.println("netchat-bench: no ngIRCd at " + settings.ngircd()
            + " (install the Debian package ngircd, or pass --ngircd)");
        return null;
      }
      CpuPinning pinning = pinning();
      boolean pinned = pinning.canPin(settings.serverCpu()) && pinning.pinSelf(settings.generatorCpu());
      Transport transport = common.generatorTransport();
      return new Harness(settings, pinning, transport,
          MachineInfo.current(pinning.cores(), pinned, transport.wireName()));
    }

    Scenarios scenarios(BenchSettings runSettings, String commandLine) {
      return new Scenarios(runSettings, pinning, new HeapProbe(), transport, machine, commandLine, System.out);
    }
  }

  /** Writes the percentile plot of {@code curves} beside {@code result} (same name, {@code .svg}); none without curves. */
  static void writePlot(Path result, String title, List<LatencyCurve> curves) throws java.io.IOException {
    if (curves.isEmpty()) {
      return;
    }
    Path svg = result.resolveSibling(result.getFileName().toString().replaceFirst("\\.json$", "") + ".svg");
    PercentilePlot.write(svg, title, curves);
    System.out.println("percentile plot: " + svg);
  }

  static Duration seconds(double value) {
    return Duration.ofMillis(Math.round(value * 1000));
  }

  /** The command line as typed (picocli's original arguments include the subcommand). */
  static String commandLine(CommandLine.Model.CommandSpec spec) {
    return "netchat-bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }

  /** Fan-out options shared by fanout and sweep. */
  static final class LoadOptions {
    @Option(names = "--rooms", defaultValue = "1", description = "rooms (default: ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--members", defaultValue = "1000", description = "members per room (default: ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--publishers", defaultValue = "100", description = "publishing members in all (default: ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--text-bytes", defaultValue = "128", description = "message text size (default: ${DEFAULT-VALUE})")
    int textBytes;

    @Option(names = "--warmup", defaultValue = "5", description = "least warm-up seconds (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--warmup-max", defaultValue = "60",
        description = "most warm-up seconds: past the least, the load goes on until the server's JIT compilers have"
            + " used at most 1 %% of a core for 5 s, and a window in which they were busy is measured again"
            + " (default: ${DEFAULT-VALUE}; equal to --warmup: a fixed warm-up)")
    double warmupMax;

    @Option(names = "--measure", defaultValue = "10", description = "measured seconds (default: ${DEFAULT-VALUE})")
    double measure;

    @Option(names = "--drain", defaultValue = "3", description = "seconds to wait for late deliveries (default: ${DEFAULT-VALUE})")
    double drain;

    FanoutSpec spec(double deliveriesPerSecond) {
      return new FanoutSpec(rooms, members, publishers, deliveriesPerSecond, textBytes, seconds(warmup),
          seconds(Math.max(warmup, warmupMax)), seconds(measure), seconds(drain));
    }
  }

  @Command(name = "fanout", mixinStandardHelpOptions = true,
      description = "R rooms x M members, P publishing at a fixed offered rate; latency from the intended send time.")
  static final class Fanout implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin LoadOptions load;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "300000", description = "offered deliveries/s (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--msg-rate", description = "offered messages/s over all publishers (overrides --rate)")
    Double messageRate;

    @Option(names = "--rounds", defaultValue = "1",
        description = "alternating rounds over the --transport list; above 1 (or with several transports) prints"
            + " the medians and their ratios to the first transport (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
      double deliveries = messageRate != null ? messageRate * load.members : rate;
      FanoutSpec fanout = load.spec(deliveries);
      if (rounds <= 1 && common.transports.size() == 1) {
        return runScenario(common, commandLine(spec), s -> List.of(s.fanout(fanout)));
      }
      BenchSettings settings = common.settings();
      List<Variant> variants = common.transports.stream()
          .map(t -> new Variant(t, settings.withServerTransport(t))).toList();
      return exitCode(runRounds(common, settings, commandLine(spec), "fanout-rounds", variants,
          Math.max(1, rounds), fanout, s -> { }));
    }
  }

  @Command(name = "features", mixinStandardHelpOptions = true,
      description = "Fan-out on the plain length/json listener and with each feature on (TLS, sqlite commit, metrics,"
          + " irc), alternating rounds; prints the medians as ratios to the plain listener.")
  static final class Features implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin LoadOptions load;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--rate", defaultValue = "300000", description = "offered deliveries/s (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--features", defaultValue = "tls,commit,metrics,irc", split = ",",
        description = "features to measure beside plain: tls, commit, metrics, irc (default: ${DEFAULT-VALUE})")
    List<String> features;

    @Override
    public Integer call() throws Exception {
      if (common.serverConfig != null) {
        System.err.println("netchat-bench features: writes each variant's config itself; --server-config does not apply");
        return 2;
      }
      BenchSettings settings = common.settings().withTargets(List.of(Target.NETCHAT));
      FeatureVariants chosen = FeatureVariants.of(settings, features);
      return exitCode(runRounds(common, settings, commandLine(spec), "features", chosen.variants(),
          Math.max(1, rounds), load.spec(rate), FeatureVariants::beforeRun));
    }
  }

  @Command(name = "idle", mixinStandardHelpOptions = true,
      description = "N connections log in, join rooms and sit: connect+join time, heap and RSS per connection.")
  static final class Idle implements Callable<Integer> {
    @Mixin CommonOptions common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--connections", defaultValue = "15000", description = "connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--room-size", defaultValue = "10", description = "members per room (default: ${DEFAULT-VALUE})")
    int roomSize;

    @Option(names = "--settle", defaultValue = "2", description = "seconds idle before measuring memory")
    double settle;

    @Option(names = "--warm-ramp", defaultValue = "0",
        description = "connections that log in, join and leave before the measured ramp, so that it meets a server"
            + " whose JIT has compiled the login path (default: ${DEFAULT-VALUE}: a server fresh from its start)")
    int warmRamp;

    @Override
    public Integer call() throws Exception {
      IdleSpec idle = new IdleSpec(connections, roomSize, seconds(settle), warmRamp);
      return runScenario(common, commandLine(spec), s -> List.of(s.idle(idle)));
    }
  }

  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "Fan-out at rising offered rates until p99 passes a bound; reports the highest rate held.")
  static final class Sweep implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin LoadOptions load;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--start-rate", defaultValue = "100000", description = "first offered deliveries/s")
    double startRate;

    @Option(names = "--factor", defaultValue = "1.25", description = "rate multiplier per step")
    double factor;

    @Option(names = "--max-steps", defaultValue = "15", description = "most steps")
    int maxSteps;

    @Option(names = "--p99-bound", defaultValue = "100", description = "p99 bound in ms")
    double p99Bound;

    @Option(names = "--min-delivered", defaultValue = "99", description = "least %% delivered for a step to hold")
    double minDelivered;

    @Option(names = "--overload", defaultValue = "2",
        description = "after the first step not held, one window at this multiple of its rate (0: skip)")
    double overload;

    @Override
    public Integer call() throws Exception {
      load.warmup = spec.commandLine().getParseResult().hasMatchedOption("--warmup") ? load.warmup : 2;
      load.warmupMax = spec.commandLine().getParseResult().hasMatchedOption("--warmup-max") ? load.warmupMax
          : load.warmup;
      load.measure = spec.commandLine().getParseResult().hasMatchedOption("--measure") ? load.measure : 5;
      load.drain = spec.commandLine().getParseResult().hasMatchedOption("--drain") ? load.drain : 2;
      SweepSpec sweep = new SweepSpec(load.spec(startRate), startRate, factor, maxSteps, p99Bound, minDelivered,
          overload);
      return runScenario(common, commandLine(spec), s -> List.of(s.sweep(sweep)));
    }
  }

  @Command(name = "startup", mixinStandardHelpOptions = true,
      description = "Starts bin/netchat-server N times (default config, a fresh data directory) and times launch to"
          + " its ready line and to its port answering; prints the median of the starts after the first.")
  static final class Startup implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--starts", defaultValue = "7", description = "starts (default: ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--launcher", defaultValue = "bin/netchat-server", description = "(default: ${DEFAULT-VALUE})")
    Path launcher;

    @Option(names = "--java-home", description = "JAVA_HOME for the launcher, e.g. a JDK 25 (default: the bench's own)")
    Path javaHome;

    @Option(names = "--cache", defaultValue = "on",
        description = "on: the launcher's class-data/AOT cache as deployed; off: NETCHAT_CDS=off (default: ${DEFAULT-VALUE})")
    String cache;

    @Option(names = "--config", description = "a config file (default: the daemon's embedded defaults)")
    Path config;

    @Option(names = "--server-cpu", defaultValue = "1", description = "core to pin the server to, -1 for none")
    int serverCpu;

    @Option(names = "--out", defaultValue = "bench-results", description = "result directory (default: ${DEFAULT-VALUE})")
    Path resultDir;

    @Option(names = "--ready-timeout", defaultValue = "30", description = "seconds to wait for a ready line")
    int readyTimeoutSeconds;

    /** The command line to record when run from another command (smoke) rather than parsed. */
    String commandLine;

    @Override
    public Integer call() throws Exception {
      if (starts < 1 || !(cache.equals("on") || cache.equals("off"))) {
        System.err.println("netchat-bench startup: --starts must be positive and --cache on or off");
        return 2;
      }
      CpuPinning pinning = pinning();
      List<String> prefix = pinning.canPin(serverCpu) ? pinning.prefix(serverCpu) : List.of();
      Path logs = resultDir.resolve("logs");
      Path data = logs.resolve("startup-data");
      FeatureVariants.deleteTree(data);
      java.util.Map<String, String> environment = new java.util.HashMap<>();
      if (javaHome != null) {
        environment.put("JAVA_HOME", javaHome.toString());
      }
      if (cache.equals("off")) {
        environment.put("NETCHAT_CDS", "off");
      }
      List<String> arguments = new ArrayList<>(List.of("--data-dir", data.toAbsolutePath().toString()));
      if (config != null) {
        arguments.addAll(List.of("--config", config.toString()));
      }
      List<StartupProbe.Start> results = new ArrayList<>();
      for (int i = 1; i <= starts; i++) {
        StartupProbe.Start start = StartupProbe.once(prefix, launcher, arguments, environment,
            logs.resolve("startup-" + i + ".log"), Duration.ofSeconds(readyTimeoutSeconds));
        results.add(start);
        System.out.println(String.format(java.util.Locale.ROOT, "startup %d/%d: ready %.0f ms, port answered %.0f ms,"
            + " CPU until ready %.0f ms, stopped in %.0f ms", i, starts, start.readyMs(), start.portMs(), start.cpuMs(),
            start.exitMs()));
      }
      List<StartupProbe.Start> warm = results.size() > 1 ? results.subList(1, results.size()) : results;
      double ready = Rounds.median(warm.stream().mapToDouble(StartupProbe.Start::readyMs).toArray());
      double port = Rounds.median(warm.stream().mapToDouble(StartupProbe.Start::portMs).toArray());
      double cpu = Rounds.median(warm.stream().mapToDouble(StartupProbe.Start::cpuMs).toArray());
      String home = javaHome == null ? "default" : javaHome.toString();
      StartupReport report = new StartupReport(java.time.Instant.now().toString(),
          commandLine != null ? commandLine : commandLine(spec),
          MachineInfo.current(pinning.cores(), !prefix.isEmpty(), "-"), launcher.toString(), home, cache, results,
          ready, port, cpu, results.get(0).readyMs());
      System.out.println(String.format(java.util.Locale.ROOT, "startup (java %s, cache %s): median of starts 2..%d:"
          + " ready %.0f ms, port %.0f ms, CPU until ready %.0f ms; first start %.0f ms", home, cache, starts, ready,
          port, cpu, report.firstReadyMs()));
      Path file = new ResultWriter(resultDir).write("startup", report.date(), report);
      System.out.println("startup result: " + file);
      return 0;
    }
  }

  @Command(name = "smoke", mixinStandardHelpOptions = true,
      description = "Tiny fanout, idle and sweep against netchat and the baseline, an IRC fanout against netchat's IRC"
          + " listener and ngIRCd, one round of features and of the native transports, two starts of"
          + " bin/netchat-server (seconds each); exit 1 if any fails.")
  static final class Smoke implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      List<String> problems = new ArrayList<>();
      BenchSettings settings = common.settings();
      boolean ci = "true".equals(System.getenv("CI"));
      int code = runScenario(common, "netchat-bench smoke", s -> {
        List<RunReport> reports = new ArrayList<>(SmokeCheck.run(s));
        problems.addAll(SmokeCheck.problems(reports, settings.targets()));
        reports.addAll(SmokeCheck.runIrc(s, settings.ngircd(), ci, problems, System.out));
        return reports;
      });
      if (settings.targets().contains(Target.NETCHAT)) {
        BenchSettings netchat = settings.withTargets(List.of(Target.NETCHAT));
        FeatureVariants features = FeatureVariants.of(netchat, List.of("tls", "commit", "metrics", "irc"));
        problems.addAll(SmokeCheck.problems(runRounds(common, netchat, "netchat-bench smoke", "features",
            features.variants(), 1, SmokeCheck.FANOUT, FeatureVariants::beforeRun),
            features.variants().size()));
        Startup startup = new Startup();
        startup.starts = 2;
        startup.launcher = Path.of("bin", "netchat-server");
        startup.cache = "on";
        startup.serverCpu = settings.serverCpu();
        startup.resultDir = settings.resultDir();
        startup.readyTimeoutSeconds = (int) settings.readyTimeout().toSeconds();
        startup.commandLine = "netchat-bench smoke";
        if (startup.call() != 0) {
          problems.add("startup: the launcher did not start twice");
        }
      }
      List<Variant> transports = SmokeCheck.availableTransports().stream()
          .map(t -> new Variant(t, settings.withServerTransport(t))).toList();
      problems.addAll(SmokeCheck.problems(runRounds(common, settings, "netchat-bench smoke", "fanout-rounds",
          transports, 1, SmokeCheck.FANOUT, s -> { }), transports.size() * settings.targets().size()));
      problems.forEach(p -> System.out.println("smoke problem: " + p));
      System.out.println(problems.isEmpty() && code == 0 ? "smoke: ok" : "smoke: FAILED");
      return problems.isEmpty() ? code : 1;
    }
  }

  @Command(name = "baseline-server", mixinStandardHelpOptions = true,
      description = "Runs the baseline fan-out server until stopped (the bench starts it as its own process).")
  static final class BaselineServerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "loopback address to bind")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "port, 0 for any free one")
    int port;

    @Option(names = "--max-connections", defaultValue = "" + BaselineServer.DEFAULT_MAX_CONNECTIONS)
    int maxConnections;

    @Option(names = "--max-pending-bytes", defaultValue = "" + BaselineServer.DEFAULT_MAX_PENDING_BYTES)
    int maxPendingBytes;

    @Option(names = "--transport", defaultValue = "auto", description = "auto, epoll, io_uring or nio (default: ${DEFAULT-VALUE})")
    String transportName;

    @Override
    public Integer call() throws Exception {
      Transport transport = Transport.ofWireName(transportName).resolve();
      BaselineServer server = BaselineServer.start(host, port, transport, maxConnections, maxPendingBytes);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "baseline-shutdown"));
      System.out.println("baseline fan-out server ready on " + server.address().getHostString() + ":"
          + server.address().getPort() + " (" + transport.name().toLowerCase(java.util.Locale.ROOT) + ")");
      System.out.flush();
      stopped.await();
      return 0;
    }
  }

  @Command(name = "jmh", description = "Runs the JMH codec microbenchmarks; arguments go to JMH (try -h).")
  static final class Jmh implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      return 0;
    }
  }
}
