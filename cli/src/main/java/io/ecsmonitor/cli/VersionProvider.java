package io.ecsmonitor.cli;

import picocli.CommandLine;

/** The version from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = EcsMonitorCommand.class.getPackage().getImplementationVersion();
        return new String[] {"ecs-monitor " + (v == null ? "(development build)" : v)};
    }
}
