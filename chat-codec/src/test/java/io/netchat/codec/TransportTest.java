package io.netchat.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
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
  void ioUringWhereAvailableRunsTasksElseFailsWithTheReason() throws Exception {
    String reason = Transport.IO_URING.unavailabilityReason();
    if (reason != null) {
      assertThatThrownBy(Transport.IO_URING::resolve).isInstanceOf(IllegalStateException.class)
          .hasMessage("transport 'io_uring' is not available here: " + reason);
      return;
    }
    assertThat(Transport.IO_URING.socketChannel()).isEqualTo(IoUringSocketChannel.class);
    assertThat(Transport.IO_URING.serverChannel()).isEqualTo(IoUringServerSocketChannel.class);
    EventLoopGroup group = Transport.IO_URING.newGroup(1, new DefaultThreadFactory("transport-test", true));
    try {
      assertThat(group.next().submit(() -> "ran").get(10, TimeUnit.SECONDS)).isEqualTo("ran");
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
    }
  }

  @Test
  void autoNeverPicksIoUring() {
    assertThat(Transport.best()).isNotEqualTo(Transport.IO_URING);
  }

  @Test
  void ioUringTuningRefusesWhatTheKernelWould() {
    assertThatThrownBy(() -> new IoUringTuning(100, 0, true)).hasMessageContaining(IoUringTuning.RING_SIZE);
    assertThatThrownBy(() -> new IoUringTuning(128, -1, true)).hasMessageContaining(IoUringTuning.MAX_WORKERS);
    assertThat(IoUringTuning.fromSystemProperties()).isEqualTo(new IoUringTuning(IoUringTuning.DEFAULT_RING_SIZE,
        IoUringTuning.DEFAULT_MAX_WORKERS, IoUringTuning.DEFAULT_SINGLE_ISSUER));
  }

  @Test
  void configurationNamesAreLowerCase() {
    assertThat(Transport.IO_URING.wireName()).isEqualTo("io_uring");
    assertThat(Transport.ofWireName("io_uring")).isEqualTo(Transport.IO_URING);
    assertThatThrownBy(() -> Transport.ofWireName("kqueue")).hasMessageContaining("auto, epoll, io_uring, nio");
    assertThat(Transport.AUTO.wireName()).isEqualTo("auto");
    assertThat(Transport.EPOLL.wireName()).isEqualTo("epoll");
  }
}
