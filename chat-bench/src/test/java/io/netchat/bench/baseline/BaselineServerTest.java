package io.netchat.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netchat.codec.Framing;
import io.netchat.codec.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The baseline over real loopback sockets, with plain length-framed clients. */
class BaselineServerTest {
  private BaselineServer server;
  private EventLoopGroup clients;
  private final List<Channel> channels = new ArrayList<>();

  @BeforeEach
  void start() throws InterruptedException {
    server = BaselineServer.start("127.0.0.1", 0, Transport.NIO, 100, 1024 * 1024);
    clients = Transport.NIO.newGroup(1, new DefaultThreadFactory("test-client", true));
  }

  @AfterEach
  void stop() {
    channels.forEach(Channel::close);
    clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    server.close();
  }

  @Test
  void echoesTheFirstFrameThenFansEveryFrameOutToItsGroupOnly() throws InterruptedException {
    Queue<String> a1 = new ConcurrentLinkedQueue<>();
    Queue<String> a2 = new ConcurrentLinkedQueue<>();
    Queue<String> b1 = new ConcurrentLinkedQueue<>();
    Channel ca1 = connect(a1);
    Channel ca2 = connect(a2);
    Channel cb1 = connect(b1);
    send(ca1, "group-a");
    send(ca2, "group-a");
    send(cb1, "group-b");
    await().atMost(Duration.ofSeconds(10)).until(() -> a1.size() == 1 && a2.size() == 1 && b1.size() == 1);
    assertThat(a1).containsExactly("group-a");
    assertThat(b1).containsExactly("group-b");

    send(ca1, "hello a");
    send(ca2, "second a");
    await().atMost(Duration.ofSeconds(10)).until(() -> a1.size() == 3 && a2.size() == 3);
    assertThat(a1).containsExactly("group-a", "hello a", "second a");
    assertThat(a2).containsExactly("group-a", "hello a", "second a");

    send(cb1, "only b");
    await().atMost(Duration.ofSeconds(10)).until(() -> b1.size() == 2);
    assertThat(b1).containsExactly("group-b", "only b");
    assertThat(a1).hasSize(3);
  }

  @Test
  void aDepartedMemberLeavesItsGroup() throws InterruptedException {
    Queue<String> stays = new ConcurrentLinkedQueue<>();
    Channel staying = connect(stays);
    Channel leaving = connect(new ConcurrentLinkedQueue<>());
    send(staying, "g");
    send(leaving, "g");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 2 && stays.size() == 1);
    leaving.close().sync();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.connections() == 1);

    send(staying, "still here");
    await().atMost(Duration.ofSeconds(10)).until(() -> stays.size() == 2);
    assertThat(stays).containsExactly("g", "still here");
  }

  @Test
  void bindsLoopbackOnly() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> BaselineServer.start("0.0.0.0", 0, Transport.NIO, 10, 1024))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Channel connect(Queue<String> received) throws InterruptedException {
    Channel channel = new Bootstrap().group(clients).channel(Transport.NIO.socketChannel())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(Framing.LENGTH.newDecoder(1024));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
                received.add(frame.toString(StandardCharsets.UTF_8));
              }
            });
          }
        }).connect(server.address()).sync().channel();
    channels.add(channel);
    return channel;
  }

  private static void send(Channel channel, String text) throws InterruptedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf frame = Unpooled.buffer(4 + bytes.length).writeInt(bytes.length).writeBytes(bytes);
    channel.writeAndFlush(frame).sync();
  }
}
