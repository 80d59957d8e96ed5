package io.ecsmonitor.alerts.sink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsmonitor.core.model.Alert;
import io.ecsmonitor.core.model.Diagnosis;
import io.ecsmonitor.core.model.Diagnosis.Cause;
import io.ecsmonitor.core.model.Diagnosis.Link;
import io.ecsmonitor.core.serde.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * POSTs each alert to a Slack incoming webhook (or anything that accepts its payload): a {@code text}
 * fallback and Block Kit blocks with the status, the summary, the top evidence, the next steps and the links.
 */
public final class SlackSink implements AlertSink {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int SECTION_MAX = 2900;

    private final URI url;
    private final HttpPost http;

    public SlackSink(URI url, HttpClient client, Duration timeout) {
        this.url = url;
        this.http = new HttpPost(client, timeout);
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void deliver(Alert alert) throws DeliveryException {
        try {
            http.post(url, JsonSerde.MAPPER.writeValueAsBytes(payload(alert)));
        } catch (IOException e) {
            throw new DeliveryException("cannot write the Slack payload: " + e, false, e);
        }
    }

    @Override
    public boolean digests() {
        return true;
    }

    @Override
    public void deliverDigest(java.util.List<Alert> alerts, Duration window) throws DeliveryException {
        try {
            http.post(url, JsonSerde.MAPPER.writeValueAsBytes(digestPayload(alerts, window)));
        } catch (IOException e) {
            throw new DeliveryException("cannot write the Slack payload: " + e, false, e);
        }
    }

    /** The one Slack message of an alert storm: how many, of which severity, and a line per alert. */
    public static ObjectNode digestPayload(java.util.List<Alert> alerts, Duration window) {
        ObjectNode root = JsonSerde.MAPPER.createObjectNode();
        String headline = AlertText.digestHeadline(alerts, window);
        root.put("text", "[STORM] " + headline);
        ArrayNode blocks = root.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", cut(":rotating_light: " + AlertText.digestSubject(alerts, window), 150));
        section(blocks, "*" + escape(headline) + "*: " + escape(AlertText.digestNote(alerts)));
        StringBuilder sb = new StringBuilder();
        for (String l : AlertText.digestLines(alerts)) {
            sb.append(sb.length() == 0 ? "" : "\n").append("• ").append(escape(l));
        }
        section(blocks, sb.toString());
        return root;
    }

    /** The Slack message of {@code alert}. */
    public static ObjectNode payload(Alert alert) {
        Diagnosis d = alert.diagnosis();
        String icon = switch (alert.kind() == Alert.Kind.RESOLVED ? Diagnosis.Status.OK : alert.status()) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":large_orange_circle:";
            case OK -> ":large_green_circle:";
        };
        ObjectNode root = JsonSerde.MAPPER.createObjectNode();
        String line = AlertText.line(alert);
        root.put("text", "[" + AlertText.label(alert) + "] " + line);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("emoji", true)
                .put("text", cut(icon + " " + AlertText.subject(alert), 150));
        section(blocks, escape(line));
        if (!line.equals(d.summary())) {
            section(blocks, "*Now:* " + escape(d.summary()));
        }
        ObjectNode fields = blocks.addObject().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        field(f, "*Status*\n" + alert.status() + " (was " + alert.previousStatus() + ")");
        field(f, "*Alert*\n" + AlertText.kindWords(alert.kind()) + ", #" + alert.notification());
        field(f, "*Incident*\n" + escape(alert.incidentId()));
        field(f, "*Since*\n" + TIME.format(Instant.ofEpochMilli(alert.firstSeen())));
        if (!d.causes().isEmpty()) {
            StringBuilder sb = new StringBuilder("*Evidence*");
            for (Cause c : d.causes().subList(0, Math.min(3, d.causes().size()))) {
                sb.append("\n• *").append(escape(c.title())).append("*: ").append(escape(c.detail()));
                for (String e : c.evidence().subList(0, Math.min(2, c.evidence().size()))) {
                    sb.append("\n    ◦ ").append(escape(e));
                }
            }
            section(blocks, sb.toString());
        }
        if (!d.nextSteps().isEmpty()) {
            StringBuilder sb = new StringBuilder("*Next steps*");
            int i = 1;
            for (String s : d.nextSteps().subList(0, Math.min(4, d.nextSteps().size()))) {
                sb.append('\n').append(i++).append(". ").append(escape(s));
            }
            section(blocks, sb.toString());
        }
        if (!d.links().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Link l : d.links()) {
                sb.append(sb.length() == 0 ? "" : "  ·  ").append('<').append(l.url()).append('|').append(escape(l.label())).append('>');
            }
            ObjectNode ctx = blocks.addObject().put("type", "context");
            ctx.putArray("elements").addObject().put("type", "mrkdwn").put("text", cut(sb.toString(), SECTION_MAX));
        }
        return root;
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode s = blocks.addObject().put("type", "section");
        s.putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, SECTION_MAX));
    }

    private static void field(ArrayNode fields, String mrkdwn) {
        fields.addObject().put("type", "mrkdwn").put("text", mrkdwn);
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
