package io.packpass.gateway.store;

import java.time.Instant;
import java.util.OptionalLong;

/** One signed reading's state of health (1/100 %) and remaining capacity (mAh, when it carried one). */
public record SohSample(long seq, Instant time, long sohCpct, OptionalLong capacityMah) {
}
