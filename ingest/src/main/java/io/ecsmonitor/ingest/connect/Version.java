package io.ecsmonitor.ingest.connect;

/** The version the connectors report to Connect: the jar's implementation version. */
public final class Version {

    /** The version, or {@code dev} when run from classes. */
    public static final String VERSION = versionOf();

    private Version() {
    }

    private static String versionOf() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
