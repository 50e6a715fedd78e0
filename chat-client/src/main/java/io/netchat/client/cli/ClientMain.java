package io.netchat.client.cli;

import io.netchat.client.ChatClient;
import io.netchat.client.ChatListener;
import io.netchat.client.ClientConfig;
import io.netchat.client.ClientTls;
import io.netchat.client.ConnectionEvent;
import io.netchat.client.ReconnectPolicy;
import io.netchat.client.TokenSource;
import io.netchat.codec.ChatCodecException;
import io.netchat.codec.Durations;
import io.netchat.codec.ServerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netchat-client}: the command line entry point (see {@code docs/CLIENT.md}). */
@Command(
    name = "netchat-client",
    mixinStandardHelpOptions = true,
    version = "netchat-client 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Chat with a netchat server.",
        "Interactive on a terminal; scripted with --script FILE or when stdin is not a terminal."},
    footer = {
        "",
        "Exit codes:",
        "  0  every command and expectation held",
        "  1  a script command or expectation failed (the message names the line)",
        "  2  bad options, or a script that does not parse",
        "  3  could not connect, or the connection was lost"})
public final class ClientMain implements Callable<Integer> {

  /** How events are printed. */
  enum Output { text, json }

  @Option(names = {"-H", "--host"}, paramLabel = "HOST", defaultValue = ClientConfig.DEFAULT_HOST,
      description = "server host name, IPv4 or IPv6 address (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + ClientConfig.DEFAULT_PORT,
      description = "server port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = {"-n", "--nick"}, paramLabel = "NICK", defaultValue = ClientConfig.DEFAULT_NICK,
      description = "nick to log in with (default: ${DEFAULT-VALUE})")
  String nick;

  @Option(names = "--framing", paramLabel = "NAME", defaultValue = "length",
      description = "framing of the server's listener: length or line (default: ${DEFAULT-VALUE})")
  String framing;

  @Option(names = "--codec", paramLabel = "NAME", defaultValue = "json",
      description = "codec of the server's listener: json or cbor (default: ${DEFAULT-VALUE})")
  String codec;

