package io.netchat.codec;

/**
 * Passed up the pipeline in place of a message when a frame could not be framed or decoded, so
 * that the session handler can answer with a typed {@code error} instead of an exception.
 *
 * @param error what was wrong, with the contract's code and the command's id when known
 * @param fatal whether the stream can no longer be trusted (framing lost): the connection must
 *     be closed after the error is sent; otherwise the next frame decodes normally
 */
public record DecodeFailure(ChatCodecException error, boolean fatal) {}
