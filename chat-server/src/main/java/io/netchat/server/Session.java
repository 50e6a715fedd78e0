package io.netchat.server;

import io.netchat.codec.HandlerNames;
import io.netchat.codec.ServerMessage;
import io.netchat.codec.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: its channel, wire format, nick and rooms. Its mutable state belongs to
 * the channel's event loop; {@link #send} may be called from any thread (a room on another loop)
 * and hops to that loop, so writes to one channel keep the order in which they were sent.
 */
public final class Session {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final Channel channel;
  private final ChannelHandlerContext framed;
  private final int formatIndex;
  private final WireFormat format;
  private final FlushBatcher flusher;
  private final long maxOutboundBytes;
  private final Set<String> rooms = new HashSet<>(4);
  private volatile String nick;
  private boolean flushPending;
  private boolean closing;

  Session(Channel channel, int formatIndex, WireFormat format, FlushBatcher flusher, long maxOutboundBytes) {
    this.channel = channel;
    this.framed = channel.pipeline().context(HandlerNames.MESSAGE_ENCODER);
    this.formatIndex = formatIndex;
    this.format = format;
    this.flusher = flusher;
    this.maxOutboundBytes = maxOutboundBytes;
  }

  public Channel channel() {
    return channel;
  }

  public EventLoop loop() {
    return channel.eventLoop();
  }

  /** Index of this session's listener: broadcasts encode once per index. */
  public int formatIndex() {
    return formatIndex;
  }

  public WireFormat format() {
    return format;
  }

  /** The nick, or {@code null} before {@code hello}. */
  public String nick() {
    return nick;
  }

  void nick(String newNick) {
    this.nick = newNick;
  }

  /** Keys of the rooms this session is in or joining (event loop only). */
  Set<String> rooms() {
    return rooms;
  }

  /** Forgets a room whose join was refused; callable from any thread. */
  public void forgetRoom(String roomKey) {
    if (channel.eventLoop().inEventLoop()) {
      rooms.remove(roomKey);
    } else {
      channel.eventLoop().execute(() -> rooms.remove(roomKey));
    }
  }

  /** Queues a message (or a framed {@link ByteBuf}, which this takes ownership of) for this client. */
  public void send(Object message) {
    if (channel.eventLoop().inEventLoop()) {
      write(message);
      return;
    }
    try {
      channel.eventLoop().execute(() -> write(message));
    } catch (RejectedExecutionException shutDown) {
      ReferenceCountUtil.release(message);
    }
  }

  /** Writes on the event loop; flushed by this loop's {@link FlushBatcher} at the end of the pass. */
  public void write(Object message) {
    if (closing || !channel.isActive()) {
      ReferenceCountUtil.release(message);
      return;
    }
    if (message instanceof ByteBuf frame && framed != null) {
      framed.write(frame, channel.voidPromise()); // already framed: skip the encoder
    } else {
      channel.write(message, channel.voidPromise());
    }
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    if (outbound != null && outbound.totalPendingWriteBytes() > maxOutboundBytes) {
      log.warn("slow consumer {} ({}): {} bytes queued, more than the limit of {}; disconnecting",
          nick, channel.remoteAddress(), outbound.totalPendingWriteBytes(), maxOutboundBytes);
      closing = true;
      channel.close();
      return;
    }
    flusher.add(this);
  }

  /**
   * Sends {@code bye} (and whatever was queued before it), then closes. A peer that does not
   * read is closed anyway after {@code grace}.
   */
  public void close(String reason, long graceMillis) {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(() -> close(reason, graceMillis));
      return;
    }
    if (closing || !channel.isActive()) {
      return;
    }
    closing = true;
    channel.writeAndFlush(new ServerMessage.Bye(reason)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, graceMillis, TimeUnit.MILLISECONDS);
  }

  boolean isClosing() {
    return closing;
  }

  boolean markFlushPending() {
    if (flushPending) {
      return false;
    }
    flushPending = true;
    return true;
  }

  void clearFlushPending() {
    flushPending = false;
  }

  @Override
  public String toString() {
    return (nick == null ? "-" : nick) + "@" + channel.remoteAddress();
  }
}
