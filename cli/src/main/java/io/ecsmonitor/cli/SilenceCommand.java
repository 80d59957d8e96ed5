package io.ecsmonitor.cli;

import io.ecsmonitor.alerts.sink.Silences;
import io.ecsmonitor.cli.EcsMonitorCommand.UsageException;
import io.ecsmonitor.cli.run.RunConfig;
import io.ecsmonitor.core.model.Silence;
import io.ecsmonitor.core.topic.TopicCreator;
import io.ecsmonitor.core.topic.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecs-monitor silence add|list|expire}: silences on the compacted {@code ecs-monitor.silences} topic.
 * While a silence is active, the sinks hold back the alerts of the services it matches from the webhook,
 * Slack and SNS (the alert files still record them): a planned failover or a known incident does not page
 * everyone again and again.
 */
@Command(name = "silence",
        mixinStandardHelpOptions = true,
        description = "Silence the alert notifications of services for a while (planned maintenance, a known incident): "
                + "the sinks hold their alerts back from the webhook, Slack and SNS; the alert files still record them. "
                + "Silences live on the compacted topic ecs-monitor.silences, so every sinks instance applies them.",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "2:bad flag or environment variable, unknown silence, or Kafka unreachable"})
final class SilenceCommand implements Runnable {

    /** Brokers used when neither --bootstrap-servers nor KAFKA_BOOTSTRAP_SERVERS is given: the embedded broker of {@code run}. */
    static final String DEFAULT_SERVERS = "localhost:9092";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw])");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The clock of the silences' times; tests replace it. */
    Clock clock = Clock.systemUTC();

    /** The environment read; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: add, list or expire");
    }

    /** The options every subcommand shares. */
    static final class KafkaOptions {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
                description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_SERVERS
                        + ", the embedded broker of 'ecs-monitor run').")
        String bootstrapServers;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "The silences topic (default: ecs-monitor.silences).")
        String topic;
    }

    /**
     * The Kafka client settings: the brokers of the flag or environment, and any {@code KAFKA_<SETTING>}
     * variable (security, SASL, TLS) as {@code run} reads them.
     */
    private Map<String, Object> clientSettings(KafkaOptions o) {
        RunConfig rc;
        try {
            rc = RunConfig.resolve(Map.of(), env);
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, Object> c = new HashMap<>(rc.kafkaClientSettings());
        String servers = o.bootstrapServers != null && !o.bootstrapServers.isBlank() ? o.bootstrapServers
                : rc.bootstrapServers().isEmpty() ? DEFAULT_SERVERS : rc.bootstrapServers();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers.trim());
        return c;
    }

    private static String topic(KafkaOptions o) {
        return o.topic != null && !o.topic.isBlank() ? o.topic.trim() : Topics.SILENCES.name();
    }

    /** Every silence on the topic, read to its end; fails in one line when Kafka cannot be reached. */
    private static List<Silence> readAll(Map<String, Object> client, String topic) {
        String servers = String.valueOf(client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        Map<String, Object> a = new HashMap<>(client);
        a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        Admin admin = Admin.create(a);
        try {
            admin.describeCluster().clusterId().get(REACH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while reaching Kafka at " + servers);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UsageException("cannot reach Kafka at " + servers + " (" + (e instanceof java.util.concurrent.TimeoutException
                    ? "no answer in " + REACH_TIMEOUT.toSeconds() + " s" : rootMessage(e))
                    + "); set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers to your brokers");
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
        try (Silences s = Silences.start(topic, client, TIMEOUT)) {
            return s.all();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof ExecutionException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void write(Map<String, Object> client, String topic, Silence s) {
        String servers = String.valueOf(client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(client)) {
            NewTopic nt = Topics.SILENCES.newTopic(1, (short) -1, Optional.empty());
            TopicCreator.createMissing(admin, List.of(new NewTopic(topic, 1, (short) -1).configs(nt.configs())), servers, TIMEOUT);
        }
        Map<String, Object> p = new HashMap<>(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ecs-monitor-silence");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
        try (KafkaProducer<String, Silence> producer = new KafkaProducer<>(p, Topics.SILENCES.keySerde().serializer(),
                Topics.SILENCES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, s.id(), s)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while writing silence " + s.id());
        } catch (ExecutionException e) {
            throw new UsageException("cannot write silence " + s.id() + " to " + topic + " on " + servers + ": " + rootMessage(e));
        }
    }

    /** What every subcommand has: its parent (clock, environment, output) and the Kafka options. */
    abstract static class Subcommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        SilenceCommand parent;

        @CommandLine.Mixin
        KafkaOptions kafka;
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 1w}, combinations ({@code 1h30m}), or ISO-8601 ({@code PT2H}). */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new UsageException("--for " + text + " is not a duration; write it like 30m, 2h, 1d or 1h30m");
            }
        }
        Matcher m = DURATION.matcher(t);
        Duration d = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            at = m.end();
        }
        if (at != t.length() || t.isEmpty()) {
            throw new UsageException("--for " + text + " is not a duration; write it like 30m, 2h, 1d or 1h30m");
        }
        return d;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Silence the services matching SERVICE (a name, or a pattern with *: checkout-*, *) from now on, "
                    + "for --for. Prints the silence's id.")
    static final class Add extends Subcommand {
        @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name or pattern with * (case-insensitive).")
        String services;

        @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h",
                description = "How long: 30m, 2h, 1d, 1h30m (default: ${DEFAULT-VALUE}; at most 30d).")
        String duration;

        @Option(names = {"-r", "--reason"}, paramLabel = "TEXT", required = true,
                description = "Why, for the people who wonder where the alerts went (required).")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who silences (default: $USER, else the account name).")
        String by;

        @Override
        public Integer call() {
            Duration d = parseDuration(duration);
            if (d.isZero() || d.isNegative() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new UsageException("--for " + duration + " must be more than 0 and at most 30d");
            }
            if (services.isBlank()) {
                throw new UsageException("SERVICE is empty; give a service name or a pattern like checkout-*");
            }
            Instant now = parent.clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String who = by != null && !by.isBlank() ? by.trim()
                    : parent.env.getOrDefault("USER", System.getProperty("user.name", "unknown"));
            String id = "s-" + ID_TIME.format(now) + "-" + services.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                    + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
            Silence s = new Silence(id, services.trim(), now.toEpochMilli(), now.plus(d).toEpochMilli(), reason.trim(), who,
                    now.toEpochMilli());
            Map<String, Object> client = parent.clientSettings(kafka);
            write(client, topic(kafka), s);
            PrintWriter out = parent.spec.commandLine().getOut();
            out.println(s.id());
            out.flush();
            PrintWriter err = parent.spec.commandLine().getErr();
            err.println("ecs-monitor silence: " + s.services() + " silenced until " + TIME.format(Instant.ofEpochMilli(s.endsAt()))
                    + " (" + s.reason() + "); end it early with 'ecs-monitor silence expire " + s.id() + "'");
            err.flush();
            return EcsMonitorCommand.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the silences in force (--all: ended ones too).")
    static final class ListSilences extends Subcommand {
        @Option(names = "--all", description = "Also the silences that ended.")
        boolean all;

        @Option(names = "--json", description = "One JSON object per silence.")
        boolean json;

        @Override
        public Integer call() {
            long now = parent.clock.millis();
            List<Silence> silences = readAll(parent.clientSettings(kafka), topic(kafka)).stream()
                    .filter(s -> all || s.endsAt() > now)
                    .sorted(Comparator.comparingLong(Silence::endsAt).thenComparing(Silence::id))
                    .toList();
            PrintWriter out = parent.spec.commandLine().getOut();
            if (json) {
                for (Silence s : silences) {
                    out.println(new String(Topics.SILENCES.valueSerde().serializer().serialize("", s), StandardCharsets.UTF_8));
                }
            } else if (silences.isEmpty()) {
                out.println(all ? "no silences" : "no silences in force");
            } else {
                out.println(String.format(Locale.ROOT, "%-8s %-44s %-20s %-18s %-18s %-12s %s", "STATE", "ID", "SERVICES", "FROM", "UNTIL",
                        "BY", "REASON"));
                for (Silence s : silences) {
                    String state = s.activeAt(now) ? "active" : s.startsAt() > now ? "pending" : "ended";
                    out.println(String.format(Locale.ROOT, "%-8s %-44s %-20s %-18s %-18s %-12s %s", state, s.id(), s.services(),
                            TIME.format(Instant.ofEpochMilli(s.startsAt())), TIME.format(Instant.ofEpochMilli(s.endsAt())),
                            s.createdBy(), s.reason()));
                }
            }
            out.flush();
            return EcsMonitorCommand.EXIT_OK;
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End a silence now (its alerts are sent again).")
    static final class Expire extends Subcommand {
        @Parameters(index = "0", paramLabel = "ID", description = "The silence's id, as 'silence add' printed or 'silence list' shows.")
        String id;

        @Override
        public Integer call() {
            Map<String, Object> client = parent.clientSettings(kafka);
            String topic = topic(kafka);
            Silence s = readAll(client, topic).stream().filter(x -> x.id().equals(id.trim())).findFirst()
                    .orElseThrow(() -> new UsageException("no silence " + id + " on " + topic + "; see 'ecs-monitor silence list --all'"));
            long now = parent.clock.millis();
            PrintWriter err = parent.spec.commandLine().getErr();
            if (s.endsAt() <= now) {
                err.println("ecs-monitor silence: " + s.id() + " already ended at " + TIME.format(Instant.ofEpochMilli(s.endsAt())));
            } else {
                write(client, topic, new Silence(s.id(), s.services(), Math.min(s.startsAt(), now - 1), now, s.reason(), s.createdBy(), now));
                err.println("ecs-monitor silence: " + s.id() + " (" + s.services() + ") ended; its alerts are sent again");
            }
            err.flush();
            return EcsMonitorCommand.EXIT_OK;
        }
    }
}
