package io.netchat.server;

import io.netchat.codec.CodecRegistry;
import io.netchat.codec.Durations;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.ConfigLoader;
import io.netchat.server.config.DaemonConfig;
import io.netchat.server.config.ListenerOverrides;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import io.netchat.store.StoreStartupException;
import io.netchat.server.tls.TlsListeners;
import io.netty.util.NetUtil;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The daemon's entry point: reads the configuration, starts a {@link ChatServer} and keeps it
 * running until SIGTERM or SIGINT, which close it gracefully (goodbyes to every client within
 * {@code timeouts.shutdown_grace}).
 *
 * <p>Exit codes: {@value #EXIT_OK} after {@code --help}, {@code --version}, a passed {@code --check} or
 * a start with {@code --exit-when-ready};
 * {@value #EXIT_FAILURE} when the server cannot start (e.g. a port is in use);
 * {@value #EXIT_BAD_CONFIG} for a bad configuration or command line; 143 after SIGTERM and 130
 * after SIGINT (the JVM's codes for a signalled exit). SIGHUP reloads the {@code --config} file
 * ({@link ConfigReload}): the settings that can change live are applied, the others named.
 */
@Command(name = "netchat-server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Runs the netchat chat server until SIGTERM or SIGINT.",
    footer = {"", "Without --config: one listener on 127.0.0.1:7777, length framing, json codec.",
        "Without store settings: rooms and messages are kept in data/netchat.db (SQLite).",
        "Exit codes: 0 ok; 1 could not start (e.g. port in use, data directory in use,",
        "corrupt database); 2 bad configuration",
        "or usage; 143 stopped by SIGTERM; 130 stopped by SIGINT."})
public final class ServerMain implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_BAD_CONFIG = 2;

  private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/server.yaml); default: embedded defaults")
  private Path config;

  @Option(names = "--port", paramLabel = "N", description = "replaces the port of the FIRST listener (0 = any free port)")
  private Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "replaces the host of the FIRST listener (an IP literal, e.g. 0.0.0.0 or ::)")
  private String host;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "where the sqlite store keeps netchat.db (replaces store.data_dir; default: data/ in the working directory)")
  private Path dataDir;

  @Option(names = "--check", description = "only validate the configuration (and overrides), print the listeners and exit")
  private boolean checkOnly;

  @Option(names = "--exit-when-ready", description = "start as usual, then shut down at once once ready (exit 0):"
      + " a whole start, e.g. to record the class-data archive from it (bin/netchat-server does)")
  private boolean exitWhenReady;

  /** {@code --check-config FILE}: the operator's spelling of {@code --check --config FILE}. */
  @Option(names = "--check-config", paramLabel = "FILE", description = "same as --check --config FILE: validate FILE, exit 0 (valid) or 2")
  private void checkConfig(Path file) {
    config = file;
    checkOnly = true;
  }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final LogSetup logSetup = new LogSetup();

  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    LogSetup.stopLogging();
    if (code != EXIT_OK) {
      System.exit(code);
    }
  }

  /**
   * Runs the command line with {@code out}/{@code err} as its streams; returns the exit code at once
   * for --help, --version or a failure, or after shutdown when the server ran.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return new CommandLine(new ServerMain()).setOut(out).setErr(err).execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    DaemonConfig daemon;
    MemoryPlan memory;
    try {
      daemon = loadConfig();
      memory = fitMemory(daemon.server());
      TlsListeners.check(daemon.server().listeners()); // unreadable or mismatched certificate files: exit 2
      checkTokenKeys(daemon.server().auth().token());
    } catch (ConfigException e) {
      err.println("netchat-server: bad configuration: " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    ServerConfig serverConfig = daemon.server();
    if (checkOnly) {
      spec.commandLine().getOut().println("configuration OK; listeners: " + serverConfig.listeners().stream()
          .map(l -> NetUtil.toSocketAddressString(l.host(), l.port()) + " (" + l.framing() + "/" + l.codec()
          + (l.tls() == null ? "" : ", tls") + ")").toList());
      spec.commandLine().getOut().println("admin: " + (daemon.admin() == null ? "off"
          : "http://" + NetUtil.toSocketAddressString(daemon.admin().host(), daemon.admin().port())));
      spec.commandLine().getOut().println("memory budgets: " + memory);
      spec.commandLine().getOut().println("store: " + describe(serverConfig.store()));
      return EXIT_OK;
    }
    log.info("memory budgets: {}", memory);
    log.info("store: {}", describe(serverConfig.store()));
    logSetup.apply(daemon.logging());
    ChatServer server;
    AdminListener admin = null;
    try {
      server = ChatServer.start(serverConfig);
    } catch (Exception e) { // Netty rethrows a bind failure's IOException unchecked-style: catch it too
      String reason = e instanceof StoreStartupException ? e.getMessage() : withListeners(describe(e), serverConfig);
      return couldNotStart(reason, e, err);
    }
    try {
      // Further /health/ready conditions join the server's own (listeners bound, store writable) here, as ReadinessChecks.
      admin = daemon.admin() == null ? null : AdminListener.start(daemon.admin(), server, List.of());
    } catch (Exception e) {
      server.close();
      return couldNotStart(describe(e), e, err);
    }
    if (exitWhenReady) {
      shutDown(server, admin, serverConfig);
      return EXIT_OK;
    }
    HangupSignal.onHangup(hangupAction(daemon, server));
    AdminListener started = admin;
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        shutDown(server, started, serverConfig);
        LogSetup.stopLogging();
      }, "netchat-shutdown"));
    } catch (IllegalStateException signalledDuringStartUp) {
      shutDown(server, started, serverConfig);
    }
    stopped.await();
    return EXIT_OK;
  }

  /** What SIGHUP does: reload the file, or, without one, say there is nothing to reload. */
  private Runnable hangupAction(DaemonConfig started, ChatServer server) {
    if (config == null) {
      return () -> log.info("SIGHUP: started without --config, nothing to reload");
    }
    ConfigReload reload = new ConfigReload(this::loadConfig, started, server, d -> logSetup.apply(d.logging()));
    return reload::reloadAndLog;
  }

  private DaemonConfig loadConfig() {
    DaemonConfig loaded = config == null ? DaemonConfig.defaults() : new ConfigLoader(CodecRegistry.load()).load(config);
    if (!checkOnly) {
      log.info("configuration: {}", config == null ? "embedded defaults" : config.toAbsolutePath());
    }
    ServerConfig server = ListenerOverrides.apply(loaded.server(), host, port);
    return loaded.withServer(dataDir == null ? server : server.withStore(server.store().withDataDir(dataDir)));
  }

  /** The store as an operator reads it: its type, and for sqlite the file and the durability. */
  private static String describe(StoreConfig store) {
    return store.type() == StoreConfig.Type.MEMORY ? "memory (nothing survives a restart)"
        : "sqlite " + store.dataDir().toAbsolutePath().normalize().resolve("netchat.db") + ", durability "
            + store.durability().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads the token key file ({@code auth.token}) once, so that a bad one is a bad configuration (exit 2). */
  private void checkTokenKeys(TokenConfig tokens) {
    try {
      TokenVerifier.of(tokens);
    } catch (ConfigException e) {
      throw config == null ? e : e.in(config.toString());
    }
  }

  /** The configured limits checked against this JVM's real heap and direct memory. */
  private MemoryPlan fitMemory(ServerConfig serverConfig) {
    try {
      return MemoryPlan.of(serverConfig, JvmMemory.current());
    } catch (ConfigException e) {
      throw config == null ? e : e.in(config.toString());
    }
  }

  private static int couldNotStart(String reason, Exception e, PrintWriter err) {
    log.error("netchat-server could not start: {}", reason);
    log.debug("start-up failure", e);
    err.println("netchat-server: could not start: " + reason);
    return EXIT_FAILURE;
  }

  /** Closes the server (the admin listener answers ready = 503 meanwhile), then the admin listener. */
  private void shutDown(ChatServer server, AdminListener admin, ServerConfig serverConfig) {
    log.info("shutdown requested: saying bye to every client (grace {})",
        Durations.format(serverConfig.timeouts().shutdownGrace()));
    try {
      server.close();
      if (admin != null) {
        admin.close();
      }
    } catch (Exception e) {
      log.warn("shutdown did not complete cleanly: {}", describe(e));
    } finally {
      stopped.countDown();
    }
  }

  /** {@code reason}, plus the configured listeners unless it already names one of them. */
  private static String withListeners(String reason, ServerConfig serverConfig) {
    List<String> listeners = serverConfig.listeners().stream()
        .map(l -> NetUtil.toSocketAddressString(l.host(), l.port()))
        .toList();
    return listeners.stream().anyMatch(reason::contains) ? reason
        : reason + " (listeners: " + String.join(", ", listeners) + ")";
  }

  /** The message of {@code e} and of its causes, each once: an operator's view, no stack trace. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && text.indexOf(cause.getMessage()) < 0) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /** {@code --version}: the jar's Implementation-Version and the running JVM. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ServerMain.class.getPackage().getImplementationVersion();
      return new String[] {"netchat-server " + (version == null ? "(development build)" : version),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
  }
}
