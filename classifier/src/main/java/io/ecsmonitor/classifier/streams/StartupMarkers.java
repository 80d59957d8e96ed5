package io.ecsmonitor.classifier.streams;

import java.util.regex.Pattern;

/**
 * Start-up banners of common servers and frameworks: the line a program writes once it is up. After a
 * crash-tier error in the same log stream, one of these means the container was restarted in its task.
 */
final class StartupMarkers {

    private static final Pattern BANNER = Pattern.compile(String.join("|",
            // Spring Boot: "Started OrderApplication in 4.2 seconds (process running for 4.9)"
            "\\bStarted \\w+ in \\d+(?:\\.\\d+)? seconds",
            // Spring Boot / Tomcat / Netty / Jetty: "Tomcat started on port 8080", "Netty started on port(s): 8080"
            "\\b(?:Tomcat|Netty|Jetty|Undertow) started on port",
            // gunicorn: "Starting gunicorn 21.2.0", "Listening at: http://0.0.0.0:8000"
            "\\bStarting gunicorn\\b", "\\bListening at: https?://",
            // uvicorn / FastAPI / Starlette
            "\\bUvicorn running on\\b", "\\bApplication startup complete\\b",
            // Node / Express / Fastify / Nest
            "\\bServer (?:is )?(?:listening|running|started) (?:on|at)\\b", "\\blistening on port\\b",
            "\\bNest application successfully started\\b",
            // Go, .NET, Rails, generic
            "\\bNow listening on: https?://", "\\bListening on (?:https?://|tcp://|:\\d|0\\.0\\.0\\.0|\\[::\\])",
            "\\bPuma starting in\\b", "\\bserver started\\b", "\\bApplication started\\b"),
            Pattern.CASE_INSENSITIVE);

    private StartupMarkers() {
    }

    /** True when the first line of {@code message} is a start-up banner. */
    static boolean isStartup(String message) {
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        return first.length() <= 2000 && mayBeBanner(first) && BANNER.matcher(first).find();
    }

    /**
     * A cheap filter before the regex: every banner contains "start", "listen" or "running" in some case.
     */
    static boolean mayBeBanner(String line) {
        for (int i = 0, n = line.length() - 4; i < n; i++) {
            char c = (char) (line.charAt(i) | 0x20);
            if ((c == 's' && line.regionMatches(true, i, "start", 0, 5))
                    || (c == 'l' && line.regionMatches(true, i, "listen", 0, 6))
                    || (c == 'r' && line.regionMatches(true, i, "running", 0, 7))) {
                return true;
            }
        }
        return false;
    }
}
