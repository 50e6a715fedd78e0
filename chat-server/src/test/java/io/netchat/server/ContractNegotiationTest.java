package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ByeCode;
import io.netchat.codec.Capability;
import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.Limits;
import io.netchat.codec.ServerMessage;
import io.netchat.server.config.ServerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract 1.1 as a client that asks for it sees it: negotiation, {@code re} on answers, errors a program can act on. */
class ContractNegotiationTest {
  private ChatServer server;

  private InetSocketAddress start(ServerConfig config) {
    server = ChatServer.start(config);
    return server.addresses().get(0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static ClientMessage.Hello hello11(String id, String nick, String resume) {
    return new ClientMessage.Hello(id, nick, 1, "test/1.0", List.of("events", "x-not-yet-invented"), resume);
  }

  /** Connects and logs in with contract 1.1, returning the welcome after its ok. */
  static ServerMessage.Welcome login11(WireClient client, String nick) throws Exception {
    client.send(hello11("h", nick, null));
    ServerMessage.Welcome welcome = client.expect(ServerMessage.Welcome.class);
    assertThat(client.next()).isEqualTo(new ServerMessage.Ok("h"));
    return welcome;
  }

  @Test
  void welcomeNamesTheVersionTheEnabledCapsAResumeSecretTheClockAndEveryLimit() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.connect(address)) {
      ServerMessage.Welcome welcome = login11(ann, "ann");
      assertThat(welcome.protocol()).isEqualTo(1);
      assertThat(welcome.caps()).as("unknown caps are ignored, never an error").containsExactly("events");
      assertThat(welcome.session()).matches("[A-Za-z0-9_-]{22}");
      assertThat(welcome.ts()).isNotNull();
      assertThat(welcome.re()).isEqualTo("h");
      assertThat(welcome.limits()).isEqualTo(new Limits(65536, 4096, 50, 500, 20, 40, "codepoint", 60_000L, 30_000L,
          100, 300L));
      Session session = server.context().users().find("ann");
      assertThat(session.caps()).containsExactly(Capability.EVENTS);
      assertThat(session.negotiated()).isTrue();
    }
  }

