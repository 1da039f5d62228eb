package io.downhill.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.downhill.gateway.websocket.FeedBatch;
import io.downhill.numerics.training.StepRecord;
import io.downhill.session.SessionEvent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a feed cuts a session's events into messages between two flushes. */
class SessionFeedTest {

  private static SessionEvent.Stepped event(long seq, long firstStep, int count) {
    List<StepRecord> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      steps.add(new StepRecord(firstStep + i, 1.0, new double[] {0.1}, new double[] {2.0}, 0.01));
    }
    return new SessionEvent.Stepped("s", seq, steps, 0);
  }

  private static List<JsonObject> messages(FeedBatch batch) {
    return batch.fragments().stream().map(JsonObject::new).toList();
  }

  @Test
  void stepsGoOutInMessagesOfWholeEventsWithConsecutiveSequenceNumbers() {
    SessionFeed feed = new SessionFeed("s");
    long step = 1;
    for (long seq = 1; seq <= 12; seq++) {
      feed.accept(event(seq, step, 256));
      step += 256;
    }
    FeedBatch batch = feed.drain();
    List<JsonObject> messages = messages(batch);
    assertThat(messages).hasSize(3);
    long expectedSeq = 1;
    long expectedStep = 1;
    for (JsonObject message : messages) {
      assertThat(message.getLong("firstSeq")).isEqualTo(expectedSeq);
      assertThat(message.getJsonArray("steps").size())
          .isLessThanOrEqualTo(SessionFeed.STEPS_PER_MESSAGE);
      assertThat(message.getJsonArray("steps").getJsonObject(0).getLong("step"))
          .isEqualTo(expectedStep);
      expectedSeq = message.getLong("seq") + 1;
      expectedStep += message.getJsonArray("steps").size();
    }
    assertThat(batch.stepCount()).isEqualTo(3072);
    assertThat(batch.fromStep()).isEqualTo(1);
    assertThat(batch.toStep()).isEqualTo(3072);
    assertThat(feed.drain()).isNull();
  }

  @Test
  void aBacklogBeyondTheBoundBecomesOneSkippedMessage() {
    SessionFeed feed = new SessionFeed("s");
    long step = 1;
    for (long seq = 1; seq <= 100; seq++) {
      feed.accept(event(seq, step, 256));
      step += 256;
    }
    List<JsonObject> messages = messages(feed.drain());
    JsonObject skipped = messages.get(0);
    assertThat(skipped.getString("type")).isEqualTo("skipped");
    assertThat(skipped.getLong("firstSeq")).isEqualTo(1);
    assertThat(skipped.getLong("fromStep")).isEqualTo(1);
    long kept = messages.stream().skip(1).mapToLong(m -> m.getJsonArray("steps").size()).sum();
    assertThat(kept).isLessThanOrEqualTo(SessionFeed.MAX_PENDING_STEPS);
    assertThat(skipped.getLong("count") + kept).isEqualTo(25_600);
    assertThat(messages.get(1).getLong("firstSeq")).isEqualTo(skipped.getLong("seq") + 1);
    assertThat(messages.get(1).getJsonArray("steps").getJsonObject(0).getLong("step"))
        .isEqualTo(skipped.getLong("toStep") + 1);
  }
}
