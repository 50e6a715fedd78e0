package io.netchat.bench;

import io.netty.channel.EventLoopGroup;
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
import io.netty.util.concurrent.DefaultThreadFactory;

/** The socket transport both the generator and the baseline use: epoll when available, else NIO. */
public enum Transport {
  EPOLL,
  NIO;

  /** Epoll on Linux when its native library loads, otherwise NIO. */
  public static Transport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** A group of {@code threads} event loops named after {@code name}. */
  public EventLoopGroup newGroup(int threads, String name) {
    DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
    return this == EPOLL
        ? new MultiThreadIoEventLoopGroup(threads, factory, EpollIoHandler.newFactory())
        : new MultiThreadIoEventLoopGroup(threads, factory, NioIoHandler.newFactory());
  }

  /** The client socket class. */
  public Class<? extends SocketChannel> socketChannel() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** The server socket class. */
  public Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
