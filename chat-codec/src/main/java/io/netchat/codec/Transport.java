package io.netchat.codec;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty socket transport, for the server and the bench alike: native epoll where the
 * platform has it, NIO everywhere. {@link #AUTO} picks; the channel methods answer for the
 * transport it {@linkplain #resolve() resolves to}.
 */
public enum Transport {
  /** epoll when available, else NIO. */
  AUTO,
  /** Linux epoll; {@link #resolve()} fails where it is unavailable. */
  EPOLL,
  /** Java NIO, available everywhere. */
  NIO;

  /** Epoll when its native library loads here, otherwise NIO. */
  public static Transport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /**
   * The concrete transport: {@link #AUTO} becomes {@link #best()}.
   *
   * @throws IllegalStateException for {@link #EPOLL} where epoll is unavailable, with the reason
   */
  public Transport resolve() {
    if (this == EPOLL && !Epoll.isAvailable()) {
      throw new IllegalStateException("transport 'epoll' is not available here: " + Epoll.unavailabilityCause());
    }
    return this == AUTO ? best() : this;
  }

  /** The name configuration and logs use, e.g. {@code "epoll"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The I/O handler factory event loops of this transport need. */
  public IoHandlerFactory ioHandlerFactory() {
    return resolve() == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** A group of {@code threads} event loops of this transport, made by {@code threadFactory}. */
  public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  /** The client socket class. */
  public Class<? extends SocketChannel> socketChannel() {
    return resolve() == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** The server socket class. */
  public Class<? extends ServerChannel> serverChannel() {
    return resolve() == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
