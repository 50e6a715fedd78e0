package io.netchat.bench.scenario;

/**
 * One configuration of a comparison measured in rounds: its label and the settings its servers
 * run with.
 *
 * @param label the name in tables and plots ("plain", "tls", "io_uring", …)
 * @param settings the servers, their transport and config for this variant
 */
public record Variant(String label, BenchSettings settings) {}
