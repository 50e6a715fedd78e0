package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {

  @Test
  void autoResolvesToTheBestTransportHere() {
    assertThat(Transport.AUTO.resolve()).isEqualTo(Transport.best()).isIn(Transport.EPOLL, Transport.NIO);
    assertThat(Transport.AUTO.serverChannel())
        .isEqualTo(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
  }

  @Test
  void nioIsNioEverywhere() throws Exception {
    assertThat(Transport.NIO.resolve()).isEqualTo(Transport.NIO);
    assertThat(Transport.NIO.socketChannel()).isEqualTo(NioSocketChannel.class);
    assertThat(Transport.NIO.serverChannel()).isEqualTo(NioServerSocketChannel.class);
    EventLoopGroup group = Transport.NIO.newGroup(1, new DefaultThreadFactory("transport-test", true));
    try {
      assertThat(group.next().submit(() -> "ran").get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    }
  }

  @Test
  void epollWhereUnavailableFailsWithTheReason() {
    if (Epoll.isAvailable()) {
      assertThat(Transport.EPOLL.resolve()).isEqualTo(Transport.EPOLL);
    } else {
      assertThatThrownBy(Transport.EPOLL::resolve).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("transport 'epoll' is not available here: ");
    }
  }

  @Test
  void configurationNamesAreLowerCase() {
    assertThat(Transport.AUTO.wireName()).isEqualTo("auto");
    assertThat(Transport.EPOLL.wireName()).isEqualTo("epoll");
  }
}
