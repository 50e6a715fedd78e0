package io.netchat.bench.report;

/**
 * The medians over the rounds of one server in one variant, and their ratios to its reference
 * row (the first variant's run of the same server; null for the reference itself).
 *
 * @param label "variant" or "variant/server"
 * @param reference the label of the row the ratios divide by
 * @param runs rounds that produced a figure
 * @param deliveredPercent median delivered share
 * @param p50Ms median of the rounds' p50
 * @param p99Ms median of the rounds' p99
 * @param p999Ms median of the rounds' p99.9
 * @param serverCpuPercent median server CPU (100 = one core)
 * @param serverJitPercent median CPU of the server's JIT compilers in the window (100 = one core)
 * @param p50Ratio p50 over the reference's
 * @param p99Ratio p99 over the reference's
 * @param p999Ratio p99.9 over the reference's
 * @param deliveredRatio delivered share over the reference's
 */
public record MedianRow(String label, String reference, int runs, double deliveredPercent, double p50Ms,
    double p99Ms, double p999Ms, double serverCpuPercent, double serverJitPercent, Double p50Ratio, Double p99Ratio, Double p999Ratio,
    Double deliveredRatio) {}
