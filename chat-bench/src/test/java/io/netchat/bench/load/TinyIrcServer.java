package io.netchat.bench.load;

import io.netchat.bench.load.irc.IrcLine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A test IRC server of one channel on loopback, as small as the generator's handshake allows: it
 * offers {@code server-time} and then tags every relayed {@code PRIVMSG}, sends {@code 001} once
 * capabilities ended and {@code NICK}/{@code USER} arrived, answers {@code JOIN} with the join and
 * {@code 366}, pings every newly joined member once, and relays a {@code PRIVMSG} to every other
 * member. Each reply goes out in two flushed halves, so the client mostly reads a line in two.
 */
final class TinyIrcServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ChannelGroup members = new DefaultChannelGroup(group.next());
  private final Channel listener;
  private volatile int pongs;

  TinyIrcServer() throws InterruptedException {
    listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new LineBasedFrameDecoder(IrcLine.MAX_BYTES), new StringEncoder(StandardCharsets.UTF_8),
                new Session());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  /** PONGs received with the token this server pinged with. */
  int pongs() {
    return pongs;
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private final class Session extends SimpleChannelInboundHandler<ByteBuf> {
    private String nick;
    private boolean user;
    private boolean capEnded;
    private boolean welcomed;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      IrcLine line = IrcLine.parse(frame.toString(StandardCharsets.UTF_8));
      switch (line.command()) {
        case "CAP" -> {
          switch (line.param(0)) {
            case "LS" -> send(ctx, ":tiny CAP * LS :multi-prefix server-time");
            case "REQ" -> send(ctx, ":tiny CAP * ACK :" + line.last());
            case "END" -> capEnded = true;
            default -> { }
          }
        }
        case "NICK" -> nick = line.param(0);
        case "USER" -> user = true;
        case "JOIN" -> {
          members.add(ctx.channel());
          send(ctx, ":" + nick + "!~" + nick + "@127.0.0.1 JOIN :" + line.param(0) + "\r\n:tiny 366 " + nick + " "
              + line.param(0) + " :End of NAMES list");
          send(ctx, "PING :tiny-" + nick);
        }
        case "PONG" -> {
          if (line.last().equals("tiny-" + nick)) {
            pongs++;
          }
        }
        case "PRIVMSG" -> {
          String relayed = "@time=" + Instant.now() + " :" + nick + "!~" + nick + "@127.0.0.1 PRIVMSG " + line.param(0)
              + " :" + line.last() + "\r\n";
          members.writeAndFlush(relayed, member -> member != ctx.channel());
        }
        default -> { }
      }
      if (!welcomed && capEnded && nick != null && user) {
        welcomed = true;
        send(ctx, ":tiny 001 " + nick + " :Welcome\r\n:tiny 422 " + nick + " :MOTD File is missing");
      }
    }

    /** Writes {@code lines} and CR LF in two flushed halves. */
    private void send(ChannelHandlerContext ctx, String lines) {
      byte[] bytes = (lines + "\r\n").getBytes(StandardCharsets.UTF_8);
      int half = bytes.length / 2;
      ctx.writeAndFlush(ctx.alloc().buffer(half).writeBytes(bytes, 0, half));
      ctx.writeAndFlush(ctx.alloc().buffer(bytes.length - half).writeBytes(bytes, half, bytes.length - half));
    }
  }
}
