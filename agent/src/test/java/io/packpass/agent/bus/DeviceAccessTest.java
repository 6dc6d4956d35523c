package io.packpass.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.DeviceAccess.Probe;
import io.packpass.agent.bus.DeviceAccess.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceAccessTest {
  @TempDir
  Path dir;

  /** A probe that denies access but reports the real attributes of the file, so this runs as root too. */
  static Probe denying() {
    return new Probe() {
      @Override
      public boolean exists(Path device) {
        return DeviceAccess.SYSTEM.exists(device);
      }

      @Override
      public boolean readableAndWritable(Path device) {
        return false;
      }

      @Override
      public Optional<PosixFileAttributes> attributes(Path device) {
        return DeviceAccess.SYSTEM.attributes(device);
      }
    };
  }

  @Test
  void missing_i2c_device_says_how_to_enable_i2c() {
    assertThatThrownBy(() -> DeviceAccess.check(dir.resolve("i2c-1"), Type.I2C))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessage(dir.resolve("i2c-1") + " does not exist: enable I2C (sudo raspi-config nonint do_i2c 0, or"
            + " dtparam=i2c_arm=on in /boot/firmware/config.txt) and reboot, or fix bus.bus in the profile");
  }

  @Test
  void missing_tty_says_to_plug_in_the_adapter() {
    assertThatThrownBy(() -> DeviceAccess.check(dir.resolve("ttyUSB0"), Type.SERIAL))
        .hasMessageContaining("ttyUSB0 does not exist: plug in the serial adapter");
  }

  @Test
  void accessible_device_passes() throws IOException {
    Path device = Files.createFile(dir.resolve("ttyUSB0"));
    assertThatCode(() -> DeviceAccess.check(device, Type.SERIAL)).doesNotThrowAnyException();
  }

  @Test
  void denied_device_names_the_group_that_owns_it() throws IOException {
    Path device = Files.createFile(dir.resolve("i2c-1"));
    GroupPrincipal dialout;
    try {
      dialout = device.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("dialout");
      Files.getFileAttributeView(device, PosixFileAttributeView.class).setGroup(dialout);
    } catch (IOException | UnsupportedOperationException e) {
      assumeThat(e).as("cannot give a file to group dialout here: " + e).isNull();
      return;
    }

    assertThatThrownBy(() -> DeviceAccess.check(device, Type.I2C, denying()))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessage(device + ": permission denied: add the user to group 'dialout' (sudo usermod -aG dialout $USER,"
            + " then log in again) or install the udev rule agent/dist/udev/99-packpass.rules");
  }

  @Test
  void denied_device_owned_by_root_points_to_the_udev_rule_first() throws IOException {
    Path device = Files.createFile(dir.resolve("i2c-1"));
    Optional<PosixFileAttributes> attributes = DeviceAccess.SYSTEM.attributes(device);
    assumeThat(attributes.map(a -> a.group().getName())).as("test runs as a user whose group is root").contains("root");

    assertThat(DeviceAccess.permissionDenied(Path.of("/dev/i2c-1"), Type.I2C, attributes))
        .isEqualTo("/dev/i2c-1: permission denied (group root): install the udev rule"
            + " agent/dist/udev/99-packpass.rules (it gives the device to group 'i2c'), then add the user to that"
            + " group (sudo usermod -aG i2c $USER, then log in again)");
  }

  @Test
  void without_attributes_the_usual_group_is_named() {
    assertThat(DeviceAccess.permissionDenied(Path.of("/dev/i2c-1"), Type.I2C, Optional.empty()))
        .isEqualTo("/dev/i2c-1: permission denied: add the user to group 'i2c' (sudo usermod -aG i2c $USER,"
            + " then log in again) or install the udev rule agent/dist/udev/99-packpass.rules");
    assertThat(DeviceAccess.permissionDenied(Path.of("/dev/ttyUSB0"), Type.SERIAL, Optional.empty()))
        .contains("group 'dialout'");
  }

  @Test
  void chmod_000_is_denied_for_a_normal_user() throws IOException {
    assumeThat(System.getProperty("user.name")).as("root bypasses file permissions").isNotEqualTo("root");
    Path device = Files.createFile(dir.resolve("ttyUSB0"));
    Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("---------"));

    assertThatThrownBy(() -> DeviceAccess.check(device, Type.SERIAL))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessageStartingWith(device + ": permission denied");
  }
}
