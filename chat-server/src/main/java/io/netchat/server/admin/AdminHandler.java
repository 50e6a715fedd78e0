package io.netchat.server.admin;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the one request of an admin connection, then closes it: a GET of a known path is
 * answered by its endpoint, run on the admin's worker thread (a scrape reads every meter and must
 * not hold an event loop); anything else is refused with 400, 404, 405, 414 or 431. Request
 * bodies and pipelined requests are dropped unread.
 */
final class AdminHandler extends SimpleChannelInboundHandler<HttpObject> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);

  private final AdminEndpoints endpoints;
  private boolean answered;

  AdminHandler(AdminEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
    if (answered || !(msg instanceof HttpRequest request)) {
      return;
    }
    answered = true;
    if (request.decoderResult().isFailure()) {
      respond(ctx, AdminResponses.refusal(statusFor(request.decoderResult().cause())));
      return;
    }
    Supplier<FullHttpResponse> endpoint = endpoints.find(new QueryStringDecoder(request.uri()).path());
    if (endpoint == null) {
      respond(ctx, AdminResponses.refusal(HttpResponseStatus.NOT_FOUND));
    } else if (!HttpMethod.GET.equals(request.method())) {
      FullHttpResponse refusal = AdminResponses.refusal(HttpResponseStatus.METHOD_NOT_ALLOWED);
      refusal.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
      respond(ctx, refusal);
    } else {
      try {
        endpoints.worker().execute(() -> respond(ctx, endpoints.answer(endpoint)));
      } catch (RejectedExecutionException closing) {
        respond(ctx, AdminResponses.refusal(HttpResponseStatus.SERVICE_UNAVAILABLE));
      }
    }
  }

  private static HttpResponseStatus statusFor(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    return cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
        : HttpResponseStatus.BAD_REQUEST;
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpResponse response) {
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.warn("admin connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
