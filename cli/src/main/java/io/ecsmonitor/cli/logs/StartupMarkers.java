package io.ecsmonitor.cli.logs;

import java.util.regex.Pattern;

/**
 * Start-up banners: the lines a server writes when it has (re)started. After a crash-tier error in
 * the same log stream, one of them says the container restarted inside its task (an ECS restart
 * policy restarts containers in place, so no new task, no new stream).
 */
public final class StartupMarkers {

    private static final Pattern BANNER = Pattern.compile(String.join("|",
            // JVM: Spring Boot, Tomcat/Netty/Jetty, Quarkus, Micronaut
            "\\bStarted \\S+ in \\d+(?:\\.\\d+)? seconds",
            "\\b(?:Tomcat|Netty|Jetty|Undertow) started on port",
            "\\bstarted in \\d+(?:\\.\\d+)?s\\. Listening on",
            "\\bStartup completed in \\d+ ?ms",
            // Python: gunicorn, uvicorn, werkzeug, Django
            "\\bStarting gunicorn \\d",
            "\\bBooting worker with pid",
            "\\bUvicorn running on",
            "\\bApplication startup complete",
            "\\* Running on https?://",
            "\\bStarting development server at",
            // .NET, Ruby (Puma), Elixir (Phoenix), nginx
            "\\bNow listening on: ",
            "\\bMicrosoft\\.Hosting\\.Lifetime\\[(?:0|14)\\]",
            "\\bApplication started\\. Press Ctrl\\+C",
            "\\bPuma starting in",
            "\\bListening on (?:tcp|http|unix)://",
            "\\bRunning \\S+Endpoint with",
            "\\bstart worker processes\\b",
            // Node, Go and friends
            "(?i)\\b(?:server|app|application|service|api)\\s+(?:is\\s+)?(?:now\\s+)?(?:listening|running|started|ready)\\s+(?:on|at)\\b",
            "(?i)\\blistening on (?:port )?:?\\d{2,5}\\b",
            "(?i)\\bstarting (?:http |https |grpc |web )?server\\b",
            "(?i)\\bready - started server on"));

    private StartupMarkers() {
    }

    /** True when the first line of {@code message} is a start-up banner. */
    public static boolean isBanner(String message) {
        if (message == null || message.isEmpty()) {
            return false;
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        if (first.length() > 2_000) {
            first = first.substring(0, 2_000);
        }
        return BANNER.matcher(first).find();
    }
}
