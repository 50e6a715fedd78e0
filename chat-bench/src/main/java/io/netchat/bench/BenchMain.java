package io.netchat.bench;

import io.netchat.bench.baseline.BaselineServer;
import io.netchat.bench.report.MachineInfo;
import io.netchat.bench.report.ResultWriter;
import io.netchat.bench.report.RunReport;
import io.netchat.bench.scenario.BenchSettings;
import io.netchat.bench.scenario.FanoutSpec;
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
    subcommands = {BenchMain.Fanout.class, BenchMain.Idle.class, BenchMain.Sweep.class, BenchMain.Smoke.class,
        BenchMain.BaselineServerCommand.class, BenchMain.Jmh.class})
public final class BenchMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  /** Runs {@code scenario} with the common settings, writes its JSON file; exit 1 when it failed. */
  static int runScenario(CommonOptions common, String commandLine, Function<Scenarios, List<RunReport>> scenario)
      throws Exception {
    BenchSettings settings = common.settings();
    if (settings.targets().stream().anyMatch(Target::isNetchat) && !Files.isRegularFile(settings.serverJar())) {
      System.err.println("netchat-bench: no server jar at " + settings.serverJar()
          + " (build chat-server, or pass --server-jar, or --target baseline)");
      return 2;
    }
    if (settings.targets().contains(Target.NGIRCD) && !NgircdConfig.installed(settings.ngircd())) {
      System.err.println("netchat-bench: no ngIRCd at " + settings.ngircd()
          + " (install the Debian package ngircd, or pass --ngircd)");
      return 2;
    }
    CpuPinning pinning = CpuPinning.detect();
    boolean pinned = pinning.canPin(settings.serverCpu()) && pinning.pinSelf(settings.generatorCpu());
    Transport transport = Transport.best();
    MachineInfo machine = MachineInfo.current(pinning.cores(), pinned, transport.name().toLowerCase(java.util.Locale.ROOT));
    Scenarios scenarios = new Scenarios(settings, pinning, new HeapProbe(), transport, machine, commandLine, System.out);
    ResultWriter writer = new ResultWriter(settings.resultDir());
    boolean failed = false;
    for (RunReport report : scenario.apply(scenarios)) {
      Path file = writer.write(report);
      System.out.println(report.scenario() + " result: " + file);
      failed |= !report.failures().isEmpty();
    }
    return failed ? 1 : 0;
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

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--measure", defaultValue = "10", description = "measured seconds (default: ${DEFAULT-VALUE})")
    double measure;

    @Option(names = "--drain", defaultValue = "3", description = "seconds to wait for late deliveries (default: ${DEFAULT-VALUE})")
    double drain;

    FanoutSpec spec(double deliveriesPerSecond) {
      return new FanoutSpec(rooms, members, publishers, deliveriesPerSecond, textBytes, seconds(warmup),
          seconds(measure), seconds(drain));
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

    @Override
    public Integer call() throws Exception {
      double deliveries = messageRate != null ? messageRate * load.members : rate;
      FanoutSpec fanout = load.spec(deliveries);
      return runScenario(common, commandLine(spec), s -> List.of(s.fanout(fanout)));
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

    @Override
    public Integer call() throws Exception {
      IdleSpec idle = new IdleSpec(connections, roomSize, seconds(settle));
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

    @Option(names = "--min-delivered", defaultValue = "99", description = "least % delivered for a step to hold")
    double minDelivered;

    @Option(names = "--overload", defaultValue = "2",
        description = "after the first step not held, one window at this multiple of its rate (0: skip)")
    double overload;

    @Override
    public Integer call() throws Exception {
      load.warmup = spec.commandLine().getParseResult().hasMatchedOption("--warmup") ? load.warmup : 2;
      load.measure = spec.commandLine().getParseResult().hasMatchedOption("--measure") ? load.measure : 5;
      load.drain = spec.commandLine().getParseResult().hasMatchedOption("--drain") ? load.drain : 2;
      SweepSpec sweep = new SweepSpec(load.spec(startRate), startRate, factor, maxSteps, p99Bound, minDelivered,
          overload);
      return runScenario(common, commandLine(spec), s -> List.of(s.sweep(sweep)));
    }
  }

  @Command(name = "smoke", mixinStandardHelpOptions = true,
      description = "Tiny fanout, idle and sweep against netchat and the baseline, and an IRC fanout against ngIRCd"
          + " (seconds); exit 1 if any fails.")
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

    @Override
    public Integer call() throws Exception {
      Transport transport = Transport.best();
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
