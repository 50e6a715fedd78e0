package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ConfigException;
import io.netchat.server.config.ServerConfig;
import io.netchat.server.config.TlsConfig;
import io.netchat.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store opens while the rest of start-up runs (StoreOpening), yet start-up still reports its
 * failures as before and never leaves it open behind a failed start.
 */
class StoreOpeningTest {
  @TempDir Path dir;

  private ServerConfig sqlite() {
    return TestServers.jsonOnLoopback().withStore(TestServers.sqlite(dir.resolve("data"), StoreConfig.Durability.COMMIT));
  }

  @Test
  void aStartThatFailsAfterTheStoreOpenedClosesIt() throws Exception {
    var badTls = TestServers.loopback("length", "json")
        .withTls(TlsConfig.of(dir.resolve("nope.crt").toString(), dir.resolve("nope.key").toString()));
    assertThatThrownBy(() -> ChatServer.start(sqlite().withListeners(java.util.List.of(badTls))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.crt");
    // The data directory is locked while a store has it open: a second start works only if the first closed it.
    try (ChatServer server = ChatServer.start(sqlite());
        WireClient ann = WireClient.login(server.addresses().get(0), "ann")) {
      ann.send(new ClientMessage.Join("j", "kept", null));
      ann.expect(ServerMessage.Joined.class);
    }
  }

  @Test
  void aStoreThatCannotOpenStopsStartUpWithItsOwnError() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    ServerConfig config = TestServers.jsonOnLoopback()
        .withStore(TestServers.sqlite(notADirectory, StoreConfig.Durability.COMMIT));
    assertThatThrownBy(() -> ChatServer.start(config)).hasMessageContaining(notADirectory.toString());
  }
}