  @Option(names = {"-s", "--script"}, paramLabel = "FILE",
      description = "run this script ('-' for stdin) instead of the interactive prompt")
  String script;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "how events are printed: text or json, one JSON object per line (default: ${DEFAULT-VALUE})")
  Output output;

  @Option(names = {"-i", "--interactive"},
      description = "use the interactive prompt even when stdin is not a terminal")
  boolean interactive;

  @Option(names = "--reconnect", negatable = true,
      description = "reconnect with backoff when the connection drops (default: on when interactive, off for scripts)")
  Boolean reconnect;

  @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "5s",
      description = "how long a script 'expect' waits unless it names its own timeout (default: ${DEFAULT-VALUE})")
  Duration expectTimeout;

  @Option(names = "--tls", description = "connect over TLS (also implied by --ca, --cert, --insecure)")
  boolean tls;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "trust the CA certificates of this PEM file instead of the JDK's trust store")
  Path ca;

  @Option(names = "--cert", paramLabel = "FILE",
      description = "present this PEM certificate (chain) to a server that asks for one; needs --key")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "the PKCS#8 PEM private key of --cert")
  Path key;

  @Option(names = "--insecure",
      description = "DANGEROUS: accept any server certificate for any host (throw-away test certificates only)")
  boolean insecure;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "log in with the token (a JWT your application signed) in FILE, read again at each reconnect"
          + " and before the token expires; the nick is the token's. Default: the NETCHAT_TOKEN environment variable")
  Path tokenFile;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "log in to the nick's account with the password on this file's first line"
          + " (or set NETCHAT_PASSWORD; a password is never given on the command line)")
  Path passwordFile;

  @Option(names = "--ask-password",
      description = "log in to the nick's account, asking for its password without echo")
  boolean askPassword;

  @Option(names = "--register",
      description = "log in as a guest and make the nick an account with the password given"
          + " (--password-file, NETCHAT_PASSWORD or --ask-password)")
  boolean register;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "TCP connect timeout (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "how long a command waits for its answer (default: ${DEFAULT-VALUE})")
  Duration requestTimeout;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final TerminalFactory terminals;
  private final boolean stdinIsTerminal;
  /** The environment ({@code NETCHAT_PASSWORD}, {@code NETCHAT_TOKEN}); tests give their own. */
  private UnaryOperator<String> env = System::getenv;
  /** Asks for a password without echo ({@code --ask-password}); null when there is no console. */
  private Function<String, char[]> console = prompt -> System.console() == null ? null
      : System.console().readPassword("%s", prompt);

  /** Builds the terminal for interactive mode. */
  interface TerminalFactory {
    Terminal create() throws IOException;
  }

  ClientMain(InputStream in, PrintStream out, PrintStream err, TerminalFactory terminals, boolean stdinIsTerminal) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.terminals = terminals;
    this.stdinIsTerminal = stdinIsTerminal;
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "netchat-client-logback.xml");
    }
    ClientMain main = new ClientMain(System.in, System.out, System.err,
        () -> TerminalBuilder.builder().name("netchat").system(true).build(), System.console() != null);
    System.exit(main.execute(args));
  }

  /** Runs with {@code environment} as the process environment and {@code prompt} as the console (tests). */
  ClientMain withEnvironment(UnaryOperator<String> environment,
      Function<String, char[]> prompt) {
    this.env = environment;
    this.console = prompt;
    return this;
  }

  /**
   * The password to log in with: the first line of {@code --password-file}, else
   * {@code NETCHAT_PASSWORD}, else typed at the console with {@code --ask-password}; null for a
   * guest. Fails with a message when the chosen source gives nothing.
   */
  private char[] password() throws IOException {
    if (passwordFile != null) {
      List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new IllegalArgumentException("the password file " + passwordFile + " has no password on its first line");
      }
      return lines.get(0).toCharArray();
    }
    String fromEnv = env.apply("NETCHAT_PASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    if (askPassword) {
      char[] typed = console.apply("password for " + nick + ": ");
      if (typed == null || typed.length == 0) {
        throw new IllegalArgumentException("--ask-password needs a terminal to ask on, and a password typed");
      }
      return typed;
    }
    return null;
  }

  /** Parses {@code args} and runs; returns the exit code. */
  int execute(String... args) {
    CommandLine commandLine = new CommandLine(this);
    commandLine.registerConverter(Duration.class, Durations::require);
    commandLine.setOut(new java.io.PrintWriter(out, true));
    commandLine.setErr(new java.io.PrintWriter(err, true));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    boolean interactiveMode = interactive || script == null && stdinIsTerminal;
    ClientConfig config;
    try {
      config = ClientConfig.defaults()
          .withAddress(host, port)
          .withNick(nick)
          .withWireFormat(framing, codec)
          .withTimeouts(connectTimeout, requestTimeout, ClientConfig.DEFAULT_IDLE_TIMEOUT)
          .withReconnect(reconnect != null ? (reconnect ? ReconnectPolicy.FOREVER : ReconnectPolicy.DISABLED)
              : interactiveMode ? ReconnectPolicy.FOREVER : ReconnectPolicy.DISABLED)
          .withTls(clientTls())
          .withToken(tokenSource());
    } catch (IllegalArgumentException | ChatCodecException e) {
      err.println("netchat-client: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    char[] password;
    try {
      password = password();
    } catch (IOException | IllegalArgumentException e) {
      err.println("netchat-client: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (password != null && config.token() != null) {
      Passwords.wipe(password);
      err.println("netchat-client: log in with a password or a token, not both"
          + " (--token-file / NETCHAT_TOKEN, or --password-file / NETCHAT_PASSWORD / --ask-password)");
      return ExitCodes.USAGE;
    }
    if (register && password == null) {
      err.println("netchat-client: --register needs a password: --password-file FILE, NETCHAT_PASSWORD or --ask-password");
      return ExitCodes.USAGE;
    }
    CliLogin login = new CliLogin(password, register);
    TextFormatter text = new TextFormatter(ZoneId.systemDefault());
    EventJson json = new EventJson();
    Function<ServerMessage, String> render = output == Output.json ? json::toJson : text::format;
    try {
      if (interactiveMode) {
        try (Terminal terminal = terminals.create()) {
          return new InteractiveShell(terminal, config, render, text).run(login);
        }
      }
      return runScript(config, render, text, json, login);
    } finally {
      Passwords.wipe(password);
    }
  }

  /**
   * Where the token comes from: {@code --token-file} (re-read for each login and renewal, so a job
   * that rewrites it keeps the session alive), else {@code NETCHAT_TOKEN} (fixed for the run), else
   * none. Never a command-line argument: other users of the machine can read those.
   */
  private TokenSource tokenSource() {
    if (tokenFile != null) {
      return TokenSource.file(tokenFile);
    }
    String token = env.apply("NETCHAT_TOKEN");
    return token == null || token.isBlank() ? null : TokenSource.of(token.strip());
  }

  /** The TLS options as a {@link ClientTls} (files read and checked), or {@code null} for plaintext. */
  private ClientTls clientTls() {
    if (!tls && ca == null && cert == null && key == null && !insecure) {
      return null;
    }
    if (insecure) {
      err.println("WARNING: --insecure: the server's certificate is NOT checked. Anyone between you and "
          + host + " can read and change this connection. Use --ca FILE instead for a private CA.");
    }
    return new ClientTls(ca, cert, key, insecure).verified();
  }

  private int runScript(ClientConfig config, Function<ServerMessage, String> render, TextFormatter text,
      EventJson json, CliLogin login) throws IOException, InterruptedException {
    String name = script == null || script.equals("-") ? "<stdin>" : script;
    List<String> lines;
    try {
      lines = name.equals("<stdin>")
          ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()
          : Files.readAllLines(Path.of(script), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("netchat-client: cannot read script " + name + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<ScriptStep> steps;
    try {
      steps = new ScriptParser(json).parse(name, lines);
    } catch (ScriptParser.ScriptException e) {
      err.println(e.getMessage());
      return ExitCodes.USAGE;
    }
    EventLog events = new EventLog();
    try (ChatClient client = ChatClient.create(config, new ChatListener() {
      @Override
      public void onEvent(ServerMessage event) {
        events.add(json.toTree(event));
        String line = render.apply(event);
        if (line != null) {
          out.println(line);
        }
      }

      @Override
      public void onConnection(ConnectionEvent event) {
        err.println(text.format(event));
        if (event.kind() == ConnectionEvent.Kind.CLOSED) {
          events.close();
        }
      }
    })) {
      try {
        login.run(client, config);
      } catch (ExecutionException | TimeoutException e) {
        err.println("netchat-client: cannot log in to " + config.host() + ":" + config.port() + ": "
            + InteractiveShell.describe(e));
        return ExitCodes.CONNECTION;
      }
      ScriptRunner runner = new ScriptRunner(new CliSession(client, text, Passwords.script()), events, err,
          name, expectTimeout);
      int code = runner.run(steps);
      if (code == ExitCodes.OK && events.isClosed() && !runner.quitRequested()) {
        err.println(name + ": the connection was lost before the script ended");
        return ExitCodes.CONNECTION;
      }
      return code;
    } finally {
      out.flush();
    }
  }
}
