package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.codec.ErrorCode;
import io.netchat.codec.ServerMessage;
import io.netchat.server.auth.TestTokens;
import io.netchat.server.auth.TokenConfig;
import io.netchat.server.auth.TokenVerifier;
import io.netchat.server.config.AuthConfig;
import io.netchat.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dm to an account while the store is slow or failing (docs/PROTOCOL.md §18): a recipient who
 * logs in while the store looks, or while the dm is being kept, still gets it; a stream that
 * cannot take it does not stop it; a {@code txn} refused by the store or for no such user is free
 * for a retry, and a retry that raced the first send gets the first one's answer.
 */
class DmDeliveryTest {
  @TempDir
  Path dir;

  private final HeldStores stores = new HeldStores();
  private EmbeddedServer server;
  private EmbeddedServer.Connection ann;

  @BeforeEach
  void start() {
    TokenConfig tokens = TokenConfig.secret(TestTokens.secretFile(dir));
    server = new EmbeddedServer(ServerConfig.defaults().withAuth(AuthConfig.defaults().withToken(tokens)),
        Clock.fixed(EmbeddedServer.NOW, ZoneOffset.UTC), TokenVerifier.of(tokens), stores);
    stores.account("bob");
    ann = server.connect();
    ann.send(ContractNegotiationTest.hello11("h", "ann", null));
    ann.received();
  }

  @AfterEach
  void finish() {
    server.finish();
  }

  private EmbeddedServer.Connection bob() {
    EmbeddedServer.Connection bob = server.connect();
    bob.send(OwnerHelloTest.tokenHello("bob", null));
    assertThat(bob.received()).last().isEqualTo(new ServerMessage.Ok("h"));
    return bob;
  }

  private static List<ServerMessage.Dm> dms(EmbeddedServer.Connection c) {
    return c.received().stream().filter(ServerMessage.Dm.class::isInstance).map(ServerMessage.Dm.class::cast).toList();
  }

  private static ServerMessage.Ok ok(EmbeddedServer.Connection c) {
    return (ServerMessage.Ok) c.last();
  }

  @Test
  void aRecipientWhoLogsInWhileTheStoreLooksGetsTheDmAtOnce() {
    stores.accountReads.hold();
    ann.send(new ClientMessage.Dm("d", "bob", "are you there?", null));
    EmbeddedServer.Connection bob = bob();

    stores.accountReads.letNext();

    assertThat(dms(bob)).extracting(ServerMessage.Dm::text).containsExactly("are you there?");
    assertThat(ok(ann).delivery()).isEqualTo(ServerMessage.Ok.DELIVERED);
  }

  @Test
  void aRecipientWhoLogsInWhileTheDmIsBeingKeptGetsItOnceKept() {
    stores.keeps.hold();
    ann.send(new ClientMessage.Dm("d", "bob", "are you there?", null));
    EmbeddedServer.Connection bob = bob();
    assertThat(dms(bob)).as("nothing kept yet when it logged in").isEmpty();

    stores.keeps.letNext();

    assertThat(dms(bob)).extracting(ServerMessage.Dm::text, ServerMessage.Dm::stored)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("are you there?", true));
    assertThat(ok(ann).delivery()).isEqualTo(ServerMessage.Ok.STORED);
  }

  @Test
  void aDmItsRecipientsStreamCannotTakeIsDeliveredAllTheSame() {
    EmbeddedServer.Connection bob = bob();
    stores.appends.hold();
    ann.send(new ClientMessage.Dm("d", "bob", "psst", null));

    stores.appends.failNext();

    assertThat(dms(bob)).singleElement().satisfies(dm -> {
      assertThat(dm.text()).isEqualTo("psst");
      assertThat(dm.seq()).as("in no stream").isNull();
    });
    assertThat(ok(ann).delivery()).isEqualTo(ServerMessage.Ok.DELIVERED);
  }

  @Test
  void aTxnTheStoreRefusedIsFreeForTheRetry() {
    stores.accountReads.hold();
    ann.send(new ClientMessage.Dm("d1", "bob", "kept?", "t-1"));
    stores.accountReads.failNext();
    assertThat(((ServerMessage.Error) ann.last()).errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    stores.accountReads.release();

    ann.send(new ClientMessage.Dm("d2", "bob", "kept?", "t-1"));

    ServerMessage.Ok ok = ok(ann);
    assertThat(ok.re()).isEqualTo("d2");
    assertThat(ok.delivery()).isEqualTo(ServerMessage.Ok.STORED);
    assertThat(ok.duplicate()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void aTxnRefusedForNoSuchUserIsRefusedAgainOnItsRetry() {
    ann.send(new ClientMessage.Dm("d1", "nobody", "hi", "t-1"));
    assertThat(ann.received()).containsExactly(new ServerMessage.Error("d1", ErrorCode.NO_SUCH_USER, "no user 'nobody'")
        .forCommand("dm"));

    ann.send(new ClientMessage.Dm("d2", "nobody", "hi", "t-1"));

    assertThat(ann.received()).containsExactly(new ServerMessage.Error("d2", ErrorCode.NO_SUCH_USER, "no user 'nobody'")
        .forCommand("dm"));
  }

  @Test
  void aKeptDmRepeatedWithItsTxnIsADuplicate() {
    ann.send(new ClientMessage.Dm("d1", "bob", "once", "t-1"));
    String msgid = ok(ann).msgid();

    ann.send(new ClientMessage.Dm("d2", "bob", "once", "t-1"));

    assertThat(ann.received()).containsExactly(new ServerMessage.Ok("d2", null, msgid, true));
    EmbeddedServer.Connection bob = server.connect();
    bob.send(OwnerHelloTest.tokenHello("bob", null));
    assertThat(dms(bob)).as("kept once").extracting(ServerMessage.Dm::msgid).containsExactly(msgid);
  }

  @Test
  void aRetryFromTheResumedConnectionWhileTheFirstSendWaitsGetsItsRefusal() {
    EmbeddedServer.Connection first = server.connect();
    first.send(ContractNegotiationTest.hello11("h", "carol", null));
    String secret = ((ServerMessage.Welcome) first.received().get(0)).session();
    stores.accountReads.hold();
    first.send(new ClientMessage.Dm("d1", "bob", "kept?", "t-1"));
    EmbeddedServer.Connection resumed = server.connect();
    resumed.send(ContractNegotiationTest.hello11("h", "carol", secret));
    resumed.received();

    resumed.send(new ClientMessage.Dm("d2", "bob", "kept?", "t-1"));
    assertThat(resumed.received()).as("waits for the first send").isEmpty();
    stores.accountReads.failNext();

    ServerMessage.Error refused = (ServerMessage.Error) resumed.last();
    assertThat(refused.re()).isEqualTo("d2");
    assertThat(refused.errorCode()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(refused.command()).isEqualTo("dm");
  }
}
