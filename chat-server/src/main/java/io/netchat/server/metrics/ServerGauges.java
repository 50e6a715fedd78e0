package io.netchat.server.metrics;

import java.util.function.LongSupplier;

/**
 * The figures a running server already keeps, read at scrape time (never on the chat path): each
 * a supplier over the object that owns the figure.
 *
 * @param openConnections admitted connections open now (the connection limiter's count)
 * @param loggedIn sessions that have a nick
 * @param rooms rooms that exist
 * @param inboundHeld bytes of incomplete inbound frames held ({@code memory.inbound_bytes})
 * @param outboundQueued pending outbound bytes of all connections at the last budget check
 * @param outboundCounted what that check counted against {@code memory.outbound_bytes}
 * @param historyHeld bytes of room history held ({@code memory.history_bytes})
 * @param historyEvicted messages evicted so far to stay within the history budget
 */
public record ServerGauges(
    LongSupplier openConnections,
    LongSupplier loggedIn,
    LongSupplier rooms,
    LongSupplier inboundHeld,
    LongSupplier outboundQueued,
    LongSupplier outboundCounted,
    LongSupplier historyHeld,
    LongSupplier historyEvicted) {}
