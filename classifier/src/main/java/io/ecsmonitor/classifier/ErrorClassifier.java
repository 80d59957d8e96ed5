package io.ecsmonitor.classifier;

import io.ecsmonitor.classifier.engine.AccessLogParser;
import io.ecsmonitor.classifier.engine.AccessRecord;
import io.ecsmonitor.classifier.engine.Level;
import io.ecsmonitor.classifier.engine.LevelDetector;
import io.ecsmonitor.classifier.engine.SignalScanner;
import io.ecsmonitor.classifier.engine.StructuredRecord;
import io.ecsmonitor.classifier.fingerprint.Fingerprinter;
import io.ecsmonitor.core.model.Category;

/**
 * The classification engine: for each log event, whether it is health-check noise, its error
 * category and its template fingerprint, exactly as {@code shared/spec/classification.md} says.
 *
 * <p>Order of judgement: a structured (JSON/logfmt) record is reduced to its level, message fields
 * and request fields (rule 9); a request/access record is judged by its status alone and may be
 * health-check noise (rules 1, 2, 7); otherwise the signals found in the message are filtered by the
 * event's own level (rules 3 and 6) and the first in precedence wins. Thread-safe and allocation-light.
 */
public final class ErrorClassifier {

    private static final Category[] CATEGORIES = Category.values();
    private static final int ROWS_1_TO_3 = bits(Category.OOM, Category.PANIC, Category.FATAL);
    private static final int ROWS_1_TO_6 = ROWS_1_TO_3
            | bits(Category.TIMEOUT, Category.CONNECTION_ERROR, Category.AUTH_ERROR);
    private static final int ROWS_1_TO_7 = ROWS_1_TO_6 | bits(Category.HTTP_5XX);
    private static final int ROWS_1_TO_9 = ROWS_1_TO_7 | bits(Category.PYTHON_TRACEBACK, Category.EXCEPTION);
    private static final int ALL_ROWS = (1 << CATEGORIES.length) - 1;

    private final ClassifierConfig config;

    public ErrorClassifier(ClassifierConfig config) {
        this.config = config;
    }

    public ErrorClassifier() {
        this(ClassifierConfig.DEFAULT);
    }

    /** The full verdict for one event: noise, category, fingerprint and HTTP status. */
    public Verdict classify(String message) {
        int j = judge(message);
        return new Verdict(isNoise(j), category(j), Fingerprinter.fingerprint(message), status(j));
    }

    /**
     * The verdict as error statistics need it: the fingerprint is computed only for an error event;
     * noise and events without a category carry a null fingerprint. Saves the template scan of every
     * event that no error count will group.
     */
    public Verdict classifyErrors(String message) {
        int j = judge(message);
        Category category = category(j);
        String fingerprint = category == null ? null : Fingerprinter.fingerprint(message);
        return new Verdict(isNoise(j), category, fingerprint, status(j));
    }

    /** The category alone (null for none and for noise), without computing the fingerprint. */
    public Category category(String message) {
        return category(judge(message));
    }

    /** True when the event is health-check noise. */
    public boolean isNoise(String message) {
        return isNoise(judge(message));
    }

    // A judgement in one int, so that the hot path allocates nothing: the outcome in the low bits (NONE,
    // NOISE, or CATEGORY_BASE + the category's ordinal), the HTTP status of an access record above them.
    private static final int NONE = 0;
    private static final int NOISE = 1;
    private static final int CATEGORY_BASE = 2;
    private static final int OUTCOME_BITS = 5;
    private static final int OUTCOME_MASK = (1 << OUTCOME_BITS) - 1;

    private static boolean isNoise(int judgement) {
        return (judgement & OUTCOME_MASK) == NOISE;
    }

    private static Category category(int judgement) {
        int o = judgement & OUTCOME_MASK;
        return o >= CATEGORY_BASE ? CATEGORIES[o - CATEGORY_BASE] : null;
    }

    /** The status of the event's HTTP access record (100–599), or 0 when it is none or has none. */
    private static int status(int judgement) {
        return judgement >>> OUTCOME_BITS;
    }

    /** The judgement of an event given its category (or null) and its access record (or null). */
    private static int outcome(Category c, AccessRecord access) {
        int status = access != null && access.statusClass() != 0 ? access.status() : 0;
        return (status << OUTCOME_BITS) | (c == null ? NONE : CATEGORY_BASE + c.ordinal());
    }

