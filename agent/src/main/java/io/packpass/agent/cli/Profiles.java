package io.packpass.agent.cli;

import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.HardwareProfile.I2c;
import io.packpass.agent.profile.HardwareProfile.Serial;
import io.packpass.agent.profile.HardwareProfile.Sim;
import io.packpass.agent.profile.HardwareProfile.SocketCan;
import io.packpass.agent.profile.ProfileLoader;
import java.nio.file.Path;

/** Helpers shared by the agent commands. */
final class Profiles {
  private Profiles() {
  }

  /** {@code --profile}: a bundled id, or a file when it names one ({@code .yaml} or a path). */
  static HardwareProfile resolve(String idOrFile) {
    return new ProfileLoader().resolve(idOrFile, Path.of(""));
  }

  /** The bus in a few words, e.g. {@code i2c /dev/i2c-1 0x0B}. */
  static String bus(HardwareProfile p) {
    HardwareProfile.Bus bus = p.bus();
    if (bus instanceof I2c i) {
      return String.format("i2c /dev/i2c-%d 0x%02X", i.bus(), i.address());
    } else if (bus instanceof Serial s) {
      return "serial " + s.device() + " " + s.baud();
    } else if (bus instanceof SocketCan c) {
      return "socketcan " + c.iface() + " " + c.bitrate();
    }
    return "sim " + ((Sim) bus).fixture();
  }
}
