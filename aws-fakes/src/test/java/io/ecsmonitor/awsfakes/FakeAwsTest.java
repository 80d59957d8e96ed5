package io.ecsmonitor.awsfakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeAwsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeAws aws;

    @BeforeEach
    void start() {
        aws = FakeAws.start();
        aws.register(new JsonService() {
            @Override
            public String targetPrefix() {
                return "Echo_1";
            }

            @Override
            public JsonNode handle(String operation, JsonNode request) {
                return FakeAws.JSON.createObjectNode().put("operation", operation).set("request", request);
            }
        });
        aws.register(new QueryService() {
            @Override
            public String signingName() {
                return "echo";
            }

            @Override
            public String xmlNamespace() {
                return "urn:echo";
            }

            @Override
            public String handle(String action, Map<String, String> params) {
                return new Xml().element("Names", String.join(",", FakeAws.memberList(params, "Names"))).toString();
            }
        });
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> json(String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(aws.endpoint().resolve("/")).header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> query(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/echo/aws4_request, SignedHeaders=host")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldDispatchJsonCallsByTargetPrefixAndRecordThem() throws Exception {
        HttpResponse<String> r = json("Echo_1.Ping", "{\"a\":1}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"operation\":\"Ping\",\"request\":{\"a\":1}}");
        assertThat(aws.calls("Ping")).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(200));
    }

    @Test
    void shouldDispatchQueryCallsBySigningNameAndFlattenLists() throws Exception {
        HttpResponse<String> r = query("Action=List&Names.member.1=a&Names.member.2=b%2Fc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<ListResponse xmlns=\"urn:echo\"><ListResult><Names>a,b/c</Names></ListResult>");
    }

    @Test
    void shouldAnswerInjectedFaultsInEachProtocolsErrorShape() throws Exception {
        aws.failNext("Ping", 1, AwsFault.throttling("ThrottlingException"));
        HttpResponse<String> throttled = json("Echo_1.Ping", "{}");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.body()).contains("\"__type\":\"ThrottlingException\"");
        assertThat(json("Echo_1.Ping", "{}").statusCode()).isEqualTo(200);

        aws.failAlways("List", AwsFault.accessDenied("AccessDenied", "echo:List"));
        HttpResponse<String> denied = query("Action=List");
        assertThat(denied.statusCode()).isEqualTo(400);
        assertThat(denied.body()).contains("<Code>AccessDenied</Code>").contains("not authorized to perform: echo:List");
    }

    @Test
    void shouldThrottleCallsAboveTheRateLimitWithinASecond() throws Exception {
        JsonService echo = new JsonService() {
            @Override
            public String targetPrefix() {
                return "Echo_1";
            }

            @Override
            public JsonNode handle(String operation, JsonNode request) {
                return FakeAws.JSON.createObjectNode();
            }
        };
        aws.close();
        aws = FakeAws.start(0, java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T00:00:00Z"), java.time.ZoneOffset.UTC));
        aws.register(echo);
        aws.limitRate("Ping", 3, AwsFault.throttling("ThrottlingException"));
        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            if (json("Echo_1.Ping", "{}").statusCode() == 200) {
                ok++;
            } else {
                throttled++;
            }
        }
        assertThat(ok).isEqualTo(3);
        assertThat(throttled).isEqualTo(2);
    }
}
