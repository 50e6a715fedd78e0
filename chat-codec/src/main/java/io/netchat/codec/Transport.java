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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty socket transport, for the server and the bench alike: native epoll where the
 * platform has it, NIO everywhere, io_uring on request. {@link #AUTO} picks; the channel methods
 * answer for the transport it {@linkplain #resolve() resolves to}.
 */
public enum Transport {
  /** epoll when available, else NIO (io_uring only when named: it did not win on the figures). */
  AUTO,
  /** Linux epoll; {@link #resolve()} fails where it is unavailable. */
  EPOLL,
  /** Linux io_uring; {@link #resolve()} fails where the kernel or the native library refuses it. */
  IO_URING,
  /** Java NIO, available everywhere. */
  NIO;

  /** Epoll when its native library loads here, otherwise NIO. */
  public static Transport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** Why this transport cannot run here, or {@code null} when it can. */
  public String unavailabilityReason() {
    return switch (this) {
      case EPOLL -> Epoll.isAvailable() ? null : String.valueOf(Epoll.unavailabilityCause());
      case IO_URING -> IoUring.isAvailable() ? null : String.valueOf(IoUring.unavailabilityCause());
      case AUTO, NIO -> null;
    };
  }

  /**
   * The concrete transport: {@link #AUTO} becomes {@link #best()}.
   *
   * @throws IllegalStateException for {@link #EPOLL} or {@link #IO_URING} where it is unavailable,
   *     with the reason
   */
  public Transport resolve() {
    String reason = unavailabilityReason();
    if (reason != null) {
      throw new IllegalStateException("transport '" + wireName() + "' is not available here: " + reason);
    }
    return this == AUTO ? best() : this;
  }

  /** The name configuration and logs use, e.g. {@code "epoll"}, {@code "io_uring"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The transport named {@code name} as {@link #wireName()} spells it. */
  public static Transport ofWireName(String name) {
    for (Transport transport : values()) {
      if (transport.wireName().equals(name)) {
        return transport;
      }
    }
    throw new IllegalArgumentException("transport must be one of auto, epoll, io_uring, nio: " + name);
  }

  /** The I/O handler factory event loops of this transport need. */
  public IoHandlerFactory ioHandlerFactory() {
    return switch (resolve()) {
      case EPOLL -> EpollIoHandler.newFactory();
      case IO_URING -> IoUringTuning.fromSystemProperties().handlerFactory();
      default -> NioIoHandler.newFactory();
    };
  }

  /** A group of {@code threads} event loops of this transport, made by {@code threadFactory}. */
  public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
  }

  /** The client socket class. */
  public Class<? extends SocketChannel> socketChannel() {
    return switch (resolve()) {
      case EPOLL -> EpollSocketChannel.class;
      case IO_URING -> IoUringSocketChannel.class;
      default -> NioSocketChannel.class;
    };
  }

  /** The server socket class. */
  public Class<? extends ServerChannel> serverChannel() {
    return switch (resolve()) {
      case EPOLL -> EpollServerSocketChannel.class;
      case IO_URING -> IoUringServerSocketChannel.class;
      default -> NioServerSocketChannel.class;
    };
  }
}
