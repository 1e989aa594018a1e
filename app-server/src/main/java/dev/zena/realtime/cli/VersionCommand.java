package dev.zena.realtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code version}: prints the product version. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The version written into the jar's manifest at build time ("dev" when run from classes). */
    static String version() {
        String version = VersionCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("zena-server " + version());
    }

    /** Lets {@code --version} print the same line. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"zena-server " + version()};
        }
    }
}
