package io.ecsmonitor.awsfakes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake of Amazon SNS speaking the query protocol (signing name {@code sns}): {@code CreateTopic},
 * {@code ListTopics} and {@code Publish}, with SNS's own checks of the subject (ASCII, no line breaks,
 * under 100 characters) and of the topic's existence. Every published message is recorded
 * ({@link #published()}); faults are injected through {@link FakeAws#failNext}.
 *
 * <pre>{@code
 * SnsFake sns = new SnsFake();
 * aws.register(sns);
 * String arn = sns.createTopic("alerts");
 * }</pre>
 */
public final class SnsFake implements QueryService {

    /** The XML namespace of SNS answers. */
    public static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /**
     * One published message.
     *
     * @param messageId  the id SNS answered with
     * @param topicArn   the topic
     * @param subject    the subject, or null
     * @param message    the body
     * @param attributes message attributes by name (string values)
     * @param at         when it was published
     */
    public record Published(String messageId, String topicArn, String subject, String message, Map<String, String> attributes,
                            Instant at) {
    }

    private final String region;
    private final String account;
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<Published> published = new CopyOnWriteArrayList<>();

    /** A fake for region us-east-1 and account 123456789012. */
    public SnsFake() {
        this("us-east-1", "123456789012");
    }

    public SnsFake(String region, String account) {
        this.region = region;
        this.account = account;
    }

    @Override
    public String signingName() {
        return "sns";
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    /** Creates topic {@code name} (idempotent, as SNS) and returns its ARN. */
    public String createTopic(String name) {
        String arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
        topics.add(arn);
        return arn;
    }

    /** Every message published so far, oldest first. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The messages published to {@code topicArn}. */
    public List<Published> published(String topicArn) {
        return published.stream().filter(p -> p.topicArn().equals(topicArn)).toList();
    }

    @Override
    public String handle(String action, Map<String, String> params) {
        return switch (action) {
            case "CreateTopic" -> {
                String name = params.get("Name");
                if (name == null || !name.matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
                    throw AwsFault.invalid("InvalidParameter", "Invalid parameter: Topic Name");
                }
                yield new Xml().element("TopicArn", createTopic(name)).toString();
            }
            case "ListTopics" -> {
                Xml xml = new Xml().open("Topics");
                topics.stream().sorted().forEach(t -> xml.open("member").element("TopicArn", t).close("member"));
                yield xml.close("Topics").toString();
            }
            case "Publish" -> publish(params);
            default -> throw new AwsFault(400, "InvalidAction", "The action " + action + " is not valid for this endpoint.");
        };
    }

    private String publish(Map<String, String> params) {
        String arn = params.getOrDefault("TopicArn", params.get("TargetArn"));
        if (arn == null || arn.isEmpty()) {
            throw AwsFault.invalid("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        String message = params.get("Message");
        if (message == null || message.isEmpty()) {
            throw AwsFault.invalid("InvalidParameter", "Invalid parameter: Message too short");
        }
        String subject = params.get("Subject");
        if (subject != null && !validSubject(subject)) {
            throw AwsFault.invalid("InvalidParameter", "Invalid parameter: Subject");
        }
        if (!topics.contains(arn)) {
            throw new AwsFault(404, "NotFound", "Topic does not exist");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i;
            attributes.put(params.get(prefix + ".Name"), params.get(prefix + ".Value.StringValue"));
        }
        String id = UUID.randomUUID().toString();
        published.add(new Published(id, arn, subject, message, Map.copyOf(attributes), Instant.now()));
        return new Xml().element("MessageId", id).toString();
    }

    /** SNS: ASCII text beginning with a letter, number or punctuation, no line breaks or control characters, under 100. */
    static boolean validSubject(String s) {
        if (s.isEmpty() || s.length() >= 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return s.charAt(0) != ' ';
    }
}
