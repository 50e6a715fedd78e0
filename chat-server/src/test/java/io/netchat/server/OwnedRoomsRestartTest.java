package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import io.netchat.store.StoreConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * §17.7 over loopback with the sqlite store: a room owned by an account keeps its owner, roles,
 * modes, bans and topic across a restart, and its moderation events stay in its stream; a room
 * a guest created keeps today's lifetime (its rules end with the process).
 */
class OwnedRoomsRestartTest {
  private ChatServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private InetSocketAddress start(Path dir) {
    ServerConfig config = TestServers.jsonOnLoopback().withStore(TestServers.sqlite(dir, StoreConfig.Durability.COMMIT));
    server = ChatServer.start(config);
    return server.addresses().get(0);
  }

  /** A 1.1 session with {@code events}, logged in to {@code account} (null: a guest). */
  private WireClient login(InetSocketAddress address, String nick, String account) throws Exception {
    WireClient client = WireClient.connect(address);
    client.send(new ClientMessage.Hello("h", nick, 1, null, List.of("events"), null));
    client.expect(ServerMessage.Ok.class, ok -> ok.re().equals("h"));
    if (account != null) {
      server.context().users().find(nick).account(account);
    }
    return client;
  }

  private static ServerMessage command(WireClient client, ClientMessage command) throws Exception {
    client.send(command);
    return client.expect(ServerMessage.class, m -> m instanceof ServerMessage.Ok ok && command.id().equals(ok.re())
        || m instanceof ServerMessage.Error error && command.id().equals(error.re()));
  }

  private static ErrorCode code(ServerMessage answer) {
    return answer instanceof ServerMessage.Error error ? error.errorCode() : null;
  }

  @Test
  void anOwnedRoomKeepsItsOwnerRolesModesBansAndTopicAcrossARestart(@TempDir Path dir) throws Exception {
    InetSocketAddress address = start(dir);
    try (WireClient ann = login(address, "ann", "ann");
        WireClient bob = login(address, "bob", "bob");
        WireClient guest = login(address, "gus", null)) {
      assertThat(code(command(ann, new ClientMessage.Join("1", "hall", null)))).isNull();
      assertThat(code(command(bob, new ClientMessage.Join("2", "hall", null)))).isNull();
      assertThat(code(command(ann, new ClientMessage.Role("3", "hall", "bob", "op")))).isNull();
      assertThat(code(command(ann, new ClientMessage.Mode("4", "hall", null, null, true, true, null, null)))).isNull();
      assertThat(code(command(ann, new ClientMessage.Ban("5", "hall", "spam*", null, "ads")))).isNull();
      assertThat(code(command(ann, new ClientMessage.Topic("6", "hall", "members only")))).isNull();
      assertThat(code(command(guest, new ClientMessage.Join("7", "yard", null)))).isNull();
      assertThat(code(command(guest, new ClientMessage.Mode("8", "yard", null, null, true, null, null, null))))
          .isNull();
    }
    server.close();

    address = start(dir);
    try (WireClient annie = login(address, "annie", "ann");
        WireClient carol = login(address, "carol", null);
        WireClient spammer = login(address, "spammy", null);
        WireClient bob = login(address, "robert", "bob")) {
      assertThat(code(command(carol, new ClientMessage.Join("1", "hall", null)))).isNull();
      assertThat(code(command(carol, new ClientMessage.Say("2", "hall", "hello?")))).as("still moderated")
          .isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(code(command(carol, new ClientMessage.Topic("3", "hall", "mine")))).as("still topic-locked")
          .isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(code(command(spammer, new ClientMessage.Join("4", "hall", null)))).as("still banned")
          .isEqualTo(ErrorCode.BANNED);
      assertThat(code(command(annie, new ClientMessage.Join("5", "hall", null)))).isNull();
      assertThat(code(command(annie, new ClientMessage.Mode("6", "hall", null, null, false, null, null, null))))
          .as("the account still owns it, under another nick").isNull();
      assertThat(code(command(bob, new ClientMessage.Join("7", "hall", 0L, null)))).isNull();
      assertThat(bob.seen()).as("the replay holds the moderation events in their place")
          .filteredOn(ServerMessage.RoomEvent.class::isInstance).extracting(m -> m.getClass().getSimpleName())
          .containsExactly("Role", "Mode", "Ban", "Mode");
      assertThat(code(command(bob, new ClientMessage.Kick("8", "hall", "carol", null)))).as("still an op").isNull();
      assertThat(code(command(carol, new ClientMessage.Topic("9", "hall", null)))).isNull();

      assertThat(code(command(carol, new ClientMessage.Join("10", "yard", null)))).isNull();
      assertThat(code(command(carol, new ClientMessage.Say("11", "yard", "free again")))).as("a guest's rules ended")
          .isNull();
    }
  }
}