    private int judge(String message) {
        if (message == null || message.isEmpty()) {
            return NONE;
        }
        int lineEnd = message.indexOf('\n');
        if (lineEnd < 0) {
            lineEnd = message.length();
        }
        StructuredRecord structured = StructuredRecord.parse(message, lineEnd);
        if (structured != null && structured.embeddedLog() != null && structured.access() == null) {
            return judge(structured.embeddedLog());
        }
        AccessRecord access = structured != null ? structured.access() : AccessLogParser.parse(message, lineEnd);
        if (access != null) {
            if (isHealthCheck(access)) {
                return outcome(null, access) | NOISE;
            }
            // A structured record with a method and path but no status is an application's log line
            // with request context (rule 1 needs method, path and status), judged like any other.
            if (structured == null || access.status() > 0) {
                return outcome(access.is5xx() ? Category.HTTP_5XX : null, access); // rules 1 and 7
            }
        }
        Level level;
        int mask;
        if (structured != null) {
            level = structured.level();
            mask = SignalScanner.scan(structured.text(), relevantAt(level));
        } else {
            level = LevelDetector.detect(message, lineEnd);
            mask = SignalScanner.scan(message, relevantAt(level));
            if (startsWithGoroutineDump(message)) {
                mask |= bits(Category.PANIC);
            }
            if (startsWithRubyExceptionName(message, lineEnd)) {
                mask |= bits(Category.EXCEPTION);
            }
        }
        return outcome(decide(mask, level, structured != null), access);
    }

    private boolean isHealthCheck(AccessRecord a) {
        if (a.healthChecker()) {
            return true;
        }
        return ("GET".equals(a.method()) || "HEAD".equals(a.method()))
                && a.path() != null && config.healthPaths().contains(a.path());
    }

    /** The categories whose signals can still decide an event at this level (rules 3 and 6, precedence). */
    private static int relevantAt(Level level) {
        switch (level) {
            case LOW:
                return ROWS_1_TO_3;
            case WARN:
                return ROWS_1_TO_6;
            case CRITICAL:
                return ROWS_1_TO_7;
            case ERROR:
                return ROWS_1_TO_9; // the level itself supplies structured_error or error
            case PANIC:
                return bits(Category.OOM);
            default:
                return ALL_ROWS;
        }
    }

    /** Rules 3 and 6 and the precedence of the table. */
    static Category decide(int mask, Level level, boolean structured) {
        switch (level) {
            case LOW:
                mask &= ROWS_1_TO_3;
                break;
            case WARN:
                mask &= ROWS_1_TO_6;
                break;
            case CRITICAL:
                int causes = mask & ROWS_1_TO_7;
                return causes != 0 ? first(causes) : Category.FATAL;
            case ERROR:
                mask |= bits(structured ? Category.STRUCTURED_ERROR : Category.ERROR);
                break;
            case PANIC:
                mask |= bits(Category.PANIC);
                break;
            default:
                break;
        }
        return first(mask);
    }

    private static Category first(int mask) {
        return mask == 0 ? null : CATEGORIES[Integer.numberOfTrailingZeros(mask)];
    }

    private static int bits(Category... cs) {
        int m = 0;
        for (Category c : cs) {
            m |= 1 << c.ordinal();
        }
        return m;
    }

    /** Rails: {@code ActiveRecord::RecordNotFound (Couldn't find User with 'id'=42):}. */
    private static boolean startsWithRubyExceptionName(String m, int lineEnd) {
        if (!Character.isUpperCase(m.charAt(0))) {
            return false;
        }
        int colons = -1;
        for (int c = m.indexOf(':'); c >= 0 && c + 1 < lineEnd; c = m.indexOf(':', c + 1)) {
            if (m.charAt(c + 1) == ':') {
                colons = c;
                break;
            }
        }
        if (colons <= 0) {
            return false;
        }
        int i = 0;
        while (i < lineEnd && (Character.isLetterOrDigit(m.charAt(i)) || m.charAt(i) == ':' || m.charAt(i) == '_')) {
            i++;
        }
        boolean nameThenColon = i > colons + 2 && m.charAt(i - 1) == ':' && m.startsWith(" ", i); // PG::UndefinedTable: …
        return i > colons && (m.startsWith(" (", i) || m.startsWith(": ", i) || nameThenColon)
                && Character.isUpperCase(m.charAt(colons + 2));
    }

    /** A Go goroutine dump captured from its header on: {@code goroutine 12 [running]:}. */
    private static boolean startsWithGoroutineDump(String m) {
        if (!m.startsWith("goroutine ")) {
            return false;
        }
        int i = 10;
        int n = m.length();
        int digits = 0;
        while (i < n && Character.isDigit(m.charAt(i))) {
            i++;
            digits++;
        }
        return digits > 0 && m.startsWith(" [", i);
    }
}
