package io.packpass.agent.profile;

import io.packpass.agent.bms.BmsDriver;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bms.pylontech.PylontechCanDriver;
import io.packpass.agent.bms.pylontech.PylontechProfile;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusTap;
import io.packpass.agent.bus.SmbusDevice;
import io.packpass.agent.bus.pi4j.Pi4jI2cBus;
import io.packpass.agent.bus.pi4j.Pi4jSmbusDevice;
import io.packpass.agent.bus.serial.JSerialCommLink;
import io.packpass.agent.bus.socketcan.JavaCanChannel;
import io.packpass.agent.profile.HardwareProfile.Bus;
import io.packpass.agent.profile.HardwareProfile.I2c;
import io.packpass.agent.profile.HardwareProfile.PecMode;
import io.packpass.agent.profile.HardwareProfile.Serial;
import io.packpass.agent.profile.HardwareProfile.SocketCan;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the real bus of a hardware profile and builds its driver the same way {@link SimulatedBms}
 * does for a simulator: SMBus profiles through Pi4J linuxfs ({@code /dev/i2c-N}), JBD through
 * jSerialComm, Pylontech through JavaCAN. Every device is checked for existence and permissions
 * first, so a missing or inaccessible bus is one ACCESS line naming the fix.
 *
 * <p>PEC {@code auto}: SpecificationInfo (0x1A) is read once without PEC; its version field (bits
 * 4..7) is 3 for "SBS 1.1 with PEC" (packbus.md §1.2), and only then is PEC turned on. A gauge that
 * does not answer 0x1A is read without PEC (logged), and the driver's own reads then say what is wrong.
 */
final class HardwareBms {
  private static final Logger LOG = LoggerFactory.getLogger(HardwareBms.class);
  static final int SPECIFICATION_INFO = 0x1A;
  static final int VERSION_1_1_WITH_PEC = 3;

  private HardwareBms() {
  }

  static BmsConnection open(HardwareProfile profile, Clock clock, BusTap tap) {
    Bus bus = profile.bus();
    if (bus instanceof I2c) {
      return smbus(profile, (I2c) bus, clock, tap);
    } else if (bus instanceof Serial) {
      Serial serial = (Serial) bus;
      JSerialCommLink link = JSerialCommLink.open(serial.device(), serial.baud());
      return new BmsConnection(new JbdDriver(tap.serial(link, clock), clock, serial.timeout()), List.of(link));
    } else if (bus instanceof SocketCan) {
      SocketCan can = (SocketCan) bus;
      JavaCanChannel channel = JavaCanChannel.open(can.iface(), can.bitrate(), List.of());
      BmsDriver driver = new PylontechCanDriver(tap.can(channel, clock), clock, pylontechProfile(profile),
          PylontechCanDriver.DEFAULT_WINDOW);
      return new BmsConnection(driver, List.of(channel));
    }
    throw new ProfileException("profile " + profile.id() + ": bus type " + bus.type() + " has no hardware adapter");
  }

  private static BmsConnection smbus(HardwareProfile profile, I2c i2c, Clock clock, BusTap tap) {
    Pi4jI2cBus pi4j = Pi4jI2cBus.openLinuxFs(i2c.bus());
    try {
      Pi4jSmbusDevice device = pi4j.device(i2c.address(), false);
      SmbusDevice port = tap.smbus(device.withPec(usePec(i2c.pec(), device)), clock);
      BmsDriver driver = profile.protocol() == HardwareProfile.Protocol.BQ40Z50_SMBUS
          ? new Bq40z50Driver(port, clock,
              profile.sbs().map(HardwareProfile.Sbs::cellVoltageCommands).orElse(Bq40z50Driver.BQ40Z50_CELL_COMMANDS))
          : new SbsDriver(port, clock);
      return new BmsConnection(driver, List.of(pi4j));
    } catch (RuntimeException e) {
      pi4j.close();
      throw e;
    }
  }

  /** Whether to read with PEC: as the profile says, or for {@code auto} as SpecificationInfo says. */
  static boolean usePec(PecMode mode, SmbusDevice withoutPec) {
    switch (mode) {
      case ON:
        return true;
      case OFF:
        return false;
      default:
        try {
          int spec = withoutPec.readWord(SPECIFICATION_INFO);
          boolean pec = ((spec >> 4) & 0xF) == VERSION_1_1_WITH_PEC;
          LOG.debug("SpecificationInfo 0x{}: PEC {}", Integer.toHexString(spec), pec ? "on" : "off");
          return pec;
        } catch (BusException e) {
          LOG.warn("PEC auto: SpecificationInfo (0x1A) not read ({}); reading without PEC", e.getMessage());
          return false;
        }
    }
  }

  private static PylontechProfile pylontechProfile(HardwareProfile profile) {
    switch (profile.pylontech().map(HardwareProfile.Pylontech::variant)
        .orElse(HardwareProfile.PylontechVariant.V1_2)) {
      case V1_3:
        return PylontechProfile.V1_3;
      default:
        return PylontechProfile.V1_2;
    }
  }
}
