package io.packpass.core.update;

/**
 * What a signed update carries. {@link #BIRTH} is {@code seq} 0, signed by the manufacturer at
 * provisioning; the agent signs readings and events; status changes and decisions come from the
 * people entitled to make them. CBOR: uint.
 */
public enum UpdateKind {
  /** Static passport (model + item), the anchor of the chain. Body: {@code {1: model, 2: item, ? 3: [* predecessor]}}. */
  BIRTH(0),
  /** Annex VII condition values. Body: a condition map. */
  READING(1),
  /** Negative events. Body: {@code {1: [+ negative-event]}}. */
  EVENT(2),
  /** Status change. Body: {@code {1: status-record, ? 2: successor id}}. */
  STATUS(3),
  /** Grading decision. Body: a decision map. */
  DECISION(4);

  private final int code;

  UpdateKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static UpdateKind fromCode(long code) {
    for (UpdateKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown update kind " + code);
  }
}
