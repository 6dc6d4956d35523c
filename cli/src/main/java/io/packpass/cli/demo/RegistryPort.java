package io.packpass.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The registry's port: the one asked for when it is free, else any free one. The packs' QR codes name
 * it, so it is chosen before the birth records are signed and cannot be left to the server.
 */
final class RegistryPort {
  private RegistryPort() {
  }

  static int choose(int wanted) {
    if (wanted != 0 && free(wanted)) {
      return wanted;
    }
    try (ServerSocket any = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return any.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free TCP port on the loopback interface: " + e.getMessage(), e);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
