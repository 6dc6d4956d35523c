package io.packpass.agent.config;

import io.packpass.core.id.PassportId;
import io.packpass.label.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's configuration ({@code agent.yaml}), as {@link AgentConfigLoader} validated it. The
 * bundle {@code packpass provision bundle} writes holds the identity part; an operator adds the
 * profile and, where the defaults do not fit, the rest. Paths are absolute (resolved against the
 * file's directory at load).
 *
 * @param source the file it came from
 * @param profile a bundled profile id or a profile file
 * @param passport the pack's passport id
 * @param digitalLink its GS1 Digital Link URI, as printed on the label
 * @param certificate device certificate chain (PEM, device first)
 * @param privateKey the device key ({@code agent keygen}), mode 0600
 * @param trustAnchors the manufacturer's root certificate(s) (PEM)
 * @param crl the CA's certificate revocation list (PEM), if any
 * @param birthRecord the signed birth record (COSE_Sign1) provisioning wrote
 * @param journal where signed updates are kept
 * @param coap the CoAP service
 * @param updates when signed updates are made
 * @param label the pack's label: stock, printer resolution and printer ({@code agent label})
 */
public record AgentConfig(Path source, String profile, PassportId passport, String digitalLink, Path certificate,
    Path privateKey, Path trustAnchors, Optional<Path> crl, Path birthRecord, Journal journal, Coap coap,
    Updates updates, Label label) {

  public AgentConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(passport, "passport");
    Objects.requireNonNull(digitalLink, "digitalLink");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(trustAnchors, "trustAnchors");
    Objects.requireNonNull(crl, "crl");
    Objects.requireNonNull(birthRecord, "birthRecord");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(coap, "coap");
    Objects.requireNonNull(updates, "updates");
    Objects.requireNonNull(label, "label");
  }

  /**
   * @param printer a printer spec ({@code tcp://HOST[:PORT]}, {@code file:/dev/usb/lp0}, {@code file:PATH}), if any
   * @param layout the label stock loaded in that printer
   * @param dpi the printer's resolution
   */
  public record Label(Optional<String> printer, Layout layout, int dpi) {
    public Label {
      Objects.requireNonNull(printer, "printer");
      Objects.requireNonNull(layout, "layout");
    }

    /** No printer; 100 x 50 mm at 203 dpi, the common industrial label and thermal head. */
    public static final Label DEFAULT = new Label(Optional.empty(), Layout.L100X50, 203);
  }

  /**
   * @param dir the journal directory
   * @param fsync force each update to the device before it counts as made
   */
  public record Journal(Path dir, boolean fsync) {
    public Journal {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /**
   * @param bind address to listen on
   * @param port plain CoAP (public tier only); 0 picks a free port
   * @param dtlsPort CoAP over DTLS (roles by client certificate); 0 picks a free port
   * @param californiumProperties optional Californium settings file (never written by the agent)
   */
  /**
   * @param multicast whether the plain endpoint also joins the "All CoAP Nodes" group, so that a
   *     gateway can discover the agent (default: when bound to the wildcard address)
   * @param multicastInterface the network interface to join it on (default: the first multicast-capable one)
   */
  public record Coap(String bind, int port, int dtlsPort, Optional<Path> californiumProperties, boolean multicast,
      Optional<String> multicastInterface) {
    public Coap {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(californiumProperties, "californiumProperties");
      Objects.requireNonNull(multicastInterface, "multicastInterface");
    }
  }

  /**
   * When the agent signs a reading: every {@code every}; sooner when its own SOH moved by
   * {@code sohChangeCpct} or the state of charge by {@code socChangeCpct} since the last signed
   * reading; never later than {@code atLeastEvery} (a day at most: Recital 46 asks for SOH data
   * kept up to date). Negative events are signed as soon as they happen.
   */
  public record Updates(Duration every, Duration atLeastEvery, long sohChangeCpct, long socChangeCpct) {
    public Updates {
      Objects.requireNonNull(every, "every");
      Objects.requireNonNull(atLeastEvery, "atLeastEvery");
    }

    /** Hourly, at least daily, on 0.5 points of SOH or 20 points of SoC. */
    public static final Updates DEFAULT = new Updates(Duration.ofHours(1), Duration.ofDays(1), 50, 2000);
  }
}
