/** The embedded store: one SQLite file in WAL mode, a group-committing writer thread, a reader and a pruner. */
package io.netchat.store.sqlite;
