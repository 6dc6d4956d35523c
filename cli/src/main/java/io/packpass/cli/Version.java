package io.packpass.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by the build); "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"PackPass " + (version == null ? "development" : version)};
  }
}
