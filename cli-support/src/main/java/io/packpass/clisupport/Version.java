package io.packpass.clisupport;

import picocli.CommandLine;

/**
 * {@code -V} / {@code --version} of every PackPass command line: the version the build wrote into
 * this jar's manifest ({@code Implementation-Version}), "development" when run from classes. All
 * PackPass modules share one version, so this jar's is the product's.
 */
public final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"PackPass " + current()};
  }

  /** The version, or "development" outside a built jar. */
  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
