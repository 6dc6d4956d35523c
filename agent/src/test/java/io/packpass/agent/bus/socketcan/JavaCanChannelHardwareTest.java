package io.packpass.agent.bus.socketcan;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bus.CanFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tel.schich.javacan.CanChannels;
import tel.schich.javacan.NetworkDevice;
import tel.schich.javacan.RawCanChannel;

/**
 * Live SocketCAN on a virtual bus. Needs a Linux host with vcan0 up (packbus.md §5.2):
 * {@code sudo modprobe vcan && sudo ip link add dev vcan0 type vcan && sudo ip link set vcan0 up};
 * runs with {@code -Phardware}.
 */
@Tag("hardware")
class JavaCanChannelHardwareTest {
  static final String IFACE = System.getProperty("packpass.can", "vcan0");

  @Test
  void frames_sent_on_vcan_arrive_converted_and_silence_times_out() throws Exception {
    try (JavaCanChannel channel = JavaCanChannel.open(IFACE, 500_000, List.of());
        RawCanChannel sender = CanChannels.newRawChannel()) {
      sender.bind(NetworkDevice.lookup(IFACE));
      sender.write(tel.schich.javacan.CanFrame.create(0x355, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
          new byte[] {0x58, 0x00, 0x5E, 0x00}));
      sender.write(tel.schich.javacan.CanFrame.createExtended(0x18FF50E5, tel.schich.javacan.CanFrame.FD_NO_FLAGS,
          new byte[] {0x03, (byte) 0xD4}));

      assertThat(channel.receive(Duration.ofSeconds(1))).contains(CanFrame.standard(0x355, (byte) 0x58, (byte) 0,
          (byte) 0x5E, (byte) 0));
      assertThat(channel.receive(Duration.ofSeconds(1))).contains(CanFrame.extended(0x18FF50E5, (byte) 0x03,
          (byte) 0xD4));
      long start = System.nanoTime();
      assertThat(channel.receive(Duration.ofMillis(200))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  void a_filter_keeps_only_matching_frames() throws Exception {
    try (JavaCanChannel channel = JavaCanChannel.open(IFACE, 500_000,
        List.of(new JavaCanChannel.Filter(0x350, 0x7F0)));
        RawCanChannel sender = CanChannels.newRawChannel()) {
      sender.bind(NetworkDevice.lookup(IFACE));
      sender.write(tel.schich.javacan.CanFrame.create(0x123, tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[] {1}));
      sender.write(tel.schich.javacan.CanFrame.create(0x359, tel.schich.javacan.CanFrame.FD_NO_FLAGS, new byte[] {2}));

      assertThat(channel.receive(Duration.ofSeconds(1))).contains(CanFrame.standard(0x359, (byte) 2));
    }
  }
}
