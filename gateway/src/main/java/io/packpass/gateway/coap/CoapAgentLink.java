package io.packpass.gateway.coap;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.gateway.collect.AgentLink;
import io.packpass.gateway.collect.AgentUnavailableException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * {@link AgentLink} over Californium: {@code GET /updates?since=N&max=M} (CBOR array of the exact
 * COSE bytes), {@code POST /updates/ack?seq=N}, observe {@code /soh} (CBOR {@code {1: seq, ...}}),
 * {@code GET /.well-known/core}. CoAP errors and silences become {@link AgentUnavailableException}.
 */
public final class CoapAgentLink implements AgentLink {
  /** CoAP content format of COSE_Sign1 (RFC 9052). */
  static final int COSE_SIGN1 = 18;
  private static final CborLimits PAGE_LIMITS = CborLimits.DEFAULT.withMaxBytes(CoapCollectorEndpoints.MAX_BODY_SIZE);

  private final URI base;
  private final CoapClient client;
  private CoapObserveRelation observation;

  public CoapAgentLink(URI agent, CoapCollectorEndpoints endpoints, long timeoutMs) {
    this.base = agent;
    this.client = new CoapClient(agent.toString());
    this.client.setEndpoint(endpoints.forScheme(agent.getScheme()));
    this.client.setTimeout(timeoutMs);
  }

  @Override
  public String address() {
    return base.toString();
  }

  private CoapResponse call(Request request, String what) throws AgentUnavailableException {
    request.setURI(base.resolve(what).toString());
    CoapResponse response;
    try {
      response = client.advanced(request);
    } catch (ConnectorException | java.io.IOException e) {
      throw new AgentUnavailableException(what + ": " + e.getMessage());
    }
    if (response == null) {
      throw new AgentUnavailableException(what + ": no answer within " + client.getTimeout() + " ms");
    }
    if (!response.isSuccess()) {
      throw new AgentUnavailableException(what + ": " + response.getCode() + " " + response.getResponseText());
    }
    return response;
  }

  @Override
  public void discover() throws AgentUnavailableException {
    Request get = Request.newGet();
    get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
    String links = call(get, "/.well-known/core").getResponseText();
    for (String needed : List.of("</updates>", "</soh>")) {
      if (!links.contains(needed)) {
        throw new AgentUnavailableException("the agent at " + base + " does not offer " + needed + " (/.well-known/core)");
      }
    }
  }

  @Override
  public List<byte[]> updatesSince(long since, int max) throws AgentUnavailableException {
    Request get = Request.newGet();
    get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_CBOR);
    byte[] body = call(get, "/updates?since=" + since + "&max=" + max).getPayload();
    try {
      Cbor page = CborDecoder.decode(body == null ? new byte[0] : body, PAGE_LIMITS);
      if (!(page instanceof Cbor.Array array)) {
        throw new AgentUnavailableException("/updates answered something other than a CBOR array");
      }
      List<byte[]> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(CborFields.expect(array.get(i), Cbor.Bytes.class, "$[" + i + "]").value());
      }
      return out;
    } catch (CborException e) {
      throw new AgentUnavailableException("/updates answered malformed CBOR: " + e.getMessage());
    }
  }

  @Override
  public void acknowledge(long seq) throws AgentUnavailableException {
    CoapResponse response = call(Request.newPost(), "/updates/ack?seq=" + seq);
    if (response.getCode() != ResponseCode.CHANGED) {
      throw new AgentUnavailableException("/updates/ack answered " + response.getCode());
    }
  }

  /**
   * {@code POST /fresh} with {@code nonce}: the agent takes a new reading and signs it with the nonce in
   * its payload (COSE_Sign1, content format 18, with the device certificate chain). For graders.
   */
  public byte[] fresh(byte[] nonce) throws AgentUnavailableException {
    Request post = Request.newPost();
    post.setPayload(nonce);
    post.getOptions().setAccept(COSE_SIGN1);
    byte[] body = call(post, "/fresh").getPayload();
    if (body == null || body.length == 0) {
      throw new AgentUnavailableException("/fresh answered nothing");
    }
    return body;
  }

  @Override
  public synchronized void observe(LongConsumer newest) {
    if (observation != null) {
      observation.proactiveCancel();
    }
    Request get = Request.newGet();
    get.setURI(base.resolve("/soh").toString());
    get.getOptions().setAccept(MediaTypeRegistry.APPLICATION_CBOR);
    get.setObserve();
    observation = client.observe(get, new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        if (!response.isSuccess() || response.getPayload() == null) {
          return;
        }
        try {
          newest.accept(CborFields.of(CborDecoder.decode(response.getPayload()), "$").requireInt(1, 0, Long.MAX_VALUE));
        } catch (CborException e) {
          // a summary we cannot read announces nothing; the poll interval still fetches the log
        }
      }

      @Override
      public void onError() {
        // the poll interval and the next round's re-registration cover a lost observation
      }
    });
  }

  @Override
  public synchronized boolean observing() {
    return observation != null && !observation.isCanceled();
  }

  @Override
  public synchronized void close() {
    if (observation != null) {
      observation.proactiveCancel();
    }
    client.shutdown();
  }
}
