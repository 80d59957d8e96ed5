package io.ecsmonitor.classifier.restart;

import io.ecsmonitor.classifier.text.AsciiPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Start-up banners: the lines a server or framework writes once it is up. After a crash-tier error
 * in the same log stream (see {@link CrashLoop#isCrash}), one of them says the container restarted
 * inside its task (an ECS restart policy restarts containers in place, so no new task, no new stream).
 * Used by the streaming classifier and by {@code ecs-monitor logs}.
 *
 * <p>Every banner contains one of a few keywords ({@link #KEYWORDS}) in some case. One pass finds the
 * keywords a line holds; then only the banners that contain one of those are matched, through one
 * regular expression per keyword, with the {@code \b} that most banners open with tested once per
 * position rather than once per banner.
 */
public final class StartupMarkers {

    /** Only the first this many characters of the first line are matched. */
    static final int MAX_LINE_CHARS = 2_000;

    /** The keywords; every banner contains at least one of those it is filed under, in some case. */
    static final String[] KEYWORDS = {"start", "listen", "running", "ready", "boot", "hosting"};
    private static final int START = 1;
    private static final int LISTEN = 1 << 1;
    private static final int RUNNING = 1 << 2;
    private static final int READY = 1 << 3;
    private static final int BOOT = 1 << 4;
    private static final int HOSTING = 1 << 5;

    /**
     * A banner: its regular expression, whether it is matched in any (ASCII) case or as written, and
     * the keywords (bits of {@link #KEYWORDS}) one of which any line it matches contains.
     */
    record Banner(int keywords, boolean anyCase, String regex) {
    }

    private static final boolean AS_WRITTEN = false;
    private static final boolean ANY_CASE = true;

    static final List<Banner> BANNERS = List.of(
            // JVM: Spring Boot, Quarkus, Micronaut
            new Banner(START, AS_WRITTEN, "\\bStarted \\S+ in \\d+(?:\\.\\d+)? seconds"),
            new Banner(START, AS_WRITTEN, "\\bstarted in \\d+(?:\\.\\d+)?s\\. Listening on"),
            new Banner(START, AS_WRITTEN, "\\bStartup completed in \\d+ ?ms"),
            // Python: gunicorn workers, Flask/werkzeug, Django
            new Banner(BOOT, AS_WRITTEN, "\\bBooting worker with pid"),
            new Banner(RUNNING, AS_WRITTEN, "\\* Running on https?://"),
            new Banner(START, AS_WRITTEN, "\\bStarting development server at"),
            // .NET, Elixir (Phoenix), nginx
            new Banner(LISTEN, AS_WRITTEN, "\\bNow listening on: "),
            new Banner(HOSTING, AS_WRITTEN, "\\bMicrosoft\\.Hosting\\.Lifetime\\[(?:0|14)\\]"),
            new Banner(LISTEN, AS_WRITTEN, "\\bListening on (?:tcp|http|unix)://"),
            new Banner(RUNNING, AS_WRITTEN, "\\bRunning \\S+Endpoint with"),
            new Banner(START, AS_WRITTEN, "\\bstart worker processes\\b"),
            // Spring Boot: "Started OrderApplication in 4.2 seconds (process running for 4.9)"
            new Banner(START, ANY_CASE, "\\bStarted \\w+ in \\d+(?:\\.\\d+)? seconds"),
            // Spring Boot / Tomcat / Netty / Jetty: "Tomcat started on port 8080", "Netty started on port(s): 8080"
            new Banner(START, ANY_CASE, "\\b(?:Tomcat|Netty|Jetty|Undertow) started on port"),
            // gunicorn: "Starting gunicorn 21.2.0", "Listening at: http://0.0.0.0:8000"
            new Banner(START, ANY_CASE, "\\bStarting gunicorn\\b"),
            new Banner(LISTEN, ANY_CASE, "\\bListening at: https?://"),
            // uvicorn / FastAPI / Starlette
            new Banner(RUNNING, ANY_CASE, "\\bUvicorn running on\\b"),
            new Banner(START, ANY_CASE, "\\bApplication startup complete\\b"),
            // Node / Express / Fastify / Nest, Go and friends
            new Banner(LISTEN | RUNNING | START | READY, ANY_CASE,
                    "\\b(?:server|app|application|service|api)\\s+(?:is\\s+)?(?:now\\s+)?"
                            + "(?:listening|running|started|ready)\\s+(?:on|at)\\b"),
            new Banner(LISTEN, ANY_CASE, "\\blistening on (?:port )?:?\\d{2,5}\\b"),
            new Banner(START, ANY_CASE, "\\bstarting (?:http |https |grpc |web )?server\\b"),
            new Banner(READY, ANY_CASE, "\\bready - started server on"),
            new Banner(START, ANY_CASE, "\\bNest application successfully started\\b"),
            // Go, .NET, Rails (Puma), generic
            new Banner(LISTEN, ANY_CASE, "\\bNow listening on: https?://"),
            new Banner(LISTEN, ANY_CASE, "\\bListening on (?:https?://|tcp://|:\\d|0\\.0\\.0\\.0|\\[::\\])"),
            new Banner(START, ANY_CASE, "\\bPuma starting in\\b"),
            new Banner(START, ANY_CASE, "\\bserver started\\b"),
            new Banner(START, ANY_CASE, "\\bApplication started\\b"));

    /** Per keyword, the banners filed under it as one expression. */
    private static final Pattern[] BY_KEYWORD = new Pattern[KEYWORDS.length];

    static {
        for (int k = 0; k < KEYWORDS.length; k++) {
            List<Banner> filed = new ArrayList<>();
            for (Banner b : BANNERS) {
                if ((b.keywords() & (1 << k)) != 0) {
                    filed.add(b);
                }
            }
            BY_KEYWORD[k] = Pattern.compile(union(filed));
        }
    }

    /**
     * One expression matching where any of the banners matches: {@code \b(?:a|b|(?i:c|d))|e|(?i:f)},
     * the {@code \b} that opens a banner taken out in front (it reads no character, so
     * {@code \b(?:a|b)} matches exactly where {@code \ba|\bb} does).
     */
    static String union(List<Banner> banners) {
        List<String> bounded = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (boolean anyCase : new boolean[] {AS_WRITTEN, ANY_CASE}) {
            List<String> b = new ArrayList<>();
            List<String> f = new ArrayList<>();
            for (Banner banner : banners) {
                if (banner.anyCase() == anyCase) {
                    if (banner.regex().startsWith("\\b")) {
                        b.add(banner.regex().substring(2));
                    } else {
                        f.add(banner.regex());
                    }
                }
            }
            if (!b.isEmpty()) {
                bounded.add(anyCase ? "(?i:" + String.join("|", b) + ")" : String.join("|", b));
            }
            if (!f.isEmpty()) {
                free.add(anyCase ? "(?i:" + String.join("|", f) + ")" : String.join("|", f));
            }
        }
        List<String> all = new ArrayList<>();
        if (!bounded.isEmpty()) {
            all.add("\\b(?:" + String.join("|", bounded) + ")");
        }
        all.addAll(free);
        return String.join("|", all);
    }

    private StartupMarkers() {
    }

    /** True when the first line of {@code message} (its first {@value #MAX_LINE_CHARS} characters) is a start-up banner. */
    public static boolean isBanner(String message) {
        if (message == null || message.isEmpty()) {
            return false;
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        if (first.length() > MAX_LINE_CHARS) {
            first = first.substring(0, MAX_LINE_CHARS);
        }
        int keywords = keywords(first);
        for (int k = 0; keywords != 0; k++, keywords >>>= 1) {
            if ((keywords & 1) != 0 && BY_KEYWORD[k].matcher(first).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap filter before the regular expressions: every banner contains "start", "listen", "running",
     * "ready", "boot" or "hosting" in some case. A new banner must keep to that, or extend this list.
     */
    static boolean mayBeBanner(String line) {
        return keywords(line) != 0;
    }

    /**
     * Pairs of characters that may begin a keyword: {@code c0} the keyword's first letter in either case
     * (as {@link #keywords} tests it), {@code c1} an ASCII character equal to its second ignoring case. A
     * second character beyond ASCII is left to the full test.
     */
    private static final AsciiPairs KEYWORD_PAIRS = AsciiPairs.where((c0, c1) -> {
        for (String k : KEYWORDS) {
            if ((char) (c0 | 0x20) == k.charAt(0) && String.valueOf(c1).regionMatches(true, 0, k, 1, 1)) {
                return true;
            }
        }
        return false;
    });

    /** The keywords in {@code line}, in any case, as bits of {@link #KEYWORDS}. */
    static int keywords(String line) {
        int found = 0;
        for (int i = 0, n = line.length() - 3; i < n; i++) {
            char c0 = line.charAt(i);
            char c1 = line.charAt(i + 1);
            if (c0 >= 128) {
                continue; // no keyword's first letter
            }
            if (c1 < 128 && !KEYWORD_PAIRS.contains(c0, c1)) {
                continue;
            }
            char c = (char) (c0 | 0x20);
            if (c == 's' && line.regionMatches(true, i, "start", 0, 5)) {
                found |= START;
            } else if (c == 'l' && line.regionMatches(true, i, "listen", 0, 6)) {
                found |= LISTEN;
            } else if (c == 'r' && line.regionMatches(true, i, "running", 0, 7)) {
                found |= RUNNING;
            } else if (c == 'r' && line.regionMatches(true, i, "ready", 0, 5)) {
                found |= READY;
            } else if (c == 'b' && line.regionMatches(true, i, "boot", 0, 4)) {
                found |= BOOT;
            } else if (c == 'h' && line.regionMatches(true, i, "hosting", 0, 7)) {
                found |= HOSTING;
            }
        }
        return found;
    }
}
