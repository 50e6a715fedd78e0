package io.netchat.client.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.netchat.client.ChatClient;
import io.netchat.client.ClientConfig;
import io.netchat.client.ChatListener;
import io.netchat.testkit.BlockingProbe;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves that BlockHound guards every test of this module, so that when the loopback tests pass
 * nothing in them blocked an event loop — host name lookups included.
 */
class BlockHoundActiveTest {
  @Test
  void blockingOnAnEventLoopIsDetected() throws Exception {
    Throwable failure = BlockingProbe.blockAnEventLoop();
    assertThat(failure).isNotNull();
    assertThat(failure.getClass().getName()).isEqualTo(BlockingProbe.BLOCKHOUND_ERROR);
  }

  @Test
  void closingTheClientFromItsEventLoopIsRefused() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      ChatListener ignore = event -> { };
      ChatClient client = ChatClient.create(ClientConfig.defaults(), ignore, group);
      Future<?> closing = group.submit(client::close);
      Throwable failure = null;
      try {
        closing.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
      client.close();
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
