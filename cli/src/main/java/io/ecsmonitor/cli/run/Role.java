package io.ecsmonitor.cli.run;

import java.util.List;

/**
 * One job of the long-running app ({@code ingest}, {@code streams}, {@code probe}, {@code sinks}) as
 * {@code ecs-monitor run} starts, watches and stops it. Each role scales on its own the Kafka way:
 * several processes running the same role share its work through consumer groups, Connect's group or
 * Streams' {@code application.id}.
 */
public interface Role extends AutoCloseable {

    /** The role's name as {@code --roles} spells it. */
    String name();

    /** Starts the role's threads; returns once they run. */
    void start(RunContext context) throws Exception;

    /** True while the role does its work (for {@code /health}). */
    boolean ready();

    /** A word for {@code /health}: RUNNING, REBALANCING, STARTING, FAILED … */
    String state();

    /** The role's metrics for {@code /metrics}. */
    List<MetricSample> metrics();

    /** Stops the role, committing its in-flight work. */
    @Override
    void close();
}
