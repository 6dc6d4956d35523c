package io.packpass.agent.bus.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.packpass.agent.bus.DeviceAccess;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Linux I2C bus ({@code /dev/i2c-N}) opened through a Pi4J context that holds only the provider
 * it needs: {@code linuxfs-i2c} in production (no root, works on a Pi 5; packbus.md §4.2). No
 * auto-detection, so Pi4J does not probe GPIO, PWM or SPI hardware the agent never uses.
 * {@link #close()} shuts the context down, which closes every device created through it.
 */
public final class Pi4jI2cBus implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pi4jI2cBus.class);

  /** Pi4J's id of the linuxfs I2C provider. */
  public static final String LINUXFS_PROVIDER = "linuxfs-i2c";

  private final Context context;
  private final int bus;
  private final String provider;

  /**
   * A bus on an existing context (tests pass a context with {@code mock-i2c}); {@link #close()}
   * shuts that context down.
   */
  public Pi4jI2cBus(Context context, int bus, String provider) {
    this.context = Objects.requireNonNull(context, "context");
    this.bus = bus;
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /**
   * Opens {@code /dev/i2c-<bus>} with the linuxfs provider, after checking that the device exists and
   * is readable and writable ({@link DeviceAccess}).
   *
   * @throws io.packpass.agent.bus.BusException ACCESS when the device is missing or not accessible
   */
  public static Pi4jI2cBus openLinuxFs(int bus) {
    DeviceAccess.check(Path.of("/dev/i2c-" + bus), DeviceAccess.Type.I2C);
    Context context;
    try {
      context = Pi4J.newContextBuilder().noAutoDetect().add(LinuxFsI2CProvider.newInstance()).build();
    } catch (RuntimeException e) {
      throw Pi4jErrors.toBusException("Pi4J linuxfs context for /dev/i2c-" + bus, e);
    }
    return new Pi4jI2cBus(context, bus, LINUXFS_PROVIDER);
  }

  /** The device at 7-bit {@code address}, read with or without PEC. */
  public Pi4jSmbusDevice device(int address, boolean pec) {
    String id = String.format("i2c-%d-0x%02x", bus, address);
    I2C i2c;
    try {
      i2c = context.create(I2C.newConfigBuilder(context).id(id).bus(bus).device(address).provider(provider).build());
    } catch (RuntimeException e) {
      throw Pi4jErrors.toBusException(String.format("open 0x%02X on /dev/i2c-%d", address, bus), e);
    }
    return new Pi4jSmbusDevice(i2c, pec);
  }

  @Override
  public void close() {
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      LOG.warn("Pi4J context for /dev/i2c-{} did not shut down cleanly: {}", bus, e.toString());
    }
  }
}
