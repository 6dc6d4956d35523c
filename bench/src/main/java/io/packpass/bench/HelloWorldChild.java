package io.packpass.bench;

import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.core.pki.TrustStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.californium.core.CoapServer;

/**
 * The hello-world of {@link CoapServiceBench} as a process of its own, so that its CPU time can be
 * read from {@code /proc} like the agent's: {@code HelloWorldChild AGENT_YAML SIGNED_BYTES PUBLIC_BYTES
 * [CALIFORNIUM_PROPERTIES]} starts it with the bundle's DTLS identity (and the agent's Californium
 * properties file, if any) and prints {@code READY <dtls port> <plain port>}.
 */
public final class HelloWorldChild {
  private HelloWorldChild() {
  }

  public static void main(String[] args) throws Exception {
    AgentConfig c = new AgentConfigLoader().load(Path.of(args[0]));
    DeviceIdentity id = DeviceIdentity.load(c.privateKey(), c.certificate(), c.trustAnchors(), c.crl(), c.passport(),
        Instant.now());
    DtlsCredentials creds = DtlsCredentials.of(id.signer(), id.chain(), id.trust(), Clock.systemUTC());
    CoapServer hello = CoapServiceBench.helloWorld(args.length > 3 ? Optional.of(Path.of(args[3])) : Optional.empty(), creds,
        TrustStore.certificates(c.trustAnchors()).get(0), new byte[Integer.parseInt(args[1])],
        new byte[Integer.parseInt(args[2])]);
    hello.start();
    int dtls = -1;
    int plain = -1;
    for (var e : hello.getEndpoints()) {
      if (e.getUri().getScheme().equals("coaps")) {
        dtls = e.getAddress().getPort();
      } else {
        plain = e.getAddress().getPort();
      }
    }
    System.out.println("READY " + dtls + " " + plain);
    System.out.flush();
    Thread.currentThread().join(); // until the bench destroys this process
  }
}
