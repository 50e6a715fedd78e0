/**
 * Durable room state behind one narrow, asynchronous seam ({@link io.netchat.store.ChatStore}):
 * an in-memory store and an embedded SQLite store that pass the same contract.
 */
package io.netchat.store;
