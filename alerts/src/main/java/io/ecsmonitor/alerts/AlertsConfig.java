package io.ecsmonitor.alerts;

import io.ecsmonitor.core.config.EcsEnvironment;
import io.ecsmonitor.core.ecs.LogGroupPattern;
import io.ecsmonitor.core.model.Category;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The rules and thresholds of the diagnosis topology and the alert lifecycle, declared once. Every
 * setting has a documented default; {@link #CONFIG_DEF} is the table of the module README.
 */
public final class AlertsConfig {

    public static final String CRASH_CATEGORIES_CONFIG = "alerts.crash.categories";
    public static final String CRASH_CATEGORIES_DOC = "Error categories of which a single event in the crash window makes the service CRITICAL.";
    public static final List<String> CRASH_CATEGORIES_DEFAULT = List.of("oom", "panic", "fatal");

    public static final String CRASH_WINDOW_MINUTES_CONFIG = "alerts.crash.window.minutes";
    public static final String CRASH_WINDOW_MINUTES_DOC = "How far back crash-tier errors, restarts and stopped tasks count, in minutes.";
    public static final int CRASH_WINDOW_MINUTES_DEFAULT = 15;

    public static final String RESTARTS_WARNING_COUNT_CONFIG = "alerts.restarts.warning.count";
    public static final String RESTARTS_WARNING_COUNT_DOC = "Restarts within the crash window that make the service WARNING; a restart flagged as a crash loop makes it CRITICAL.";
    public static final int RESTARTS_WARNING_COUNT_DEFAULT = 2;

    public static final String RUNNING_CRITICAL_RATIO_CONFIG = "alerts.running.critical.ratio";
    public static final String RUNNING_CRITICAL_RATIO_DOC = "Running below desired is WARNING; running/desired below this ratio (or no task running) is CRITICAL.";
    public static final double RUNNING_CRITICAL_RATIO_DEFAULT = 0.5;

    public static final String TARGETS_CRITICAL_RATIO_CONFIG = "alerts.targets.critical.ratio";
    public static final String TARGETS_CRITICAL_RATIO_DOC = "Any unhealthy ALB target is WARNING; an unhealthy share of the registered targets at or above this ratio is CRITICAL.";
    public static final double TARGETS_CRITICAL_RATIO_DEFAULT = 0.5;

    public static final String HTTP_5XX_WARNING_RATIO_CONFIG = "alerts.http5xx.warning.ratio";
    public static final String HTTP_5XX_WARNING_RATIO_DOC = "Share of access-log requests answered with 5xx over the rate window that is WARNING.";
    public static final double HTTP_5XX_WARNING_RATIO_DEFAULT = 0.05;

    public static final String HTTP_5XX_CRITICAL_RATIO_CONFIG = "alerts.http5xx.critical.ratio";
    public static final String HTTP_5XX_CRITICAL_RATIO_DOC = "Share of requests answered with 5xx over the rate window that is CRITICAL.";
    public static final double HTTP_5XX_CRITICAL_RATIO_DEFAULT = 0.2;

    public static final String HTTP_5XX_MIN_REQUESTS_CONFIG = "alerts.http5xx.min.requests";
    public static final String HTTP_5XX_MIN_REQUESTS_DOC = "Requests needed in the rate window before the 5xx share is judged (a few requests say little).";
    public static final int HTTP_5XX_MIN_REQUESTS_DEFAULT = 20;

    public static final String RATE_WINDOW_MINUTES_CONFIG = "alerts.rate.window.minutes";
    public static final String RATE_WINDOW_MINUTES_DOC = "The recent span, in minutes, whose error rate and 5xx share are judged.";
    public static final int RATE_WINDOW_MINUTES_DEFAULT = 5;

    public static final String BASELINE_MINUTES_CONFIG = "alerts.baseline.minutes";
    public static final String BASELINE_MINUTES_DOC = "The span, in minutes, before the rate window whose error rate is the service's own baseline.";
    public static final int BASELINE_MINUTES_DEFAULT = 60;

    public static final String BASELINE_MIN_HISTORY_MINUTES_CONFIG = "alerts.baseline.min.history.minutes";
    public static final String BASELINE_MIN_HISTORY_MINUTES_DOC = "History the service needs, in minutes, before a rate is compared with its baseline.";
    public static final int BASELINE_MIN_HISTORY_MINUTES_DEFAULT = 15;

    public static final String ERROR_RATE_WARNING_FACTOR_CONFIG = "alerts.error.rate.warning.factor";
    public static final String ERROR_RATE_WARNING_FACTOR_DOC = "An error rate this many times the baseline rate is WARNING.";
    public static final double ERROR_RATE_WARNING_FACTOR_DEFAULT = 3.0;

    public static final String ERROR_RATE_CRITICAL_FACTOR_CONFIG = "alerts.error.rate.critical.factor";
    public static final String ERROR_RATE_CRITICAL_FACTOR_DOC = "An error rate this many times the baseline rate is CRITICAL.";
    public static final double ERROR_RATE_CRITICAL_FACTOR_DEFAULT = 10.0;

    public static final String ERROR_RATE_MIN_ERRORS_CONFIG = "alerts.error.rate.min.errors";
    public static final String ERROR_RATE_MIN_ERRORS_DOC = "Errors needed in the rate window before a rate counts as a spike, however low the baseline.";
    public static final int ERROR_RATE_MIN_ERRORS_DEFAULT = 20;

    public static final String TLS_WARNING_DAYS_CONFIG = "alerts.tls.warning.days";
    public static final String TLS_WARNING_DAYS_DOC = "A certificate that expires in fewer days than this is WARNING.";
    public static final int TLS_WARNING_DAYS_DEFAULT = 14;

    public static final String TLS_CRITICAL_DAYS_CONFIG = "alerts.tls.critical.days";
    public static final String TLS_CRITICAL_DAYS_DOC = "A certificate that expires in fewer days than this (or has expired, or does not match or validate) is CRITICAL.";
    public static final int TLS_CRITICAL_DAYS_DEFAULT = 3;

    public static final String NEW_PATTERN_LEARNING_MINUTES_CONFIG = "alerts.new.pattern.learning.minutes";
    public static final String NEW_PATTERN_LEARNING_MINUTES_DOC = "Fingerprint history a service needs, in minutes, before a fingerprint it has not seen counts as a new error pattern (so a service seen for the first time is not all new).";
    public static final int NEW_PATTERN_LEARNING_MINUTES_DEFAULT = 60;

    public static final String NEW_PATTERN_MIN_COUNT_CONFIG = "alerts.new.pattern.min.count";
    public static final String NEW_PATTERN_MIN_COUNT_DOC = "Events of a new fingerprint within the crash window before it is reported as a new error pattern (WARNING).";
    public static final int NEW_PATTERN_MIN_COUNT_DEFAULT = 3;

    public static final String FINGERPRINT_RETENTION_MS_CONFIG = "alerts.fingerprint.retention.ms";
    public static final String FINGERPRINT_RETENTION_MS_DOC = "How long a fingerprint is remembered per service; one not seen for longer is new again.";
    public static final long FINGERPRINT_RETENTION_MS_DEFAULT = Duration.ofDays(7).toMillis();

    public static final String DEPLOYMENT_GRACE_MINUTES_CONFIG = "alerts.deployment.grace.minutes";
    public static final String DEPLOYMENT_GRACE_MINUTES_DOC = "Trouble that starts this many minutes after a deployment's rollout ended is still correlated with it.";
    public static final int DEPLOYMENT_GRACE_MINUTES_DEFAULT = 15;

    public static final String RENOTIFY_INTERVAL_MS_CONFIG = "alerts.renotify.interval.ms";
    public static final String RENOTIFY_INTERVAL_MS_DOC = "While a service stays CRITICAL, an alert with refreshed evidence is emitted at most this often.";
    public static final long RENOTIFY_INTERVAL_MS_DEFAULT = Duration.ofMinutes(30).toMillis();

    public static final String CLEAR_MINUTES_CONFIG = "alerts.clear.minutes";
    public static final String CLEAR_MINUTES_DOC = "How long, in minutes, every diagnosis must be better than an incident's notified status before the incident de-escalates or resolves (hysteresis: a service hovering at a threshold keeps one open incident instead of alerting at each crossing; getting worse is always notified at once). 0: at the first better diagnosis.";
    public static final int CLEAR_MINUTES_DEFAULT = 5;

    public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "alerts.punctuate.interval.ms";
    public static final String PUNCTUATE_INTERVAL_MS_DOC = "How often (wall clock) every service is diagnosed again without new input, so a recovered service is resolved and a CRITICAL one re-notified.";
    public static final long PUNCTUATE_INTERVAL_MS_DEFAULT = Duration.ofMinutes(1).toMillis();

    public static final String REGION_CONFIG = "alerts.aws.region";
    public static final String REGION_DOC = "AWS region of the console links.";
    public static final String REGION_DEFAULT = "us-east-1";

    public static final String CLUSTER_CONFIG = "alerts.ecs.cluster";
    public static final String CLUSTER_DOC = "ECS cluster of the console links when the health report names none (ECS_CLUSTER).";
    public static final String CLUSTER_DEFAULT = "";

    public static final String LOG_GROUP_PATTERN_CONFIG = "alerts.log.group.pattern";
    public static final String LOG_GROUP_PATTERN_DOC = "How a service's log group is named, for the Logs Insights link (ECS_LOG_PATTERN).";
    public static final String LOG_GROUP_PATTERN_DEFAULT = LogGroupPattern.DEFAULT;

    /** Every setting, with its documentation, default and validator. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CRASH_CATEGORIES_CONFIG, Type.LIST, CRASH_CATEGORIES_DEFAULT, AlertsConfig::validCategories, Importance.HIGH, CRASH_CATEGORIES_DOC)
            .define(CRASH_WINDOW_MINUTES_CONFIG, Type.INT, CRASH_WINDOW_MINUTES_DEFAULT, Range.between(1, 60), Importance.HIGH, CRASH_WINDOW_MINUTES_DOC)
            .define(RENOTIFY_INTERVAL_MS_CONFIG, Type.LONG, RENOTIFY_INTERVAL_MS_DEFAULT, Range.atLeast(60_000), Importance.HIGH, RENOTIFY_INTERVAL_MS_DOC)
            .define(CLEAR_MINUTES_CONFIG, Type.INT, CLEAR_MINUTES_DEFAULT, Range.between(0, 60), Importance.HIGH, CLEAR_MINUTES_DOC)
            .define(RESTARTS_WARNING_COUNT_CONFIG, Type.INT, RESTARTS_WARNING_COUNT_DEFAULT, Range.atLeast(1), Importance.MEDIUM, RESTARTS_WARNING_COUNT_DOC)
            .define(RUNNING_CRITICAL_RATIO_CONFIG, Type.DOUBLE, RUNNING_CRITICAL_RATIO_DEFAULT, Range.between(0.0, 1.0), Importance.MEDIUM, RUNNING_CRITICAL_RATIO_DOC)
            .define(TARGETS_CRITICAL_RATIO_CONFIG, Type.DOUBLE, TARGETS_CRITICAL_RATIO_DEFAULT, Range.between(0.0, 1.0), Importance.MEDIUM, TARGETS_CRITICAL_RATIO_DOC)
            .define(HTTP_5XX_WARNING_RATIO_CONFIG, Type.DOUBLE, HTTP_5XX_WARNING_RATIO_DEFAULT, Range.between(0.0, 1.0), Importance.MEDIUM, HTTP_5XX_WARNING_RATIO_DOC)
            .define(HTTP_5XX_CRITICAL_RATIO_CONFIG, Type.DOUBLE, HTTP_5XX_CRITICAL_RATIO_DEFAULT, Range.between(0.0, 1.0), Importance.MEDIUM, HTTP_5XX_CRITICAL_RATIO_DOC)
            .define(HTTP_5XX_MIN_REQUESTS_CONFIG, Type.INT, HTTP_5XX_MIN_REQUESTS_DEFAULT, Range.atLeast(1), Importance.MEDIUM, HTTP_5XX_MIN_REQUESTS_DOC)
            .define(RATE_WINDOW_MINUTES_CONFIG, Type.INT, RATE_WINDOW_MINUTES_DEFAULT, Range.between(1, 60), Importance.MEDIUM, RATE_WINDOW_MINUTES_DOC)
            .define(BASELINE_MINUTES_CONFIG, Type.INT, BASELINE_MINUTES_DEFAULT, Range.between(5, 24 * 60), Importance.MEDIUM, BASELINE_MINUTES_DOC)
            .define(BASELINE_MIN_HISTORY_MINUTES_CONFIG, Type.INT, BASELINE_MIN_HISTORY_MINUTES_DEFAULT, Range.atLeast(1), Importance.LOW, BASELINE_MIN_HISTORY_MINUTES_DOC)
            .define(ERROR_RATE_WARNING_FACTOR_CONFIG, Type.DOUBLE, ERROR_RATE_WARNING_FACTOR_DEFAULT, Range.atLeast(1.0), Importance.MEDIUM, ERROR_RATE_WARNING_FACTOR_DOC)
            .define(ERROR_RATE_CRITICAL_FACTOR_CONFIG, Type.DOUBLE, ERROR_RATE_CRITICAL_FACTOR_DEFAULT, Range.atLeast(1.0), Importance.MEDIUM, ERROR_RATE_CRITICAL_FACTOR_DOC)
            .define(ERROR_RATE_MIN_ERRORS_CONFIG, Type.INT, ERROR_RATE_MIN_ERRORS_DEFAULT, Range.atLeast(1), Importance.MEDIUM, ERROR_RATE_MIN_ERRORS_DOC)
            .define(TLS_WARNING_DAYS_CONFIG, Type.INT, TLS_WARNING_DAYS_DEFAULT, Range.atLeast(1), Importance.MEDIUM, TLS_WARNING_DAYS_DOC)
            .define(TLS_CRITICAL_DAYS_CONFIG, Type.INT, TLS_CRITICAL_DAYS_DEFAULT, Range.atLeast(0), Importance.MEDIUM, TLS_CRITICAL_DAYS_DOC)
            .define(NEW_PATTERN_LEARNING_MINUTES_CONFIG, Type.INT, NEW_PATTERN_LEARNING_MINUTES_DEFAULT, Range.atLeast(0), Importance.LOW, NEW_PATTERN_LEARNING_MINUTES_DOC)
            .define(NEW_PATTERN_MIN_COUNT_CONFIG, Type.INT, NEW_PATTERN_MIN_COUNT_DEFAULT, Range.atLeast(1), Importance.LOW, NEW_PATTERN_MIN_COUNT_DOC)
            .define(FINGERPRINT_RETENTION_MS_CONFIG, Type.LONG, FINGERPRINT_RETENTION_MS_DEFAULT, Range.atLeast(60_000), Importance.LOW, FINGERPRINT_RETENTION_MS_DOC)
            .define(DEPLOYMENT_GRACE_MINUTES_CONFIG, Type.INT, DEPLOYMENT_GRACE_MINUTES_DEFAULT, Range.atLeast(0), Importance.LOW, DEPLOYMENT_GRACE_MINUTES_DOC)
            .define(PUNCTUATE_INTERVAL_MS_CONFIG, Type.LONG, PUNCTUATE_INTERVAL_MS_DEFAULT, Range.atLeast(1_000), Importance.LOW, PUNCTUATE_INTERVAL_MS_DOC)
            .define(REGION_CONFIG, Type.STRING, REGION_DEFAULT, Importance.LOW, REGION_DOC)
            .define(CLUSTER_CONFIG, Type.STRING, CLUSTER_DEFAULT, Importance.LOW, CLUSTER_DOC)
            .define(LOG_GROUP_PATTERN_CONFIG, Type.STRING, LOG_GROUP_PATTERN_DEFAULT, AlertsConfig::validPattern, Importance.LOW, LOG_GROUP_PATTERN_DOC);

    public final Set<Category> crashCategories;
    public final Duration crashWindow;
    public final int restartsWarningCount;
    public final double runningCriticalRatio;
    public final double targetsCriticalRatio;
    public final double http5xxWarningRatio;
    public final double http5xxCriticalRatio;
    public final int http5xxMinRequests;
    public final Duration rateWindow;
    public final Duration baseline;
    public final Duration baselineMinHistory;
    public final double errorRateWarningFactor;
    public final double errorRateCriticalFactor;
    public final int errorRateMinErrors;
    public final int tlsWarningDays;
    public final int tlsCriticalDays;
    public final Duration newPatternLearning;
    public final int newPatternMinCount;
    public final Duration fingerprintRetention;
    public final Duration deploymentGrace;
    public final Duration renotifyInterval;
    public final Duration clearDelay;
    public final Duration punctuateInterval;
    public final String region;
    public final Optional<String> cluster;
    public final LogGroupPattern logGroupPattern;

    /**
     * Parses and validates {@code props}; unknown keys are ignored.
     *
     * @throws ConfigException naming the setting and what is wrong with it
     */
    public AlertsConfig(Map<String, ?> props) {
        AbstractConfig c = new AbstractConfig(CONFIG_DEF, props, false);
        EnumSet<Category> crash = EnumSet.noneOf(Category.class);
        for (String name : c.getList(CRASH_CATEGORIES_CONFIG)) {
            crash.add(Category.fromWireName(name.trim()).orElseThrow());
        }
        crashCategories = Set.copyOf(crash);
        crashWindow = Duration.ofMinutes(c.getInt(CRASH_WINDOW_MINUTES_CONFIG));
        restartsWarningCount = c.getInt(RESTARTS_WARNING_COUNT_CONFIG);
        runningCriticalRatio = c.getDouble(RUNNING_CRITICAL_RATIO_CONFIG);
        targetsCriticalRatio = c.getDouble(TARGETS_CRITICAL_RATIO_CONFIG);
        http5xxWarningRatio = c.getDouble(HTTP_5XX_WARNING_RATIO_CONFIG);
        http5xxCriticalRatio = c.getDouble(HTTP_5XX_CRITICAL_RATIO_CONFIG);
        http5xxMinRequests = c.getInt(HTTP_5XX_MIN_REQUESTS_CONFIG);
        rateWindow = Duration.ofMinutes(c.getInt(RATE_WINDOW_MINUTES_CONFIG));
        baseline = Duration.ofMinutes(c.getInt(BASELINE_MINUTES_CONFIG));
        baselineMinHistory = Duration.ofMinutes(c.getInt(BASELINE_MIN_HISTORY_MINUTES_CONFIG));
        errorRateWarningFactor = c.getDouble(ERROR_RATE_WARNING_FACTOR_CONFIG);
        errorRateCriticalFactor = c.getDouble(ERROR_RATE_CRITICAL_FACTOR_CONFIG);
        errorRateMinErrors = c.getInt(ERROR_RATE_MIN_ERRORS_CONFIG);
        tlsWarningDays = c.getInt(TLS_WARNING_DAYS_CONFIG);
        tlsCriticalDays = c.getInt(TLS_CRITICAL_DAYS_CONFIG);
        newPatternLearning = Duration.ofMinutes(c.getInt(NEW_PATTERN_LEARNING_MINUTES_CONFIG));
        newPatternMinCount = c.getInt(NEW_PATTERN_MIN_COUNT_CONFIG);
        fingerprintRetention = Duration.ofMillis(c.getLong(FINGERPRINT_RETENTION_MS_CONFIG));
        deploymentGrace = Duration.ofMinutes(c.getInt(DEPLOYMENT_GRACE_MINUTES_CONFIG));
        renotifyInterval = Duration.ofMillis(c.getLong(RENOTIFY_INTERVAL_MS_CONFIG));
        clearDelay = Duration.ofMinutes(c.getInt(CLEAR_MINUTES_CONFIG));
        punctuateInterval = Duration.ofMillis(c.getLong(PUNCTUATE_INTERVAL_MS_CONFIG));
        region = c.getString(REGION_CONFIG).isBlank() ? REGION_DEFAULT : c.getString(REGION_CONFIG).trim();
        cluster = c.getString(CLUSTER_CONFIG).isBlank() ? Optional.empty() : Optional.of(c.getString(CLUSTER_CONFIG).trim());
        logGroupPattern = LogGroupPattern.parse(c.getString(LOG_GROUP_PATTERN_CONFIG));
        if (http5xxCriticalRatio < http5xxWarningRatio) {
            throw new ConfigException(HTTP_5XX_CRITICAL_RATIO_CONFIG, http5xxCriticalRatio,
                    "must not be below " + HTTP_5XX_WARNING_RATIO_CONFIG + " (" + http5xxWarningRatio + ")");
        }
        if (errorRateCriticalFactor < errorRateWarningFactor) {
            throw new ConfigException(ERROR_RATE_CRITICAL_FACTOR_CONFIG, errorRateCriticalFactor,
                    "must not be below " + ERROR_RATE_WARNING_FACTOR_CONFIG + " (" + errorRateWarningFactor + ")");
        }
        if (tlsCriticalDays > tlsWarningDays) {
            throw new ConfigException(TLS_CRITICAL_DAYS_CONFIG, tlsCriticalDays,
                    "must not be above " + TLS_WARNING_DAYS_CONFIG + " (" + tlsWarningDays + ")");
        }
    }

    /**
     * The {@code alerts.*} entries of {@code settings} (a run's config file and environment), with the
     * region, cluster and log group pattern of the original tool's variables where not set explicitly.
     */
    public static AlertsConfig from(Map<String, ?> settings, EcsEnvironment env) {
        Map<String, Object> props = new HashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("alerts.")) {
                props.put(k, v);
            }
        });
        props.putIfAbsent(REGION_CONFIG, env.region());
        env.cluster().ifPresent(c -> props.putIfAbsent(CLUSTER_CONFIG, c));
        props.putIfAbsent(LOG_GROUP_PATTERN_CONFIG, env.logPattern().pattern());
        return new AlertsConfig(props);
    }

    /** Every default. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(Map.of());
    }

    /** The history a service's statistics are kept for: the rate window, the baseline and an hour for the counts. */
    public Duration historyRetention() {
        Duration counted = Duration.ofMinutes(60);
        Duration judged = rateWindow.plus(baseline);
        return (judged.compareTo(counted) > 0 ? judged : counted).plusMinutes(1);
    }

    private static void validCategories(String name, Object value) {
        List<String> bad = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) value;
        for (String n : names) {
            if (Category.fromWireName(n.trim()).isEmpty()) {
                bad.add(n);
            }
        }
        if (!bad.isEmpty()) {
            throw new ConfigException(name, value, "unknown categories " + bad + "; use names like oom,panic,fatal,timeout");
        }
    }

    private static void validPattern(String name, Object value) {
        try {
            LogGroupPattern.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
