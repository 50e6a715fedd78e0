package io.netchat.bench.baseline;

import io.netchat.codec.DecodeFailure;
import io.netchat.server.fanout.FlushBatcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One baseline connection. Its first frame names its group and is echoed back as the
 * acknowledgement; every later frame is framed once and written, without flush, to every member
 * of the group (itself included), with one flush per member per event-loop pass (netchat's own
 * {@link FlushBatcher}, so both sides of the comparison flush alike). A member whose
 * outbound buffer passes the high-water mark is closed: overload drops the slow reader.
 */
final class FanoutHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(FanoutHandler.class);

  private final FanoutGroups groups;
  private final FlushBatcher flusher;
  private byte[] key;
  private List<FanoutHandler> group;
  private Channel channel;
  private FlushBatcher.Slot flushSlot;

  FanoutHandler(FanoutGroups groups, FlushBatcher flusher) {
    this.groups = groups;
    this.flusher = flusher;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    flushSlot = new FlushBatcher.Slot(channel);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DecodeFailure failure) {
      log.debug("closing {}: {}", ctx.channel(), failure.error().getMessage());
      ctx.close();
      return;
    }
    if (!(msg instanceof ByteBuf payload)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (group == null) {
        key = ByteBufUtil.getBytes(payload);
        group = groups.join(key, this);
        ctx.writeAndFlush(frame(ctx, payload), ctx.voidPromise());
      } else {
        broadcast(frame(ctx, payload));
      }
    } finally {
      payload.release();
    }
  }

  private static ByteBuf frame(ChannelHandlerContext ctx, ByteBuf payload) {
    int length = payload.readableBytes();
    ByteBuf framed = ctx.alloc().ioBuffer(4 + length);
    framed.writeInt(length);
    framed.writeBytes(payload, payload.readerIndex(), length);
    return framed;
  }

  private void broadcast(ByteBuf framed) {
    List<FanoutHandler> slow = null;
    try {
      for (FanoutHandler member : group) {
        Channel out = member.channel;
        if (!out.isWritable()) {
          if (slow == null) {
            slow = new ArrayList<>();
          }
          slow.add(member);
          continue;
        }
        out.write(framed.retainedDuplicate(), out.voidPromise());
        flusher.add(member.flushSlot);
      }
    } finally {
      framed.release();
    }
    if (slow != null) {
      for (FanoutHandler member : slow) {
        log.debug("closing slow reader {}", member.channel);
        member.channel.close();
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (group != null) {
      groups.leave(key, this);
      group = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing {}: {}", ctx.channel(), cause.toString());
    ctx.close();
  }
}
