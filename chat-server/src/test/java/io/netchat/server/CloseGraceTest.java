package io.netchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.codec.ClientMessage;
import io.netchat.server.config.ServerConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection sent away whose peer does not take the {@code bye} (the write never completes) is
 * closed {@code timeouts.shutdown_grace} (2 s here) later, not sooner: after a {@code quit} and
 * at the hello deadline alike.
 */
class CloseGraceTest {
  private final EmbeddedServer server = new EmbeddedServer(ServerConfig.defaults()
      .withTimeouts(TestServers.timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10))));
  /** What the server wrote to a peer that reads nothing: released by the test. */
  private final List<Object> unread = new ArrayList<>();

  @AfterEach
  void finish() {
    unread.forEach(ReferenceCountUtil::release);
    server.finish();
  }

  /** From now on nothing the server writes to {@code c} is ever taken by the peer. */
  private void stopsReading(EmbeddedServer.Connection c) {
    c.server.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        unread.add(msg);
      }
    });
  }

  private static void assertClosedAfterTheGrace(EmbeddedServer.Connection c) {
    c.server.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
    c.server.runPendingTasks();
    assertThat(c.server.isActive()).as("within the grace").isTrue();
    c.server.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    c.server.runPendingTasks();
    assertThat(c.server.isActive()).isFalse();
  }

  @Test
  void aQuitIsClosedAfterTheGraceWhenTheByeCannotBeSent() {
    EmbeddedServer.Connection c = server.login("ann");
    stopsReading(c);

    c.send(new ClientMessage.Quit(null, null));

    assertThat(unread).as("the bye, written").hasSize(1);
    assertClosedAfterTheGrace(c);
  }

  @Test
  void theHelloDeadlineClosesAfterTheGraceWhenTheByeCannotBeSent() {
    EmbeddedServer.Connection c = server.connect();
    stopsReading(c);

    c.server.advanceTimeBy(5, TimeUnit.SECONDS);
    c.server.runPendingTasks();

    assertThat(unread).as("the bye, written").hasSize(1);
    assertClosedAfterTheGrace(c);
  }
}
