package io.netchat.server.admin;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The admin listener's responses: every one complete, with its length, and closing the connection. */
final class AdminResponses {
  /** The Prometheus text exposition format. */
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String JSON_TYPE = "application/json";

  private AdminResponses() {}

  static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    return response;
  }

  /** {@code {"status":"..."}}, with {@code "reasons":[...]} when there are any. */
  static FullHttpResponse status(HttpResponseStatus status, String word, List<String> reasons) {
    StringBuilder json = new StringBuilder("{\"status\":\"").append(word).append('"');
    if (!reasons.isEmpty()) {
      json.append(",\"reasons\":[");
      for (int i = 0; i < reasons.size(); i++) {
        json.append(i == 0 ? "" : ",").append('"').append(escaped(reasons.get(i))).append('"');
      }
      json.append(']');
    }
    return text(status, JSON_TYPE, json.append("}\n").toString());
  }

  /** A refusal: the status line's phrase as a one-line JSON status. */
  static FullHttpResponse refusal(HttpResponseStatus status) {
    return status(status, status.reasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), List.of());
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
