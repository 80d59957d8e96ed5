package io.ecsmonitor.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code ecs-monitor} command line: one subcommand per job. */
@Command(name = "ecs-monitor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches AWS ECS services: classifies their logs, probes their health and alerts on trouble.",
        subcommands = {ClassifyCommand.class, LogsCommand.class, HealthCommand.class, ProbeCommand.class,
                RunCommand.class, SinksCommand.class, SilenceCommand.class, StatusCommand.class, DemoCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class EcsMonitorCommand implements Runnable {

    /** Exit code: the command did its work and found nothing wrong. */
    public static final int EXIT_OK = 0;
    /** Exit code: the command did its work and found something wrong (unhealthy, rejected input). */
    public static final int EXIT_FINDINGS = 1;
    /** Exit code: a bad flag, argument or environment variable, or the command itself failed. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, e.g. 'ecs-monitor classify'");
    }

    /** The command line with the house conventions: one-line usage errors, exit code 2. */
    public static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line with the house conventions, its commands made by {@code factory} (tests give their own). */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new EcsMonitorCommand(), factory);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("ecs-monitor: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            if (ex instanceof UsageException) {
                err.println("ecs-monitor: " + ex.getMessage());
            } else {
                err.println("ecs-monitor: " + c.getCommandSpec().qualifiedName() + " failed: " + ex);
                org.slf4j.LoggerFactory.getLogger(EcsMonitorCommand.class).debug("command failed", ex);
            }
            err.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    /** A bad flag or argument found by a command's own checks: reported like picocli's, exit code 2. */
    static RuntimeException parameterError(CommandLine cl, String message) {
        return new CommandLine.ParameterException(cl, message);
    }

    /** A wrong setting found after parsing (an environment variable, a file): exit code 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