  @Test
  void twoSessionsGetDifferentSecretsAndIds() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address)) {
      assertThat(login11(ann, "ann").session()).isNotEqualTo(login11(bob, "bob").session());
      assertThat(server.context().users().find("ann").id()).isNotEqualTo(server.context().users().find("bob").id());
    }
  }

  @Test
  void everyAnswerToOneRecipientCarriesReAndNoBroadcastDoes() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address)) {
      login11(ann, "ann");
      login11(bob, "bob");
      ann.send(new ClientMessage.Join("j", "lobby", null));
      assertThat(ann.expect(ServerMessage.Joined.class).re()).isEqualTo("j");
      bob.send(new ClientMessage.Join(null, "lobby", null));
      assertThat(bob.expect(ServerMessage.Joined.class).re()).as("no id, no re").isNull();
      ann.send(new ClientMessage.Topic("t", "lobby", null));
      assertThat(ann.expect(ServerMessage.Topic.class)).isEqualTo(new ServerMessage.Topic("lobby", "", null, null, "t"));
      ann.send(new ClientMessage.Topic("ts", "lobby", "set"));
      assertThat(ann.expect(ServerMessage.Topic.class)).as("a broadcast is encoded once: no re")
          .isEqualTo(new ServerMessage.Topic("lobby", "set", "ann", 1L));
      ann.send(new ClientMessage.Who("w", "lobby"));
      assertThat(ann.expect(ServerMessage.Members.class).re()).isEqualTo("w");
      ann.send(new ClientMessage.Rooms("r"));
      assertThat(ann.expect(ServerMessage.Rooms.class).re()).isEqualTo("r");
      ann.send(new ClientMessage.History("hi", "lobby", null, null));
      assertThat(ann.expect(ServerMessage.History.class).re()).isEqualTo("hi");
      ann.send(new ClientMessage.Leave("l", "lobby"));
      assertThat(ann.expect(ServerMessage.Left.class)).isEqualTo(new ServerMessage.Left("lobby", "l"));
    }
  }

  @Test
  void anErrorNamesTheFailingCommandEvenWithoutAnId() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.connect(address)) {
      login11(ann, "ann");
      ann.send(new ClientMessage.Say(null, "nowhere", "x"));
      assertThat(ann.expect(ServerMessage.Error.class)).isEqualTo(new ServerMessage.Error(null, "not_joined",
          "not in room 'nowhere'", "say", null, null, null));
      ann.send(new ClientMessage.Who("w", "nowhere"));
      ServerMessage.Error noRoom = ann.expect(ServerMessage.Error.class);
      assertThat(noRoom.command()).isEqualTo("who");
      assertThat(noRoom.temporary()).isNull();
      ann.sendJson("{\"type\":\"join\",\"room\":\"bad name!\"}");
      ServerMessage.Error badName = ann.expect(ServerMessage.Error.class);
      assertThat(badName.errorCode()).isEqualTo(ErrorCode.INVALID_NAME);
      assertThat(badName.command()).as("read from the frame's type").isEqualTo("join");
    }
  }

  @Test
  void limitReachedNamesTheLimitByItsConfigurationKey() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(1, 1, null, null, null, null, null, null)));
    try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address)) {
      login11(ann, "ann");
      login11(bob, "bob");
      ann.send(new ClientMessage.Join(null, "a", null));
      ann.expect(ServerMessage.Joined.class);
      ann.send(new ClientMessage.Join("j2", "b", null));
      ServerMessage.Error perSession = ann.expect(ServerMessage.Error.class);
      assertThat(perSession.code()).isEqualTo("limit_reached");
      assertThat(perSession.limit()).isEqualTo("max_rooms_per_session");
      assertThat(perSession.command()).isEqualTo("join");
      bob.send(new ClientMessage.Join("full", "a", null));
      ServerMessage.Error full = bob.expect(ServerMessage.Error.class);
      assertThat(full.limit()).isEqualTo("max_members_per_room");
      assertThat(full.re()).isEqualTo("full");
    }
  }

  @Test
  void rateLimitedIsTemporaryAndSaysWhenTheNextCommandIsAllowed() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withLimits(TestServers.limits(null, null, null, null, 1, 1, null, null)));
    try (WireClient ann = WireClient.connect(address)) {
      ann.send(hello11("h", "ann", null));
      ann.send(new ClientMessage.Ping("p"));
      ServerMessage.Error limited = ann.expect(ServerMessage.Error.class);
      assertThat(limited.code()).isEqualTo("rate_limited");
      assertThat(limited.re()).isEqualTo("p");
      assertThat(limited.command()).isEqualTo("ping");
      assertThat(limited.temporary()).isTrue();
      assertThat(limited.retryAfterMs()).isBetween(1L, 1000L);
    }
  }

  @Test
  void shutdownSaysByeWithACodeAndAJitteredWaitBeforeReconnecting() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback()
        .withTimeouts(TestServers.timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30))
            .withReconnectSpread(Duration.ofSeconds(20))));
    try (WireClient ann = WireClient.connect(address); WireClient bob = WireClient.connect(address)) {
      login11(ann, "ann");
      login11(bob, "bob");
      server.close();
      ServerMessage.Bye atAnn = ann.expect(ServerMessage.Bye.class);
      ServerMessage.Bye atBob = bob.expect(ServerMessage.Bye.class);
      for (ServerMessage.Bye bye : List.of(atAnn, atBob)) {
        assertThat(bye.reason()).as("the v1 text").isEqualTo("shutting_down");
        assertThat(bye.byeCode()).isEqualTo(ByeCode.SHUTTING_DOWN);
        assertThat(bye.reconnect()).isTrue();
        assertThat(bye.retryAfterMs()).isBetween(0L, 20_000L);
      }
    }
  }

  @Test
  void quitSaysByeQuitWithTheClientsReasonAndNoReconnect() throws Exception {
    InetSocketAddress address = start(TestServers.jsonOnLoopback());
    try (WireClient ann = WireClient.connect(address)) {
      login11(ann, "ann");
      ann.send(new ClientMessage.Quit(null, "gone fishing"));
      assertThat(ann.expect(ServerMessage.Bye.class)).isEqualTo(new ServerMessage.Bye("gone fishing", "quit", false, null));
    }
  }
}
