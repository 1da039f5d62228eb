package io.downhill.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  @Test
  void readsTheBookkeepingOfEveryMessageAndSkipsTheValues() {
    String frame =
        "{\"frame\":7,\"messages\":["
            + "{\"type\":\"steps\",\"session\":\"k7\",\"firstSeq\":2,\"seq\":4,"
            + "\"at\":1795850000123.456,\"steps\":[{\"step\":1,\"loss\":4.4,\"grad\":[1,2,3],"
            + "\"params\":[1,2,3],\"lr\":0.01},{\"step\":2,\"loss\":4.3,\"grad\":[1,2,3],"
            + "\"params\":[1,2,3],\"lr\":0.01}]},"
            + "{\"type\":\"skipped\",\"session\":\"k7\",\"firstSeq\":5,\"seq\":90,\"count\":5120,"
            + "\"fromStep\":61,\"toStep\":5180,\"last\":{\"step\":5180,\"grad\":[0,0,0]}},"
            + "{\"type\":\"state\",\"session\":\"k7\",\"seq\":91,\"change\":\"run-finished\","
            + "\"state\":{\"seq\":91,\"step\":5180,\"params\":[1,2,3]}},"
            + "{\"type\":\"reply\",\"requestId\":1,\"command\":\"subscribe\","
            + "\"result\":{\"session\":\"k7\"}}]}";
    List<StreamMessage> messages = new ArrayList<>();

    long number = FrameReader.read(frame, messages::add);

    assertThat(number).isEqualTo(7);
    assertThat(messages)
        .containsExactly(
            new StreamMessage("steps", "k7", 2, 4, 1795850000123.456, 2, null),
            new StreamMessage("skipped", "k7", 5, 90, 0, 5120, null),
            new StreamMessage("state", "k7", 91, 91, 0, 0, "run-finished"),
            new StreamMessage("reply", null, -1, -1, 0, 0, "subscribe"));
  }
}
