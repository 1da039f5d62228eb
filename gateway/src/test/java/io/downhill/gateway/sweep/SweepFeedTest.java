package io.downhill.gateway.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.websocket.ClientConnection;
import io.downhill.sweep.SweepEvent;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a feed cuts a sweep's progress into messages between two flushes. */
class SweepFeedTest {

  @Test
  void progressOfMoreVariantsThanAMessageHoldsIsSplitByVariant() {
    int variants = 10_000;
    int[] indices = new int[variants];
    double[][] losses = new double[variants][10];
    for (int k = 0; k < variants; k++) {
      indices[k] = k;
      Arrays.fill(losses[k], 1.0 / (k + 1));
    }
    SweepFeed feed = new SweepFeed("w");
    feed.accept(new SweepEvent.Progress("w", 7, 1, 10, indices, losses));
    List<String> fragments = feed.drain().fragments();

    assertThat(fragments).hasSize(3);
    BitSet seen = new BitSet();
    for (String fragment : fragments) {
      assertThat(fragment.length()).isLessThan(ClientConnection.FRAME_CHARACTERS);
      JsonObject message = new JsonObject(fragment);
      assertThat(message.getString("type")).isEqualTo("sweep-progress");
      assertThat(message.getLong("seq")).isEqualTo(7);
      var steps = message.getJsonArray("steps");
      assertThat(steps.getLong(steps.size() - 1)).isEqualTo(10); // the last step is always kept
      var part = message.getJsonArray("variants");
      assertThat(part.size()).isLessThanOrEqualTo(SweepFeed.POINTS_PER_MESSAGE);
      for (int i = 0; i < part.size(); i++) {
        int k = part.getInteger(i);
        seen.set(k);
        assertThat(message.getJsonArray("losses").getJsonArray(i)).hasSize(steps.size());
        assertThat(message.getJsonArray("losses").getJsonArray(i).getDouble(0))
            .isEqualTo(1.0 / (k + 1));
      }
    }
    assertThat(seen.cardinality()).isEqualTo(variants);
  }
}
