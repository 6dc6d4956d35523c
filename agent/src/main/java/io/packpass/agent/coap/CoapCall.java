package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.Tier;
import io.packpass.core.pki.RoleCertificates;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.X509CertPath;

/**
 * One request as the resources see it: who is asking (the role from the DTLS client certificate,
 * {@link Role#ANONYMOUS} over plain CoAP), what it accepts, its query parameters and payload.
 */
final class CoapCall {
  private final Request request;
  private final Role role;
  private final boolean secure;

  private CoapCall(Request request, Role role, boolean secure) {
    this.request = request;
    this.role = role;
    this.secure = secure;
  }

  static CoapCall of(CoapExchange exchange) {
    Request request = exchange.advanced().getRequest();
    Principal peer = request.getSourceContext() == null ? null : request.getSourceContext().getPeerIdentity();
    if (peer instanceof X509CertPath path) {
      // The handshake validated the chain (trust anchors, validity, CRL) and that it names a role.
      return new CoapCall(request, RoleCertificates.roleOf(path.getTarget()).orElse(Role.ANONYMOUS), true);
    }
    return new CoapCall(request, Role.ANONYMOUS, peer != null);
  }

  Role role() {
    return role;
  }

  boolean secure() {
    return secure;
  }

  /** Refuses callers whose role may not read {@code tier} (4.01), saying what is needed. */
  void requireTier(Tier tier, String what) {
    if (!role.mayRead(tier)) {
      String how = secure ? "a role certificate that may read " + tier.name().toLowerCase(Locale.ROOT) + " data"
          : "coaps:// (DTLS) with a PackPass role certificate";
      throw new CoapRequestException(Reason.UNAUTHORIZED, what + " needs " + how);
    }
  }

  /**
   * The content format to answer in: the Accept option if it is one of {@code offered}, the first
   * offered when there is no Accept; 4.06 otherwise.
   */
  int negotiate(int... offered) {
    OptionSet options = request.getOptions();
    if (!options.hasAccept()) {
      return offered[0];
    }
    int accept = options.getAccept();
    for (int f : offered) {
      if (f == accept) {
        return f;
      }
    }
    throw new CoapRequestException(Reason.NOT_ACCEPTABLE, "cannot answer in content format " + accept + "; offered: "
        + Arrays.stream(offered).mapToObj(Integer::toString).collect(Collectors.joining(", ")));
  }

  /**
   * The query parameters ({@code name=value}); unknown names, repeats and parameters without a value
   * are refused (4.00).
   */
  Map<String, String> query(String... known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String q : request.getOptions().getUriQuery()) {
      int eq = q.indexOf('=');
      String name = eq < 0 ? q : q.substring(0, eq);
      if (Arrays.stream(known).noneMatch(name::equals)) {
        throw new CoapRequestException(Reason.BAD_REQUEST, "unknown query parameter '" + clip(name) + "'"
            + (known.length == 0 ? "" : "; known: " + String.join(", ", known)));
      }
      if (eq < 0) {
        throw new CoapRequestException(Reason.BAD_REQUEST, "query parameter '" + name + "' needs a value");
      }
      if (out.put(name, q.substring(eq + 1)) != null) {
        throw new CoapRequestException(Reason.BAD_REQUEST, "query parameter '" + name + "' given twice");
      }
    }
    return out;
  }

  /** A query parameter as a long in {@code [min, max]}, or {@code otherwise} when absent. */
  static long longParameter(Map<String, String> query, String name, long min, long max, long otherwise) {
    String text = query.get(name);
    if (text == null) {
      return otherwise;
    }
    try {
      long v = Long.parseLong(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new CoapRequestException(Reason.BAD_REQUEST, name + " must be an integer from " + min + " to " + max
        + ", got '" + clip(text) + "'");
  }

  byte[] payload() {
    return request.getPayload();
  }

  /** The request's Content-Format, if it has one. */
  Optional<Integer> contentFormat() {
    OptionSet options = request.getOptions();
    return options.hasContentFormat() ? Optional.of(options.getContentFormat()) : Optional.empty();
  }

  private static String clip(String s) {
    return s.length() > 24 ? s.substring(0, 24) + "..." : s;
  }
}
