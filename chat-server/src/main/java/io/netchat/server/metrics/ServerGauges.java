package io.netchat.server.metrics;

import java.util.function.LongSupplier;

/**
 * The figures a running server already keeps, read at scrape time (never on the chat path): each
 * a supplier over the object that owns the figure.
 *
 * @param openConnections admitted connections open now (the connection limiter's count)
 * @param loggedIn sessions that have a nick
 * @param rooms rooms that exist
 * @param inboundHeld bytes of incomplete inbound frames held
 * @param inboundLimit their budget, {@code memory.inbound_bytes} as in force
 * @param outboundQueued pending outbound bytes of all connections at the last budget check
 * @param outboundCounted what that check counted against {@code memory.outbound_bytes}
 * @param outboundLimit that budget, as in force
 * @param historyHeld bytes of room history held
 * @param historyLimit their budget, {@code memory.history_bytes} as in force
 * @param historyEvicted messages evicted so far to stay within the history budget
 */
public record ServerGauges(
    LongSupplier openConnections,
    LongSupplier loggedIn,
    LongSupplier rooms,
    LongSupplier inboundHeld,
    LongSupplier inboundLimit,
    LongSupplier outboundQueued,
    LongSupplier outboundCounted,
    LongSupplier outboundLimit,
    LongSupplier historyHeld,
    LongSupplier historyLimit,
    LongSupplier historyEvicted) {}
