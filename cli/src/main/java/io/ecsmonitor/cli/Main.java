package io.ecsmonitor.cli;

import java.util.Locale;
import java.util.Set;

/** The entry point of the runnable jar. */
public final class Main {

    /** Commands that run for long and whose lifecycle lines belong in the log. */
    private static final Set<String> LONG_RUNNING = Set.of("run", "probe", "sinks");
    /** Overrides the log level of ecs-monitor's own classes: error, warn, info, debug or trace. */
    static final String LOG_LEVEL_ENV = "ECS_MONITOR_LOG_LEVEL";
    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        // a plain `classify` run skips building picocli's model of every command (start-up of a short run)
        ClassifyCommand classify = ClassifyCommand.parseSimple(args);
        System.exit(classify != null ? classify.runStandalone() : EcsMonitorCommand.commandLine().execute(args));
    }

    /** Before any logger exists: info for long-running commands, warn for the others, unless set. */
    private static void configureLogging(String[] args) {
        if (System.getProperty(LEVEL_PROPERTY) != null) {
            return;
        }
        String level = System.getenv(LOG_LEVEL_ENV);
        if (level == null || level.isBlank()) {
            level = args.length > 0 && LONG_RUNNING.contains(args[0]) ? "info" : "warn";
        }
        System.setProperty(LEVEL_PROPERTY, level.trim().toLowerCase(Locale.ROOT));
    }
}
