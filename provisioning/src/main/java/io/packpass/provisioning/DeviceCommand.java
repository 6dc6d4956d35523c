package io.packpass.provisioning;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision device}: device identities bound to passports. */
@Command(name = "device", mixinStandardHelpOptions = true,
    description = "Enroll device keys: certificates that bind a device key to one passport.",
    subcommands = {DeviceEnrollCommand.class, DeviceEnrollBatchCommand.class})
public final class DeviceCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
