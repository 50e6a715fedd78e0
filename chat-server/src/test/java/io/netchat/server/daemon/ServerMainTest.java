package io.netchat.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.server.ServerMain;
import io.netchat.store.ChatStore;
import io.netchat.store.StoreConfig;
import io.netchat.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers that return at once: help, version, usage and configuration errors, bind failure. */
class ServerMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ServerMain.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void helpListsTheOptionsAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--config=FILE", "--port=N", "--host=ADDR", "FIRST listener", "--data-dir=DIR", "--version",
        "Exit codes");
  }

  @Test
  void versionNamesTheProgramAndJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("netchat-server ").contains("Java " + Runtime.version().feature());
  }

  @Test
  void anUnknownOptionIsAUsageErrorWithExitTwo() {
    assertThat(run("--prot", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option", "'--prot'", "Usage: netchat-server");
  }

  @Test
  void aBadConfigFileExitsTwoNamingTheKeyWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), "limits:\n  max_frame_length: 0\n");

    assertThat(run("--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("bad configuration: " + file + ": limits.max_frame_length = 0: expected a positive integer")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void checkValidatesTheConfigWithOverridesWithoutStarting() {
    Path shipped = Path.of("..", "config", "server.yaml");

    assertThat(run("--check", "--config", shipped.toString(), "--host", "::1", "--port", "0")).isZero();
    assertThat(out.toString()).contains("configuration OK; listeners: [[::1]:0 (length/json), 127.0.0.1:7778 (line/json), 127.0.0.1:6667 (irc/irc)]");
  }

  @Test
  void checkFailsLikeStartUpOnABadValue(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), "transport: kqueue\n");

    assertThat(run("--check", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("transport = \"kqueue\": expected one of auto, epoll, io_uring, nio");
  }

  @Test
  void checkConfigValidatesAFileWithoutBindingIt(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = Files.writeString(dir.resolve("server.yaml"),
          "listeners:\n  - host: 127.0.0.1\n    port: " + taken.getLocalPort() + "\n");

      // Starting would fail with 1 (the port is taken); validating binds nothing, so it passes.
      assertThat(run("--check-config", file.toString())).as(err.toString()).isZero();
      assertThat(out.toString()).contains("configuration OK; listeners: [127.0.0.1:" + taken.getLocalPort() + " (length/json)]");
    }
  }

  @Test
  void checkNamesTheAdminListener() {
    assertThat(run("--check-config", Path.of("..", "config", "server.yaml").toString())).isZero();
    assertThat(out.toString()).contains("admin: http://127.0.0.1:9090");
    out.getBuffer().setLength(0);
    assertThat(run("--check")).isZero();
    assertThat(out.toString()).contains("admin: off");
  }

  @Test
  void aTakenAdminPortExitsOneNamingItAndClosesTheChatListener(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = Files.writeString(dir.resolve("server.yaml"), "listeners:\n  - {host: 127.0.0.1, port: 0}\n"
          + "admin: {port: " + taken.getLocalPort() + "}\ntimeouts: {shutdown_grace: 1s}\nstore: {type: memory}\n");

      assertThat(run("--config", file.toString())).isEqualTo(1);
      assertThat(err.toString()).contains("could not start: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + " (admin)");
    }
  }

  @Test
  void checkConfigExitsTwoOnABadFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), "transport: kqueue\n");

    assertThat(run("--check-config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("transport = \"kqueue\": expected one of auto, epoll, io_uring, nio");
  }

  @Test
  void aMissingConfigFileExitsTwo(@TempDir Path dir) {
    assertThat(run("--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("absent.yaml: no such file");
  }

  @Test
  void aBadOverrideExitsTwoNamingTheOption() {
    assertThat(run("--host", "localhost")).isEqualTo(2);
    assertThat(err.toString()).contains("--host = \"localhost\": expected an IPv4 or IPv6 address literal");
  }

  @Test
  void aPortInUseExitsOneNamingTheAddress(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThat(run("--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", data.toString())).isEqualTo(1);
      assertThat(err.toString()).contains("could not start", "127.0.0.1:" + port).doesNotContain("\tat ");
    }
  }

  @Test
  void aConfigThatCannotFitThisJvmsMemoryExitsTwoNamingTheKeys(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), "memory:\n  history_bytes: 1125899906842624\n");

    assertThat(run("--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("bad configuration: " + file + ": memory.history_bytes: 1 PiB does not fit the heap left after"
            + " limits.max_connections = 10000", "raise -Xmx")
        .doesNotContain("\tat ");
  }

  @Test
  void aCorruptDatabaseStopsStartUpNamingTheFileAndWhatToDo(@TempDir Path data) throws Exception {
    Path db = Files.write(data.resolve("netchat.db"), "this is not a database, just text long enough".repeat(100).getBytes());

    assertThat(run("--port", "0", "--data-dir", data.toString())).isEqualTo(1);
    assertThat(err.toString())
        .contains("could not start: the database file " + db + " is corrupt or not a netchat database",
            "move the file aside, and restore the latest backup")
        .doesNotContain("\tat ");
    assertThat(Files.readString(db)).as("the file is left as it was").startsWith("this is not a database");
  }

  @Test
  void aDataDirectoryInUseByAnotherServerStopsStartUp(@TempDir Path data) throws Exception {
    try (ChatStore first = Stores.open(StoreConfig.defaults().withDataDir(data))) {
      assertThat(run("--port", "0", "--data-dir", data.toString())).isEqualTo(1);
      assertThat(err.toString()).contains("is in use by another netchat process");
    }
  }

  /**
   * {@code --exit-when-ready} makes a whole start (the listener bound, the store opened) and then
   * shuts down: the launcher records its class-data archive from such a start.
   */
  @Test
  void exitWhenReadyStartsWholeThenShutsDownAndFreesThePort(@TempDir Path data) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }

    assertThat(run("--exit-when-ready", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--data-dir", data.toString())).isZero();

    assertThat(err.toString()).isEmpty();
    assertThat(data.resolve("netchat.db")).as("the store was opened").exists();
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).as("the listener was closed").isEqualTo(port);
    }
    try (ChatStore store = Stores.open(StoreConfig.defaults().withDataDir(data))) {
      assertThat(store).as("the store was closed: another process may open it").isNotNull();
    }
  }

  @Test
  void checkNamesTheStore(@TempDir Path data) {
    assertThat(run("--check", "--data-dir", data.toString())).isZero();
    assertThat(out.toString()).contains("store: sqlite " + data.resolve("netchat.db") + ", durability commit");
  }

  @Test
  void checkPrintsTheMemoryBudgets() {
    assertThat(run("--check", "--config", Path.of("..", "config", "server.yaml").toString())).isZero();
    assertThat(out.toString()).containsPattern("memory budgets: inbound [0-9.]+ [KMGT]iB, outbound [0-9.]+ [KMGT]iB,"
        + " history [0-9.]+ [KMGT]iB \\(heap [0-9.]+ [KMGT]iB, direct [0-9.]+ [KMGT]iB");
  }
}
