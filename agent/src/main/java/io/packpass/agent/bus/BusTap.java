package io.packpass.agent.bus;

import java.time.Clock;

/**
 * A hook between a driver and its bus: sees (and may wrap) the port a driver is about to be given,
 * together with the clock that driver stamps its readings with (simulated time for a physics model),
 * so a recorder can write down every exchange, in the driver's time, without the drivers or adapters
 * knowing. The default passes every port through untouched.
 */
public interface BusTap {
  /** Passes every port through. */
  BusTap NONE = new BusTap() {
  };

  default SmbusDevice smbus(SmbusDevice device, Clock clock) {
    return device;
  }

  default SerialLink serial(SerialLink link, Clock clock) {
    return link;
  }

  default CanChannel can(CanChannel channel, Clock clock) {
    return channel;
  }
}
