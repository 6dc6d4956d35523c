package io.packpass.agent.bus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that a bus device file ({@code /dev/i2c-N}, {@code /dev/ttyUSB0}) exists and that this
 * process may read and write it, before an adapter opens it. Pi4J and jSerialComm report both
 * cases as a bare failure; on a fresh Raspberry Pi they are the two most common first-run problems,
 * so the agent says what is wrong and what to do about it, in one line (ARCHITECTURE.md §8: the
 * Debian package installs {@code agent/dist/udev/99-packpass.rules}).
 *
 * <p>The group named in a "permission denied" message is the one that owns the device (read with
 * {@link PosixFileAttributes}), so the advice stays right on systems whose udev rules differ from
 * ours; the usual group ({@link Type#usualGroup()}) is the fallback when the owner cannot be read.
 * The file-system questions go through {@link Probe}, so the messages can be tested as root (root
 * passes every permission check).
 */
public final class DeviceAccess {
  /** Where the udev rule lives in the source tree and in the Debian package's docs. */
  public static final String UDEV_RULE = "agent/dist/udev/99-packpass.rules";

  /** What kind of device, which decides the advice. */
  public enum Type {
    I2C("i2c", "enable I2C (sudo raspi-config nonint do_i2c 0, or dtparam=i2c_arm=on in /boot/firmware/config.txt)"
        + " and reboot, or fix bus.bus in the profile"),
    SERIAL("dialout", "plug in the serial adapter (ls /dev/serial/by-id/ lists what is there)"
        + " or fix bus.device in the profile");

    private final String usualGroup;
    private final String whenMissing;

    Type(String usualGroup, String whenMissing) {
      this.usualGroup = usualGroup;
      this.whenMissing = whenMissing;
    }

    /** The group that owns such devices on Raspberry Pi OS / Debian. */
    public String usualGroup() {
      return usualGroup;
    }
  }

  /** The file-system questions the check asks; {@link #SYSTEM} asks the operating system. */
  public interface Probe {
    boolean exists(Path device);

    /** Whether this process may both read and write {@code device}. */
    boolean readableAndWritable(Path device);

    /** The device's owner, group and mode, when the file system has them. */
    Optional<PosixFileAttributes> attributes(Path device);
  }

  /** The real file system, via {@link Files}. */
  public static final Probe SYSTEM = new Probe() {
    @Override
    public boolean exists(Path device) {
      return Files.exists(device);
    }

    @Override
    public boolean readableAndWritable(Path device) {
      return Files.isReadable(device) && Files.isWritable(device);
    }

    @Override
    public Optional<PosixFileAttributes> attributes(Path device) {
      try {
        return Optional.of(Files.readAttributes(device, PosixFileAttributes.class));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        return Optional.empty();
      }
    }
  };

  private DeviceAccess() {
  }

  /**
   * Throws unless {@code device} exists and is readable and writable by this process.
   *
   * @throws BusException ACCESS, with a one-line message naming the device and the fix
   */
  public static void check(Path device, Type type) {
    check(device, type, SYSTEM);
  }

  /** {@link #check(Path, Type)} with the file-system questions answered by {@code probe}. */
  public static void check(Path device, Type type, Probe probe) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(type, "type");
    if (!probe.exists(device)) {
      throw new BusException(BusException.Kind.ACCESS, device + " does not exist: " + type.whenMissing);
    }
    if (!probe.readableAndWritable(device)) {
      throw new BusException(BusException.Kind.ACCESS, permissionDenied(device, type, probe.attributes(device)));
    }
  }

  /**
   * The "permission denied" line: names the group that owns the device, or the udev rule first when
   * root owns it (then no group membership helps until the rule hands the device to a group).
   */
  public static String permissionDenied(Path device, Type type, Optional<PosixFileAttributes> attributes) {
    String group = attributes.map(a -> a.group().getName()).orElse(type.usualGroup());
    if (group.equals("root")) {
      return device + ": permission denied (group root): install the udev rule " + UDEV_RULE
          + " (it gives the device to group '" + type.usualGroup() + "'), then add the user to that group"
          + " (sudo usermod -aG " + type.usualGroup() + " $USER, then log in again)";
    }
    return device + ": permission denied: add the user to group '" + group + "' (sudo usermod -aG " + group
        + " $USER, then log in again) or install the udev rule " + UDEV_RULE;
  }
}
