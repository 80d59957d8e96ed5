package io.ecsmonitor.core.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The one place AWS clients are built: region, credentials through the SDK's default chain, the
 * standard retry mode with a bounded number of attempts, timeouts, a user agent, and an optional
 * endpoint override.
 *
 * <p>Without an explicit override the SDK itself honours {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (and the profile's {@code endpoint_url}), so every command can be
 * pointed at an emulator without code changes.
 *
 * <pre>{@code
 * EcsClient ecs = AwsClients.sync(EcsClient.builder(), AwsSettings.fromRegion("eu-west-1"));
 * }</pre>
 */
public final class AwsClients {

    /** Appended to the SDK's user agent. */
    public static final String USER_AGENT = "ecs-monitor";

    private AwsClients() {
    }

    /**
     * Settings shared by every client of a run.
     *
     * @param region           the region; empty resolves through the SDK's chain ({@code AWS_REGION},
     *                         profile, instance metadata), then {@value #FALLBACK_REGION}
     * @param endpointOverride an endpoint for every service, for tests; empty leaves it to the SDK
     * @param maxAttempts      attempts per call, first one included (standard retry mode, with backoff)
     * @param callTimeout      timeout of one call, retries included
     */
    public record AwsSettings(Optional<String> region, Optional<URI> endpointOverride, int maxAttempts,
                              Duration callTimeout) {

        /** The region of the original tool when nothing else names one. */
        public static final String FALLBACK_REGION = "us-east-1";

        /** Defaults: the SDK's region chain, no override, 4 attempts, 60 s per call. */
        public static AwsSettings defaults() {
            return new AwsSettings(Optional.empty(), Optional.empty(), 4, Duration.ofSeconds(60));
        }

        /** Defaults with {@code region} when it is not blank. */
        public static AwsSettings fromRegion(String region) {
            return defaults().withRegion(region);
        }

        /** These settings with {@code region} when it is not blank. */
        public AwsSettings withRegion(String region) {
            return new AwsSettings(region == null || region.isBlank() ? Optional.empty() : Optional.of(region.trim()),
                    endpointOverride, maxAttempts, callTimeout);
        }

        /** These settings with every client pointed at {@code endpoint}. */
        public AwsSettings withEndpoint(URI endpoint) {
            return new AwsSettings(region, Optional.of(endpoint), maxAttempts, callTimeout);
        }

        /** These settings with {@code attempts} per call. */
        public AwsSettings withMaxAttempts(int attempts) {
            return new AwsSettings(region, endpointOverride, attempts, callTimeout);
        }

        /** The region clients use. */
        public Region resolvedRegion() {
            if (region.isPresent()) {
                return Region.of(region.get());
            }
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (RuntimeException noRegion) {
                return Region.of(FALLBACK_REGION);
            }
        }
    }

    /** Builds a synchronous client from {@code builder} with {@code settings}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C sync(B builder, AwsSettings settings) {
        builder.region(settings.resolvedRegion())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(c -> c
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(settings.maxAttempts()))
                        .apiCallTimeout(settings.callTimeout())
                        .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT));
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
