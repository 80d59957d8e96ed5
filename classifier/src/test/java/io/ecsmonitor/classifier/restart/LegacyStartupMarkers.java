package io.ecsmonitor.classifier.restart;

import java.util.regex.Pattern;

/**
 * {@link StartupMarkers} before its regular expression was split by keyword (2026-11-22), kept to hold the
 * new one to the same answers ({@code StartupMarkersEquivalenceTest}). Its original description:
 *
 * <p>Start-up banners: the lines a server or framework writes once it is up. After a crash-tier error
 * in the same log stream (see {@link CrashLoop#isCrash}), one of them says the container restarted
 * inside its task (an ECS restart policy restarts containers in place, so no new task, no new stream).
 * Used by the streaming classifier and by {@code ecs-monitor logs}.
 */
final class LegacyStartupMarkers {

    /** Only the first this many characters of the first line are matched. */
    static final int MAX_LINE_CHARS = 2_000;

    /** Banners matched as written. */
    private static final String CASE_SENSITIVE = String.join("|",
            // JVM: Spring Boot, Quarkus, Micronaut
            "\\bStarted \\S+ in \\d+(?:\\.\\d+)? seconds",
            "\\bstarted in \\d+(?:\\.\\d+)?s\\. Listening on",
            "\\bStartup completed in \\d+ ?ms",
            // Python: gunicorn workers, Flask/werkzeug, Django
            "\\bBooting worker with pid",
            "\\* Running on https?://",
            "\\bStarting development server at",
            // .NET, Elixir (Phoenix), nginx
            "\\bNow listening on: ",
            "\\bMicrosoft\\.Hosting\\.Lifetime\\[(?:0|14)\\]",
            "\\bListening on (?:tcp|http|unix)://",
            "\\bRunning \\S+Endpoint with",
            "\\bstart worker processes\\b");

    /** Banners matched in any case. */
    private static final String ANY_CASE = String.join("|",
            // Spring Boot: "Started OrderApplication in 4.2 seconds (process running for 4.9)"
            "\\bStarted \\w+ in \\d+(?:\\.\\d+)? seconds",
            // Spring Boot / Tomcat / Netty / Jetty: "Tomcat started on port 8080", "Netty started on port(s): 8080"
            "\\b(?:Tomcat|Netty|Jetty|Undertow) started on port",
            // gunicorn: "Starting gunicorn 21.2.0", "Listening at: http://0.0.0.0:8000"
            "\\bStarting gunicorn\\b", "\\bListening at: https?://",
            // uvicorn / FastAPI / Starlette
            "\\bUvicorn running on\\b", "\\bApplication startup complete\\b",
            // Node / Express / Fastify / Nest, Go and friends
            "\\b(?:server|app|application|service|api)\\s+(?:is\\s+)?(?:now\\s+)?(?:listening|running|started|ready)\\s+(?:on|at)\\b",
            "\\blistening on (?:port )?:?\\d{2,5}\\b",
            "\\bstarting (?:http |https |grpc |web )?server\\b",
            "\\bready - started server on",
            "\\bNest application successfully started\\b",
            // Go, .NET, Rails (Puma), generic
            "\\bNow listening on: https?://", "\\bListening on (?:https?://|tcp://|:\\d|0\\.0\\.0\\.0|\\[::\\])",
            "\\bPuma starting in\\b", "\\bserver started\\b", "\\bApplication started\\b");

    private static final Pattern BANNER = Pattern.compile("(?:" + CASE_SENSITIVE + ")|(?i:" + ANY_CASE + ")");

    private LegacyStartupMarkers() {
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
        return mayBeBanner(first) && BANNER.matcher(first).find();
    }

    /**
     * A cheap filter before the regex: every banner above contains "start", "listen", "running", "ready",
     * "boot" or "hosting" in some case. A new banner must keep to that, or extend this list.
     */
    static boolean mayBeBanner(String line) {
        for (int i = 0, n = line.length() - 3; i < n; i++) {
            char c = (char) (line.charAt(i) | 0x20);
            if ((c == 's' && line.regionMatches(true, i, "start", 0, 5))
                    || (c == 'l' && line.regionMatches(true, i, "listen", 0, 6))
                    || (c == 'r' && (line.regionMatches(true, i, "running", 0, 7)
                            || line.regionMatches(true, i, "ready", 0, 5)))
                    || (c == 'b' && line.regionMatches(true, i, "boot", 0, 4))
                    || (c == 'h' && line.regionMatches(true, i, "hosting", 0, 7))) {
                return true;
            }
        }
        return false;
    }
}
